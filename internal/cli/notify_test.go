package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify/mail/mailtest"
)

// TestServeDeliversMail: `bursa serve --smtp` runs the outbox worker, which
// hands a queued message to a real SMTP server, its link made absolute
// under --base-url; the log names the channels that are on.
func TestServeDeliversMail(t *testing.T) {
	smtpd, err := mailtest.Start(mailtest.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer smtpd.Close()
	dir := t.TempDir()
	dbPath, dataDir := filepath.Join(dir, "bursa.db"), filepath.Join(dir, "data")
	srv := startServe(t, "--db", dbPath, "--data", dataDir, "--base-url", "https://bursa.test",
		"--smtp", "smtp://"+smtpd.Addr+"?starttls=off", "--mail-from", "bursa <kabar@bursa.test>")
	ctx := context.Background()
	d, err := db.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	now := time.Now().UTC()
	if _, err := d.ExecContext(ctx, `INSERT INTO outbox (kind, channel, address, lang, subject, body, url, next_at, created_at)
		VALUES ('pengaduan', 'email', 'siti@contoh.id', 'id', 'Kabar pengaduan', 'Pengaduan Anda ditindaklanjuti.', '/pengaduan/lacak', ?, ?)`, now, now); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); smtpd.Count() == 0; {
		if time.Now().After(deadline) {
			t.Fatal("no mail arrived in 30 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	m := smtpd.Mails()[0]
	if m.To[0] != "siti@contoh.id" || !bytes.Contains(m.Data, []byte("https://bursa.test/pengaduan/lacak")) {
		t.Errorf("mail to %v:\n%s", m.To, m.Data)
	}
	var status string
	for deadline := time.Now().Add(30 * time.Second); status != "sent"; time.Sleep(20 * time.Millisecond) {
		if err := d.QueryRowContext(ctx, `SELECT status FROM outbox`).Scan(&status); err != nil {
			t.Fatal(err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox status %q, want sent", status)
		}
	}
	srv.cmd.Process.Kill()
	<-srv.done // the log is complete
	if log := srv.stderr.String(); !strings.Contains(log, "notifications: inbox and email") || !strings.Contains(log, "channels=email") {
		t.Errorf("log does not name the channels:\n%s", log)
	}
}

// TestServeWithoutGateways says at start that messages stay in the inbox.
func TestServeWithoutGateways(t *testing.T) {
	dir := t.TempDir()
	srv := startServe(t, "--db", filepath.Join(dir, "bursa.db"), "--data", filepath.Join(dir, "data"))
	srv.cmd.Process.Kill()
	<-srv.done
	if log := srv.stderr.String(); !strings.Contains(log, "messages go to the in-app inbox only") {
		t.Errorf("log does not say so:\n%s", log)
	}
}
