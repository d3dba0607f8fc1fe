// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) in
// the process, for tests that read what arrived and for `bursa bench
// outbox`, which only counts.
package mailtest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Mail is one message the server took.
type Mail struct {
	From string
	To   []string
	Data []byte
	At   time.Time
}

// Server is a running SMTP server on 127.0.0.1.
type Server struct {
	// Addr is host:port.
	Addr string
	srv  *smtp.Server
	cfg  Config

	mu    sync.Mutex
	mails []Mail
	n     atomic.Int64
	conns atomic.Int64
}

// Config shapes the server.
type Config struct {
	// Addr is where to listen (default 127.0.0.1:0, any free port).
	Addr string
	// Discard keeps no message, only the count (for benchmarks).
	Discard bool
	// TLS, when set, offers STARTTLS with it.
	TLS *tls.Config
	// User and Password, when set, are required (AUTH PLAIN).
	User, Password string
	// Reject, when set, answers RCPT TO: a non-nil error (an
	// *smtp.SMTPError) refuses the recipient.
	Reject func(to string) error
}

// Start listens and serves until Close.
func Start(cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: ln.Addr().String(), cfg: cfg}
	s.srv = smtp.NewServer(backend{s})
	s.srv.Domain = "localhost"
	s.srv.TLSConfig = cfg.TLS
	s.srv.MaxMessageBytes = 1 << 20
	s.srv.ReadTimeout = time.Minute
	s.srv.WriteTimeout = time.Minute
	s.srv.EnableSMTPUTF8 = true
	s.srv.ErrorLog = nopLogger{}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Count is how many messages arrived.
func (s *Server) Count() int64 { return s.n.Load() }

// Conns is how many connections were opened.
func (s *Server) Conns() int64 { return s.conns.Load() }

// Mails returns the messages that arrived (none with Discard).
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	b.s.conns.Add(1)
	return &session{s: b.s, authed: b.s.cfg.User == ""}, nil
}

type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}

func (x *session) AuthMechanisms() []string {
	if x.s.cfg.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != x.s.cfg.User || pass != x.s.cfg.Password {
			return errors.New("invalid credentials")
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if !x.authed {
		return errAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if !x.authed {
		return errAuthRequired
	}
	if x.s.cfg.Reject != nil {
		if err := x.s.cfg.Reject(to); err != nil {
			return err
		}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	if x.s.cfg.Discard {
		if _, err := io.Copy(io.Discard, r); err != nil {
			return err
		}
		x.s.n.Add(1)
		return nil
	}
	var b bytes.Buffer
	if _, err := b.ReadFrom(r); err != nil {
		return err
	}
	x.s.mu.Lock()
	x.s.mails = append(x.s.mails, Mail{From: x.from, To: x.to, Data: b.Bytes(), At: time.Now()})
	x.s.mu.Unlock()
	x.s.n.Add(1)
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

type nopLogger struct{}

func (nopLogger) Printf(string, ...any) {}
func (nopLogger) Println(...any)        {}
