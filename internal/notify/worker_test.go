package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/notify/mail"
	"github.com/bursa-banten/bursa/internal/notify/mail/mailtest"
	"github.com/bursa-banten/bursa/internal/notify/whatsapp"
	"github.com/bursa-banten/bursa/internal/wib"
)

// rig is a bursa with a real SMTP server, a stand-in WhatsApp Cloud API and
// a worker delivering to both.
type rig struct {
	t     *testing.T
	a     *app.Services
	clk   *apptest.Clock
	smtpd *mailtest.Server
	// refuse answers RCPT TO for an address ("" accepts).
	mu     sync.Mutex
	refuse map[string]*smtp.SMTPError
	wa     atomic.Int64 // WhatsApp messages the API took
	waTo   chan string
	w      *notify.Worker
}

func newRig(t *testing.T, d *db.DB) *rig {
	t.Helper()
	r := &rig{t: t, refuse: map[string]*smtp.SMTPError{}, waTo: make(chan string, 100)}
	r.a, r.clk = apptest.Services(t, d)
	r.a.Notify.BaseURL = "https://bursa.test"
	var err error
	r.smtpd, err = mailtest.Start(mailtest.Config{Reject: func(to string) error {
		r.mu.Lock()
		defer r.mu.Unlock()
		if e := r.refuse[to]; e != nil {
			return e
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.smtpd.Close() })
	ms, err := mail.New(mail.Config{URL: "smtp://" + r.smtpd.Addr + "?starttls=off", From: "bursa <kabar@bursa.test>", Catalog: r.a.Catalog})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ms.Close() })
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var body whatsapp.Request
		b, _ := io.ReadAll(req.Body)
		if err := json.Unmarshal(b, &body); err != nil {
			t.Errorf("WhatsApp body %s: %v", b, err)
		}
		r.wa.Add(1)
		r.waTo <- body.To + " " + body.Template.Name
		io.WriteString(w, `{"messages":[{"id":"wamid.1"}]}`)
	}))
	t.Cleanup(api.Close)
	ws, err := whatsapp.New(whatsapp.Config{URL: api.URL, PhoneID: "1", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	r.w = &notify.Worker{Store: r.a.Notify, Senders: map[notify.Channel]notify.Sender{notify.Email: ms, notify.WhatsApp: ws},
		Log: r.a.Log, Batch: 50, Parallel: 4}
	return r
}

// person registers a seeker with a verified email (and phone, when given)
// who consented to those channels.
func (r *rig) person(email, phone string) int64 {
	r.t.Helper()
	ctx := context.Background()
	u, err := r.a.Auth.Create(ctx, r.a.DB, auth.NewUser{Login: email, Name: "Siti Rahma", Password: "kuda-lari-di-sawah-2026",
		Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		r.t.Fatal(err)
	}
	now := r.clk.Now().UTC()
	if _, err := r.a.DB.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
		u.ID, email, now, now); err != nil {
		r.t.Fatal(err)
	}
	if err := r.a.Notify.SetConsent(ctx, r.a.DB, u.ID, notify.Email, true); err != nil {
		r.t.Fatal(err)
	}
	if phone != "" {
		if _, err := r.a.DB.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'phone', ?, ?, ?)`,
			u.ID, phone, now, now); err != nil {
			r.t.Fatal(err)
		}
		if err := r.a.Notify.SetConsent(ctx, r.a.DB, u.ID, notify.WhatsApp, true); err != nil {
			r.t.Fatal(err)
		}
	}
	return u.ID
}

// send tells user a notice in a transaction, as an event would.
func (r *rig) send(user int64, n notify.Notice) {
	r.t.Helper()
	n.To = user
	if n.Kind == "" {
		n.Kind = notify.Application
	}
	if n.Title == "" {
		n.Title, n.Body, n.URL = "mailer.open", "mailer.footer", "/lamaran/7"
	}
	err := r.a.DB.InTx(context.Background(), func(tx *db.Tx) error {
		_, err := r.a.Notify.Send(context.Background(), tx, n)
		return err
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

func (r *rig) runOnce() int {
	r.t.Helper()
	n, err := r.w.RunOnce(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

type row struct {
	Status, Body, Code, LastError string
	Attempts                      int
	NextAt                        time.Time
	Sent                          bool
}

func (r *rig) outbox(where string, args ...any) []row {
	r.t.Helper()
	rows, err := r.a.DB.QueryContext(context.Background(), `SELECT status, body, code, last_error, attempts, next_at, sent_at IS NOT NULL
		FROM outbox WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		r.t.Fatal(err)
	}
	defer rows.Close()
	var out []row
	for rows.Next() {
		var x row
		if err := rows.Scan(&x.Status, &x.Body, &x.Code, &x.LastError, &x.Attempts, &x.NextAt, &x.Sent); err != nil {
			r.t.Fatal(err)
		}
		out = append(out, x)
	}
	return out
}

// TestDeliver: a notice lands in the inbox and the outbox in the event's
// transaction, and the worker hands it to a real SMTP server.
func TestDeliver(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		ctx := context.Background()
		u := r.person("siti@contoh.id", "")
		r.send(u, notify.Notice{})
		items, unread, err := r.a.Notify.List(ctx, &auth.User{ID: u}, 10)
		if err != nil || len(items) != 1 || unread != 1 {
			t.Fatalf("inbox %v, unread %d, err %v", items, unread, err)
		}
		if got := r.outbox("user_id = ?", u); len(got) != 1 || got[0].Status != notify.Pending {
			t.Fatalf("outbox %+v, want one pending", got)
		}
		if n := r.runOnce(); n != 1 {
			t.Fatalf("claimed %d, want 1", n)
		}
		got := r.outbox("user_id = ?", u)
		if got[0].Status != notify.Sent || !got[0].Sent || got[0].Body == "" || got[0].Attempts != 1 {
			t.Errorf("after delivery %+v, want sent with its body kept", got[0])
		}
		mails := r.smtpd.Mails()
		if len(mails) != 1 || mails[0].To[0] != "siti@contoh.id" {
			t.Fatalf("mails %v", mails)
		}
		m, err := netmail.ReadMessage(bytes.NewReader(mails[0].Data))
		if err != nil {
			t.Fatal(err)
		}
		unsub := m.Header.Get("List-Unsubscribe")
		if !strings.HasPrefix(unsub, "<https://bursa.test/berhenti?t=") {
			t.Fatalf("List-Unsubscribe %q", unsub)
		}
		// The link works: it turns this kind off for email.
		token := strings.TrimSuffix(strings.TrimPrefix(unsub, "<https://bursa.test/berhenti?t="), ">")
		token = strings.ReplaceAll(token, "%2E", ".")
		if k, c, err := r.a.Notify.Unsubscribe(ctx, token); err != nil || k != notify.Application || c != notify.Email {
			t.Errorf("Unsubscribe(%q) = %s %s %v", token, k, c, err)
		}
		body, _ := io.ReadAll(m.Body)
		if !bytes.Contains(body, []byte("https://bursa.test/lamaran/7")) {
			t.Errorf("the absolute link is missing:\n%s", body)
		}
		if n := r.runOnce(); n != 0 {
			t.Errorf("a second run claimed %d", n)
		}
	})
}

// TestAccountCodeWiped: a one-time code goes out and is then gone from the
// outbox, body and code both.
func TestAccountCodeWiped(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		u := r.person("siti@contoh.id", "")
		r.send(u, notify.Notice{Kind: notify.Account, Title: "mailer.open", Body: "mailer.footer", Code: "482913"})
		r.runOnce()
		if !bytes.Contains(r.smtpd.Mails()[0].Data, []byte("482913")) {
			t.Error("the code did not arrive")
		}
		got := r.outbox("user_id = ?", u)
		if len(got) != 1 || got[0].Status != notify.Sent || got[0].Body != "" || got[0].Code != "" {
			t.Errorf("after delivery %+v, want sent with body and code wiped", got)
		}
	})
}

// TestRetryAndDeadLetter: a 451 is tried again after a backoff, a 550
// goes to the dead letters at once, the admin's retry delivers it.
func TestRetryAndDeadLetter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		ctx := context.Background()
		u := r.person("siti@contoh.id", "")
		r.refuse["siti@contoh.id"] = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 2, 1}, Message: "Mailbox busy"}
		r.send(u, notify.Notice{})
		r.runOnce()
		got := r.outbox("user_id = ?", u)[0]
		now := r.clk.Now().UTC()
		if got.Status != notify.Pending || got.Attempts != 1 || !strings.Contains(got.LastError, "451") ||
			got.NextAt.Before(now.Add(15*time.Second)) || got.NextAt.After(now.Add(30*time.Second)) {
			t.Fatalf("after a 451: %+v (now %s), want pending, 15–30 s later", got, now)
		}
		if n := r.runOnce(); n != 0 {
			t.Errorf("claimed %d before the backoff ended", n)
		}
		// Now the mailbox does not exist.
		r.refuse["siti@contoh.id"] = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}
		r.clk.T = r.clk.T.Add(time.Minute)
		r.runOnce()
		got = r.outbox("user_id = ?", u)[0]
		if got.Status != notify.Dead || !strings.Contains(got.LastError, "550") {
			t.Fatalf("after a 550: %+v, want dead", got)
		}
		letters, err := r.a.Notify.Letters(ctx, notify.Dead, 10)
		if err != nil || len(letters) != 1 {
			t.Fatalf("dead letters %v %v", letters, err)
		}
		r.clk.T = r.clk.T.Add(24 * time.Hour)
		if n := r.runOnce(); n != 0 {
			t.Errorf("a dead letter was claimed")
		}
		delete(r.refuse, "siti@contoh.id")
		if ok, err := r.a.Notify.Retry(ctx, letters[0].ID); !ok || err != nil {
			t.Fatalf("Retry = %v %v", ok, err)
		}
		if ok, _ := r.a.Notify.Retry(ctx, letters[0].ID); ok {
			t.Error("a second Retry of a letter no longer dead")
		}
		r.runOnce()
		if got = r.outbox("user_id = ?", u)[0]; got.Status != notify.Sent || r.smtpd.Count() != 1 {
			t.Errorf("after the retry %+v, %d mails", got, r.smtpd.Count())
		}
	})
}

// TestOutOfTries: temporary failures end in the dead letters after
// MaxAttempts.
func TestOutOfTries(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		r.w.MaxAttempts = 3
		u := r.person("siti@contoh.id", "")
		r.refuse["siti@contoh.id"] = &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 2, 2}, Message: "Mailbox full"}
		r.send(u, notify.Notice{})
		for i := 1; i <= 3; i++ {
			if n := r.runOnce(); n != 1 {
				t.Fatalf("try %d claimed %d", i, n)
			}
			r.clk.T = r.clk.T.Add(7 * time.Hour)
		}
		if got := r.outbox("user_id = ?", u)[0]; got.Status != notify.Dead || got.Attempts != 3 {
			t.Errorf("after 3 tries %+v, want dead", got)
		}
	})
}

// TestQuietHours: at 22:00 WIB email goes at once, WhatsApp waits until
// 06:00 WIB; a code goes by WhatsApp at night too.
func TestQuietHours(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		r.clk.T = time.Date(2026, 3, 2, 22, 0, 0, 0, wib.Zone)
		u := r.person("siti@contoh.id", "+6281234567890")
		r.send(u, notify.Notice{})
		r.runOnce()
		if r.smtpd.Count() != 1 || r.wa.Load() != 0 {
			t.Fatalf("at 22:00: %d mails, %d WhatsApp, want 1 and 0", r.smtpd.Count(), r.wa.Load())
		}
		wa := r.outbox("user_id = ? AND channel = 'whatsapp'", u)
		if len(wa) != 1 || wa[0].Status != notify.Pending || !wa[0].NextAt.Equal(time.Date(2026, 3, 3, 6, 0, 0, 0, wib.Zone)) {
			t.Fatalf("WhatsApp row %+v, want pending until 06:00 WIB", wa)
		}
		// A code is not held.
		err := r.a.DB.InTx(context.Background(), func(tx *db.Tx) error {
			return r.a.Notify.SendDirect(context.Background(), tx, notify.Direct{User: u, Kind: notify.Account, Channel: notify.WhatsApp,
				Address: "+6281234567890", Title: "mailer.open", Code: "123456"})
		})
		if err != nil {
			t.Fatal(err)
		}
		r.runOnce()
		if got := <-r.waTo; got != "6281234567890 bursa_kode" || r.wa.Load() != 1 {
			t.Errorf("at night WhatsApp took %q (%d), want only the code", got, r.wa.Load())
		}
		r.clk.T = time.Date(2026, 3, 3, 6, 0, 0, 0, wib.Zone)
		r.runOnce()
		if got := <-r.waTo; got != "6281234567890 bursa_kabar" {
			t.Errorf("at 06:00 WhatsApp took %q", got)
		}
		// A message claimed in the quiet hours (queued before 21:00, a
		// worker catching up) is put back, not sent, and costs no try.
		r.clk.T = time.Date(2026, 3, 3, 20, 59, 0, 0, wib.Zone)
		r.send(u, notify.Notice{})
		r.clk.T = time.Date(2026, 3, 3, 21, 30, 0, 0, wib.Zone)
		r.runOnce()
		wa = r.outbox("user_id = ? AND channel = 'whatsapp' AND status = 'pending'", u)
		if len(wa) != 1 || wa[0].Attempts != 0 || !wa[0].NextAt.Equal(time.Date(2026, 3, 4, 6, 0, 0, 0, wib.Zone)) || r.wa.Load() != 2 {
			t.Errorf("claimed at 21:30: %+v, %d sent, want held until 06:00 with no try used", wa, r.wa.Load())
		}
	})
}

// TestRateLimit: the 21st message to one person on one channel in an hour
// waits; account messages do not count and are not held.
func TestRateLimit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		u := r.person("siti@contoh.id", "")
		for range 21 {
			r.send(u, notify.Notice{})
		}
		r.send(u, notify.Notice{Kind: notify.Account, Title: "mailer.open", Code: "654321"})
		r.runOnce()
		if r.smtpd.Count() != 21 {
			t.Fatalf("%d mails, want 20 notices and the code", r.smtpd.Count())
		}
		held := r.outbox("user_id = ? AND status = 'pending'", u)
		if len(held) != 1 || held[0].Attempts != 0 || !held[0].NextAt.After(r.clk.Now().Add(59*time.Minute)) {
			t.Fatalf("held %+v, want one, an hour later", held)
		}
		r.clk.T = r.clk.T.Add(30 * time.Minute)
		if n := r.runOnce(); n != 0 {
			t.Errorf("claimed %d within the hour", n)
		}
		r.clk.T = r.clk.T.Add(31 * time.Minute)
		r.runOnce()
		if r.smtpd.Count() != 22 {
			t.Errorf("%d mails after the hour, want 22", r.smtpd.Count())
		}
	})
}

// TestConcurrentWorkers: two workers (as in two serve processes) share the
// outbox and deliver each of N messages exactly once.
func TestConcurrentWorkers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		const people, each = 20, 10
		for i := range people {
			u := r.person(fmt.Sprintf("p%d@contoh.id", i), "")
			for range each {
				r.send(u, notify.Notice{})
			}
		}
		w2 := *r.w
		workers := []*notify.Worker{r.w, &w2}
		for _, w := range workers {
			w.Batch = 7
		}
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for _, w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					n, err := w.RunOnce(context.Background())
					if err != nil {
						errs <- err
						return
					}
					if n == 0 {
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		ids := map[string]int{}
		for _, m := range r.smtpd.Mails() {
			msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
			if err != nil {
				t.Fatal(err)
			}
			ids[msg.Header.Get("Message-Id")]++
		}
		if len(ids) != people*each || r.smtpd.Count() != people*each {
			t.Errorf("%d mails with %d distinct ids, want %d once each", r.smtpd.Count(), len(ids), people*each)
		}
		for id, n := range ids {
			if n != 1 {
				t.Errorf("%s arrived %d times", id, n)
			}
		}
		if got := r.outbox("status <> 'sent'"); len(got) != 0 {
			t.Errorf("%d messages not sent", len(got))
		}
	})
}

// TestLeaseExpired: a worker killed after claiming leaves its lease to run
// out, and another delivers the message; a live lease is left alone.
func TestLeaseExpired(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		ctx := context.Background()
		u := r.person("siti@contoh.id", "")
		r.send(u, notify.Notice{})
		// The dead worker's claim, as claim writes it.
		now := r.clk.Now().UTC()
		if _, err := r.a.DB.ExecContext(ctx, `UPDATE outbox SET status = 'sending', attempts = attempts + 1, locked_until = ? WHERE user_id = ?`,
			now.Add(2*time.Minute), u); err != nil {
			t.Fatal(err)
		}
		if n := r.runOnce(); n != 0 {
			t.Fatalf("claimed %d under another worker's live lease", n)
		}
		r.clk.T = r.clk.T.Add(2*time.Minute + time.Second)
		if n := r.runOnce(); n != 1 {
			t.Fatalf("claimed %d after the lease ran out, want 1", n)
		}
		if got := r.outbox("user_id = ?", u)[0]; got.Status != notify.Sent || got.Attempts != 2 || r.smtpd.Count() != 1 {
			t.Errorf("%+v, %d mails", got, r.smtpd.Count())
		}
	})
}

// TestChannelsEnabled: with only email configured, nothing is queued for
// WhatsApp, and a code asked for by WhatsApp is refused as unavailable.
func TestChannelsEnabled(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		r := newRig(t, d)
		r.a.Notify.Enabled = map[notify.Channel]bool{notify.Email: true}
		u := r.person("siti@contoh.id", "+6281234567890")
		r.send(u, notify.Notice{})
		if got := r.outbox("user_id = ? AND channel = 'whatsapp'", u); len(got) != 0 {
			t.Errorf("queued for WhatsApp without a gateway: %+v", got)
		}
		if got := r.outbox("user_id = ? AND channel = 'email'", u); len(got) != 1 {
			t.Errorf("email rows %+v, want 1", got)
		}
		err := r.a.Notify.SendDirect(context.Background(), r.a.DB, notify.Direct{User: u, Kind: notify.Account, Channel: notify.WhatsApp,
			Address: "+6281234567890", Title: "mailer.open", Code: "1"})
		if !errors.Is(err, notify.ErrChannelOff) || !errors.Is(err, fail.Unavailable) {
			t.Errorf("SendDirect by WhatsApp: %v, want ErrChannelOff", err)
		}
		// With only SMS for phones, codes go by SMS.
		r.a.Notify.Enabled = map[notify.Channel]bool{notify.Email: true, notify.SMS: true}
		r.send(u, notify.Notice{Kind: notify.Account, Title: "mailer.open", Code: "777888"})
		if got := r.outbox("user_id = ? AND channel = 'sms'", u); len(got) != 1 {
			t.Errorf("SMS rows for a code %+v, want 1", got)
		}
	})
}
