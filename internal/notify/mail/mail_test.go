package mail_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/notify/mail"
	"github.com/bursa-banten/bursa/internal/notify/mail/mailtest"
)

func catalog(t testing.TB) *i18n.Catalog {
	t.Helper()
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// selfSigned returns a server certificate for 127.0.0.1 and a client
// config that trusts it.
func selfSigned(t testing.TB) (*tls.Config, *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		DNSNames: []string{"localhost"}, IPAddresses: nil,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}},
		&tls.Config{RootCAs: pool, ServerName: "localhost"}
}

func newSender(t testing.TB, cfg mail.Config) *mail.Sender {
	t.Helper()
	if cfg.Catalog == nil {
		cfg.Catalog = catalog(t)
	}
	if cfg.From == "" {
		cfg.From = "bursa <kabar@bursa.test>"
	}
	s, err := mail.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func start(t testing.TB, cfg mailtest.Config) *mailtest.Server {
	t.Helper()
	srv, err := mailtest.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

// parts reads a multipart/alternative message into its parts by type.
func parts(t *testing.T, m *netmail.Message) map[string]string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	out := map[string]string{}
	r := multipart.NewReader(m.Body, params["boundary"])
	var order []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, cparams, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if cparams["charset"] != "UTF-8" {
			t.Errorf("part %s charset %q, want UTF-8", ct, cparams["charset"])
		}
		b, err := io.ReadAll(p) // multipart decodes quoted-printable itself
		if err != nil {
			t.Fatal(err)
		}
		out[ct] = string(b)
		order = append(order, ct)
	}
	if len(order) != 2 || order[0] != "text/plain" || order[1] != "text/html" {
		t.Errorf("parts %v, want text/plain then text/html", order)
	}
	return out
}

// TestSendOverSTARTTLS sends a notice through a real SMTP server that
// requires authentication over STARTTLS and reads what arrived.
func TestSendOverSTARTTLS(t *testing.T) {
	serverTLS, clientTLS := selfSigned(t)
	srv := start(t, mailtest.Config{TLS: serverTLS, User: "bursa", Password: "rahasia"})
	s := newSender(t, mail.Config{URL: "smtp://bursa:rahasia@" + srv.Addr, TLS: clientTLS})
	m := notify.Message{ID: 42, Channel: notify.Email, Kind: notify.Application, To: "siti@contoh.id", Lang: "id",
		Subject: "Lamaran Anda diterima — PT Ñusantara <Cilegon>",
		Text:    "Selamat! Lamaran Anda untuk Operator Produksi diterima.\n\nDatang hari Senin pukul 08.00 & bawa KTP.",
		URL:     "https://bursa.test/lamaran/7", Unsubscribe: "https://bursa.test/berhenti?t=1.lamaran.email.abc"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	mails := srv.Mails()
	if len(mails) != 1 {
		t.Fatalf("%d mails arrived, want 1", len(mails))
	}
	got := mails[0]
	if got.From != "kabar@bursa.test" || len(got.To) != 1 || got.To[0] != "siti@contoh.id" {
		t.Errorf("envelope %q → %q", got.From, got.To)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(got.Data))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	subj, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subj != m.Subject {
		t.Errorf("Subject %q (%v), want %q", subj, err, m.Subject)
	}
	if h.Get("Message-Id") != "<bursa-42@bursa.test>" {
		t.Errorf("Message-ID %q", h.Get("Message-Id"))
	}
	if h.Get("List-Unsubscribe") != "<"+m.Unsubscribe+">" || h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe %q, List-Unsubscribe-Post %q", h.Get("List-Unsubscribe"), h.Get("List-Unsubscribe-Post"))
	}
	if h.Get("Content-Language") != "id" || h.Get("Auto-Submitted") != "auto-generated" {
		t.Errorf("Content-Language %q Auto-Submitted %q", h.Get("Content-Language"), h.Get("Auto-Submitted"))
	}
	if from, _ := netmail.ParseAddress(h.Get("From")); from == nil || from.Address != "kabar@bursa.test" {
		t.Errorf("From %q", h.Get("From"))
	}
	p := parts(t, msg)
	text, html := p["text/plain"], p["text/html"]
	for _, want := range []string{"Selamat! Lamaran Anda", "Datang hari Senin pukul 08.00 & bawa KTP.",
		"Buka di bursa: https://bursa.test/lamaran/7", "Berhenti menerima kabar jenis ini lewat email: " + m.Unsubscribe} {
		if !strings.Contains(text, want) {
			t.Errorf("text part lacks %q:\n%s", want, text)
		}
	}
	for _, want := range []string{`<html lang="id">`, "PT Ñusantara &lt;Cilegon&gt;", "<p>Datang hari Senin pukul 08.00 &amp; bawa KTP.</p>",
		`<a href="https://bursa.test/lamaran/7"`, `<a href="https://bursa.test/berhenti?t=1.lamaran.email.abc"`} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, html)
		}
	}
	if strings.Contains(html, "<Cilegon>") {
		t.Error("HTML part has the subject unescaped")
	}
}

// TestAccountMessage: a code in English, no unsubscribe (account messages
// cannot be turned off), the code shown even when the text lacks it.
func TestAccountMessage(t *testing.T) {
	srv := start(t, mailtest.Config{})
	s := newSender(t, mail.Config{URL: "smtp://" + srv.Addr + "?starttls=off"})
	err := s.Send(context.Background(), notify.Message{ID: 7, Channel: notify.Email, Kind: notify.Account, To: "a@b.id",
		Lang: "en", Subject: "Your bursa code", Code: "482913"})
	if err != nil {
		t.Fatal(err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(srv.Mails()[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	if msg.Header.Get("List-Unsubscribe") != "" || msg.Header.Get("Auto-Submitted") != "" {
		t.Errorf("account message has List-Unsubscribe %q / Auto-Submitted %q", msg.Header.Get("List-Unsubscribe"), msg.Header.Get("Auto-Submitted"))
	}
	p := parts(t, msg)
	if !strings.Contains(p["text/plain"], "482913") || !strings.Contains(p["text/html"], "482913") {
		t.Errorf("code missing:\n%s\n%s", p["text/plain"], p["text/html"])
	}
	if !strings.Contains(p["text/plain"], "This message was sent by bursa") || strings.Contains(p["text/plain"], "Stop receiving") {
		t.Errorf("English footer without unsubscribe wanted:\n%s", p["text/plain"])
	}
}

// TestConnectionsReused: many concurrent sends share a few connections.
func TestConnectionsReused(t *testing.T) {
	srv := start(t, mailtest.Config{Discard: true})
	s := newSender(t, mail.Config{URL: "smtp://" + srv.Addr + "?starttls=off", Conns: 3})
	var wg sync.WaitGroup
	errs := make(chan error, 300)
	for i := range 300 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- s.Send(context.Background(), notify.Message{ID: int64(i), Kind: notify.Alert, To: fmt.Sprintf("p%d@contoh.id", i), Subject: "Lowongan baru", Text: "Ada lowongan."})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if srv.Count() != 300 {
		t.Errorf("%d mails arrived, want 300", srv.Count())
	}
	if c := srv.Conns(); c < 1 || c > 3 {
		t.Errorf("%d connections opened, want 1–3", c)
	}
}

// TestErrorClasses: a 550 for a recipient is permanent, a 451 is retried,
// and the connection serves the next message either way.
func TestErrorClasses(t *testing.T) {
	srv := start(t, mailtest.Config{Reject: func(to string) error {
		switch to {
		case "tidakada@contoh.id":
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
		case "penuh@contoh.id":
			return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
		}
		return nil
	}})
	s := newSender(t, mail.Config{URL: "smtp://" + srv.Addr + "?starttls=off", Conns: 1})
	send := func(to string) error {
		return s.Send(context.Background(), notify.Message{ID: 1, Kind: notify.Alert, To: to, Subject: "x", Text: "y"})
	}
	err := send("tidakada@contoh.id")
	if err == nil || !notify.IsPermanent(err) || !strings.Contains(err.Error(), "550") {
		t.Errorf("550: %v (permanent %v), want permanent", err, notify.IsPermanent(err))
	}
	err = send("penuh@contoh.id")
	if err == nil || notify.IsPermanent(err) {
		t.Errorf("451: %v, want a temporary error", err)
	}
	if err := send("ada@contoh.id"); err != nil {
		t.Fatal(err)
	}
	if srv.Count() != 1 || srv.Conns() != 1 {
		t.Errorf("%d mails over %d connections, want 1 over 1", srv.Count(), srv.Conns())
	}
	// An address no server can take is refused before any connection.
	if err := send("bukan alamat"); !notify.IsPermanent(err) {
		t.Errorf("bad address: %v, want permanent", err)
	}
}

// TestReconnect: a pooled connection the server dropped is replaced
// without failing the message.
func TestReconnect(t *testing.T) {
	srv := start(t, mailtest.Config{})
	s := newSender(t, mail.Config{URL: "smtp://" + srv.Addr + "?starttls=off"})
	m := notify.Message{ID: 1, Kind: notify.Alert, To: "a@contoh.id", Subject: "x", Text: "y"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	srv.Close() // drops the pooled connection
	srv2 := start(t, mailtest.Config{Addr: srv.Addr})
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("after the server restarted: %v", err)
	}
	if srv2.Count() != 1 {
		t.Errorf("%d mails at the new server, want 1", srv2.Count())
	}
	// With the server gone, the error is one to retry.
	srv2.Close()
	if err := s.Send(context.Background(), m); err == nil || notify.IsPermanent(err) {
		t.Errorf("server down: %v, want a temporary error", err)
	}
}

// TestSTARTTLSMandatory: a server without STARTTLS gets nothing unless the
// URL says starttls=off.
func TestSTARTTLSMandatory(t *testing.T) {
	srv := start(t, mailtest.Config{})
	s := newSender(t, mail.Config{URL: "smtp://" + srv.Addr})
	err := s.Send(context.Background(), notify.Message{ID: 1, Kind: notify.Alert, To: "a@contoh.id", Subject: "x", Text: "y"})
	if err == nil || notify.IsPermanent(err) {
		t.Errorf("no STARTTLS: %v, want a temporary error", err)
	}
	if srv.Count() != 0 {
		t.Error("a message crossed without TLS")
	}
}

func TestConfig(t *testing.T) {
	cat := catalog(t)
	for _, bad := range []mail.Config{
		{URL: "http://x:25", From: "a@b.id"},
		{URL: "smtp://:25", From: "a@b.id"},
		{URL: "smtp://x:25?starttls=maybe", From: "a@b.id"},
		{URL: "smtp://x:port", From: "a@b.id"},
		{URL: "smtp://x:25", From: "bukan alamat"},
	} {
		bad.Catalog = cat
		if s, err := mail.New(bad); err == nil {
			s.Close()
			t.Errorf("New(%+v) accepted", bad)
		}
	}
	if got := mail.Redact("smtp://u:rahasia@h:587"); strings.Contains(got, "rahasia") {
		t.Errorf("Redact kept the password: %s", got)
	}
}
