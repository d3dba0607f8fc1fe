// Package mail delivers notify messages as email over SMTP, with
// github.com/wneessen/go-mail building the MIME and speaking SMTP.
//
// A Sender keeps a small pool of open SMTP connections and reuses them:
// opening a connection (TCP, EHLO, STARTTLS, AUTH) costs several round
// trips and a TLS handshake, sending one more message on an open one costs
// four (MAIL, RCPT, DATA, the data), which is what lets one process hand
// hundreds of messages a second to a relay. Each connection is used by one
// goroutine at a time; a connection that failed is closed and replaced, one
// idle for longer than Config.Idle is closed before the server drops it.
package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"

	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/notify"
)

// Config says where and how to send.
type Config struct {
	// URL names the server: smtp://user:pass@host:587 (STARTTLS, which the
	// server must offer: no password or message crosses the network in
	// clear), smtp://host:25?starttls=off (a relay on this machine or a
	// test server, without TLS), smtps://user:pass@host:465 (TLS from the
	// first byte).
	URL string
	// From is the sender, e.g. "bursa <kabar@bursa.bantenprov.go.id>".
	From string
	// Catalog renders the footer in the message's language.
	Catalog *i18n.Catalog
	// Conns is the most connections kept open at once (default 8). The
	// worker's Parallel sends wait for a free connection beyond it.
	Conns int
	// Idle closes a connection unused this long (default 30 s).
	Idle time.Duration
	// Timeout bounds dialing and each SMTP command (default 15 s).
	Timeout time.Duration
	// TLS overrides the TLS settings (tests trust their own certificate).
	TLS *tls.Config
	Log *slog.Logger
}

// Sender sends notify messages by email. It is safe for concurrent use.
type Sender struct {
	cfg    Config
	client *gomail.Client // settings only; connections live in the pool
	from   *mail.Address
	domain string // for Message-IDs

	turns chan struct{} // one token per send under way (at most Conns)
	mu    sync.Mutex
	idle  []*conn // open connections not in use, most recent last
	done  chan struct{}
	once  sync.Once
}

type conn struct {
	c    *smtp.Client
	used time.Time
}

// New checks cfg and returns a Sender; it connects on the first Send.
func New(cfg Config) (*Sender, error) {
	if cfg.Conns <= 0 {
		cfg.Conns = 8
	}
	if cfg.Idle <= 0 {
		cfg.Idle = 30 * time.Second
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Catalog == nil {
		return nil, errors.New("mail: no catalog")
	}
	from, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("mail: sender %q: %w", cfg.From, err)
	}
	client, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	s := &Sender{cfg: cfg, client: client, from: from, domain: from.Address[strings.LastIndexByte(from.Address, '@')+1:],
		turns: make(chan struct{}, cfg.Conns), done: make(chan struct{})}
	go s.reap()
	return s, nil
}

// newClient reads the URL into go-mail's settings.
func newClient(cfg Config) (*gomail.Client, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		return nil, fmt.Errorf("mail: --smtp: %w", err)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("mail: --smtp %q names no host", Redact(cfg.URL))
	}
	opts := []gomail.Option{gomail.WithTimeout(cfg.Timeout),
		// The pool checks its connections itself (idle time, errors): a
		// NOOP before and a RSET after every message would add two round
		// trips to the four a message needs.
		gomail.WithoutNoop(), gomail.WithoutRset()}
	port := 0
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("mail: --smtp port %q: %w", p, err)
		}
	}
	switch u.Scheme {
	case "smtp":
		if port == 0 {
			port = 587
		}
		switch u.Query().Get("starttls") {
		case "", "on", "mandatory":
			opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
		case "off":
			opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
		default:
			return nil, fmt.Errorf("mail: --smtp starttls=%q: want on or off", u.Query().Get("starttls"))
		}
	case "smtps":
		if port == 0 {
			port = 465
		}
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("mail: --smtp scheme %q: want smtp:// or smtps://", u.Scheme)
	}
	opts = append(opts, gomail.WithPort(port))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	tc := cfg.TLS
	if tc == nil {
		tc = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if tc.ServerName == "" {
		tc = tc.Clone()
		tc.ServerName = u.Hostname()
	}
	opts = append(opts, gomail.WithTLSConfig(tc))
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	return c, nil
}

// Redact hides the password of an SMTP URL, for logs.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unreadable URL)"
	}
	return u.Redacted()
}

// Send delivers m. A recipient or message the server refuses for good (a
// 5xx answer to RCPT or to the message) is notify.Permanent; anything else
// (4xx, a lost connection, a timeout) is worth another try later.
func (s *Sender) Send(ctx context.Context, m notify.Message) error {
	msg, err := s.build(m)
	if err != nil {
		return notify.Permanent(err)
	}
	// A pooled connection may have been dropped by the server since its
	// last use, which shows only now: try once more on a fresh one.
	for try := 0; ; try++ {
		c, fresh, err := s.get(ctx)
		if err != nil {
			return fmt.Errorf("mail: connect %s: %w", s.client.ServerAddr(), err)
		}
		err = s.client.SendWithSMTPClient(c.c, msg)
		if err == nil {
			s.put(c)
			return nil
		}
		var se *gomail.SendError
		smtpAnswer := errors.As(err, &se) && se.ErrorCode() >= 400
		if smtpAnswer && se.Reason == gomail.ErrSMTPRcptTo {
			// The connection is fine and was reset: keep it.
			s.put(c)
		} else {
			s.drop(c)
		}
		if !smtpAnswer && !fresh && try == 0 {
			continue
		}
		return classify(err)
	}
}

// classify marks a permanent refusal.
func classify(err error) error {
	var se *gomail.SendError
	if errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
		switch se.Reason {
		case gomail.ErrSMTPRcptTo, gomail.ErrSMTPDataClose:
			// This address, or this message to it, is refused: no retry
			// will change the answer. A 5xx to MAIL FROM is our own
			// setup (sender not allowed, authentication) and retried, so
			// the queue waits for the operator's fix rather than dying.
			return notify.Permanent(fmt.Errorf("mail: %w", err))
		}
	}
	return fmt.Errorf("mail: %w", err)
}

// get waits for a turn (at most Conns sends at once) and returns an open
// connection from the pool, or a new one; fresh says it was just dialed.
// Since a send dials only when no idle connection is left, at most Conns
// connections are ever open.
func (s *Sender) get(ctx context.Context) (*conn, bool, error) {
	select {
	case s.turns <- struct{}{}:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	for {
		s.mu.Lock()
		if len(s.idle) == 0 {
			s.mu.Unlock()
			break
		}
		// The most recently used first, so that the others go idle and
		// the reaper closes them when traffic falls.
		c := s.idle[len(s.idle)-1]
		s.idle = s.idle[:len(s.idle)-1]
		s.mu.Unlock()
		if time.Since(c.used) < s.cfg.Idle && c.c.HasConnection() {
			return c, false, nil
		}
		_ = c.c.Close()
	}
	c, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		<-s.turns
		return nil, false, err
	}
	return &conn{c: c, used: time.Now()}, true, nil
}

// put returns c to the pool and ends the turn.
func (s *Sender) put(c *conn) {
	c.used = time.Now()
	s.mu.Lock()
	s.idle = append(s.idle, c)
	s.mu.Unlock()
	<-s.turns
}

// drop closes c and ends the turn.
func (s *Sender) drop(c *conn) {
	_ = c.c.Close()
	<-s.turns
}

// reap closes connections left idle, every few seconds until Close.
func (s *Sender) reap() {
	tick := time.NewTicker(max(s.cfg.Idle/4, 100*time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-tick.C:
		}
		s.mu.Lock()
		var old []*conn
		keep := s.idle[:0]
		for _, c := range s.idle {
			if time.Since(c.used) >= s.cfg.Idle {
				old = append(old, c)
			} else {
				keep = append(keep, c)
			}
		}
		s.idle = keep
		s.mu.Unlock()
		for _, c := range old {
			_ = s.client.CloseWithSMTPClient(c.c) // QUIT, politely
		}
	}
}

// Close ends the idle connections (with QUIT) and stops the reaper.
// Connections in use are kept until their Send returns them.
func (s *Sender) Close() error {
	s.once.Do(func() { close(s.done) })
	s.mu.Lock()
	idle := s.idle
	s.idle = nil
	s.mu.Unlock()
	for _, c := range idle {
		_ = s.client.CloseWithSMTPClient(c.c)
	}
	return nil
}

// build turns m into a MIME message: plain text first, then the same in
// simple HTML.
func (s *Sender) build(m notify.Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: recipient %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	// Stable across retries: a message sent twice (a worker killed after
	// the server took it) shows as one in clients that thread by it.
	msg.SetMessageIDWithValue(fmt.Sprintf("bursa-%d@%s", m.ID, s.domain))
	lang := i18n.Lang(m.Lang)
	msg.SetGenHeader(gomail.HeaderContentLang, lang)
	if m.Unsubscribe != "" {
		// RFC 8058: a mail client's "unsubscribe" button posts to the link
		// and turns this kind off on this channel, without a login.
		msg.SetGenHeaderPreformatted("List-Unsubscribe", "<"+m.Unsubscribe+">")
		msg.SetGenHeaderPreformatted("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	if m.Kind != notify.Account {
		msg.SetGenHeader("Auto-Submitted", "auto-generated")
	}
	text, html, err := s.render(lang, m)
	if err != nil {
		return nil, err
	}
	msg.SetBodyString(gomail.TypeTextPlain, text)
	msg.AddAlternativeString(gomail.TypeTextHTML, html)
	return msg, nil
}

// view is what the HTML template fills in.
type view struct {
	Lang, Subject string
	Paras         []string
	Code          string
	URL, Open     string
	Unsub, UnsubT string
	Footer        string
}

var page = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em;margin:0 auto;padding:1em">
<h1 style="font-size:1.25em">{{.Subject}}</h1>
{{range .Paras}}<p>{{.}}</p>
{{end}}{{if .Code}}<p style="font-size:1.75em;letter-spacing:.2em;font-weight:bold">{{.Code}}</p>
{{end}}{{if .URL}}<p><a href="{{.URL}}" style="color:#0b57d0">{{.Open}}</a></p>
{{end}}<hr style="border:0;border-top:1px solid #ccc">
<p style="font-size:.85em;color:#555">{{.Footer}}{{if .Unsub}}<br><a href="{{.Unsub}}" style="color:#555">{{.UnsubT}}</a>{{end}}</p>
</body></html>
`))

func (s *Sender) render(lang string, m notify.Message) (string, string, error) {
	t := func(key string, args ...any) string { return s.cfg.Catalog.T(lang, key, args...) }
	v := view{Lang: lang, Subject: m.Subject, Code: m.Code, URL: m.URL, Open: t("mailer.open"),
		Unsub: m.Unsubscribe, UnsubT: t("mailer.unsubscribe"), Footer: t("mailer.footer")}
	var b strings.Builder
	if m.Text != "" {
		b.WriteString(m.Text)
		b.WriteString("\n\n")
		for _, p := range strings.Split(strings.ReplaceAll(m.Text, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				v.Paras = append(v.Paras, p)
			}
		}
	} else {
		b.WriteString(m.Subject + "\n\n")
	}
	if m.Code != "" && !strings.Contains(m.Text, m.Code) {
		b.WriteString(m.Code + "\n\n")
	} else {
		v.Code = ""
	}
	if m.URL != "" {
		b.WriteString(t("mailer.open") + ": " + m.URL + "\n\n")
	}
	b.WriteString("-- \n" + t("mailer.footer") + "\n")
	if m.Unsubscribe != "" {
		b.WriteString(t("mailer.unsubscribe") + ": " + m.Unsubscribe + "\n")
	}
	var h bytes.Buffer
	if err := page.Execute(&h, v); err != nil {
		return "", "", fmt.Errorf("mail: html: %w", err)
	}
	return b.String(), h.String(), nil
}
