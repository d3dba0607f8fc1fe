package site_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"regexp"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/notify"
	notifymail "github.com/bursa-banten/bursa/internal/notify/mail"
	"github.com/bursa-banten/bursa/internal/notify/mail/mailtest"
)

// call sends a JSON request with c and decodes the answer into out.
func call(t *testing.T, c *http.Client, base, method, path string, body, out any) int {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, base+path, r)
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && len(b) > 0 && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	if resp.StatusCode >= 300 {
		t.Logf("%s %s: %d %s", method, path, resp.StatusCode, b)
	}
	return resp.StatusCode
}

// received is one mail as its reader sees it: the decoded subject and
// plain-text part.
type received struct{ To, Subject, Text string }

func readMail(t *testing.T, m mailtest.Mail) received {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	out := received{To: strings.Join(m.To, ","), Subject: subject}
	_, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		if strings.HasPrefix(p.Header.Get("Content-Type"), "text/plain") {
			var r io.Reader = p
			if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
				r = quotedprintable.NewReader(p)
			}
			b, _ := io.ReadAll(r)
			out.Text = string(b)
		}
	}
	return out
}

// TestNewcomerJourney is the "done when", through the API and a
// real SMTP server: a newcomer registers, verifies their email with the code
// that arrives by mail, saves a search, and when a matching vacancy is
// published gets a real email and the same notice in the inbox; they
// forget their password and reset it by mail; they download their data and
// delete their account.
func TestNewcomerJourney(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a, ctx := srv.Services, t.Context()
		smtp, err := mailtest.Start(mailtest.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { smtp.Close() })
		sender, err := notifymail.New(notifymail.Config{URL: "smtp://" + smtp.Addr + "?starttls=off", From: "bursa <kabar@bursa.test>", Catalog: a.Catalog})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { sender.Close() })
		a.Notify.BaseURL = srv.URL
		worker := &notify.Worker{Store: a.Notify, Senders: map[notify.Channel]notify.Sender{notify.Email: sender}, Log: a.Log}
		// deliver runs the worker as serve does and returns the mails that
		// arrived for to since the last call.
		seen := 0
		deliver := func(to string) []received {
			t.Helper()
			if _, err := worker.RunOnce(ctx); err != nil {
				t.Fatal(err)
			}
			var out []received
			all := smtp.Mails()
			for _, m := range all[seen:] {
				if r := readMail(t, m); strings.Contains(r.To, to) {
					out = append(out, r)
				}
			}
			seen = len(all)
			return out
		}
		code := regexp.MustCompile(`\b(\d{6})\b`)

		// Register by the API: the session starts.
		me := apptest.NewClient()
		const login, pw = "budi.santoso@example.id", "Kerja-di-Cikande-2026"
		if st := call(t, me, srv.URL, "POST", "/api/v1/accounts", map[string]any{"login": login, "name": "Budi Santoso", "password": pw, "role": "pencari"}, nil); st != 201 {
			t.Fatalf("register: %d", st)
		}
		// Verify the email with the code the mail brings.
		if st := call(t, me, srv.URL, "POST", "/api/v1/me/contacts/verify", map[string]any{"kind": "email", "address": login}, nil); st != 202 {
			t.Fatalf("verify: %d", st)
		}
		mails := deliver(login)
		if len(mails) != 1 || code.FindString(mails[0].Text) == "" {
			t.Fatalf("verification mail: %+v", mails)
		}
		if st := call(t, me, srv.URL, "POST", "/api/v1/me/contacts/confirm", map[string]any{"kind": "email", "code": code.FindString(mails[0].Text)}, nil); st != 200 && st != 204 {
			t.Fatalf("confirm: %d", st)
		}
		// Save a search with an instant alert.
		if st := call(t, me, srv.URL, "POST", "/api/v1/me/saved-searches", map[string]any{"q": "operator forklift", "region": "3604", "alert": "instant"}, nil); st != 201 {
			t.Fatalf("save search: %d", st)
		}
		// An employer publishes a matching vacancy: the alert goes out.
		hr := apptest.NewClient()
		if st := call(t, hr, srv.URL, "POST", "/api/v1/session", map[string]any{"login": "perusahaan@bursa.test", "password": "bursa-demo"}, nil); st != 200 {
			t.Fatalf("employer login: %d", st)
		}
		const title = "Operator Forklift Gudang Cikande"
		vac := map[string]any{"title": title, "kbji": "8344", "skills": []string{}, "education": "sma", "region": "3604",
			"openings": 3, "wage_min": 5300000, "wage_max": 5600000, "contract": "pkwt",
			"closes_on": srv.Clock.T.AddDate(0, 0, 20).Format("2006-01-02"), "description": "Mengoperasikan forklift di gudang, shift pagi."}
		if st := call(t, hr, srv.URL, "POST", "/api/v1/vacancies", vac, nil); st != 201 {
			t.Fatalf("publish: %d", st)
		}
		if _, err := a.Alerts.RunInstant(ctx); err != nil {
			t.Fatal(err)
		}
		mails = deliver(login)
		if len(mails) != 1 || !strings.Contains(mails[0].Subject+mails[0].Text, title) || !strings.Contains(mails[0].Text, srv.URL+"/lowongan/") {
			t.Fatalf("alert mail: %+v", mails)
		}
		// The same notice is in the inbox, unread.
		var inbox struct {
			Items []struct {
				Kind, Title, Body, URL string
				Read                   bool
			} `json:"items"`
			Unread int `json:"unread"`
		}
		if st := call(t, me, srv.URL, "GET", "/api/v1/me/notifications", nil, &inbox); st != 200 || inbox.Unread < 1 {
			t.Fatalf("inbox: %d %+v", st, inbox)
		}
		found := false
		for _, it := range inbox.Items {
			if it.Kind == string(notify.Alert) && it.Title == mails[0].Subject && !it.Read {
				found = true
			}
		}
		if !found {
			t.Fatalf("the alert mail %q is not in the inbox: %+v", mails[0].Subject, inbox.Items)
		}

		// Forgotten password: the reset code comes by mail, every session ends.
		anon := apptest.NewClient()
		if st := call(t, anon, srv.URL, "POST", "/api/v1/password-reset", map[string]any{"login": login}, nil); st != 202 {
			t.Fatalf("reset: %d", st)
		}
		mails = deliver(login)
		if len(mails) != 1 || code.FindString(mails[0].Text) == "" {
			t.Fatalf("reset mail: %+v", mails)
		}
		const pw2 = "Forklift-Shift-Pagi-77"
		if st := call(t, anon, srv.URL, "POST", "/api/v1/password-reset/confirm", map[string]any{"login": login, "code": code.FindString(mails[0].Text), "password": pw2}, nil); st != 204 {
			t.Fatalf("reset confirm: %d", st)
		}
		if st := call(t, me, srv.URL, "GET", "/api/v1/me", nil, nil); st != 401 {
			t.Fatalf("the old session survived the reset: %d", st)
		}
		if st := call(t, me, srv.URL, "POST", "/api/v1/session", map[string]any{"login": login, "password": pw2}, nil); st != 200 {
			t.Fatalf("login with the new password: %d", st)
		}

		// My data: the export holds what I gave; then delete.
		var export map[string]any
		if st := call(t, me, srv.URL, "GET", "/api/v1/me/data", nil, &export); st != 200 {
			t.Fatalf("export: %d", st)
		}
		b, _ := json.Marshal(export)
		for _, want := range []string{login, "operator forklift", "Budi Santoso", title} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("the export lacks %q", want)
			}
		}
		if st := call(t, me, srv.URL, "DELETE", "/api/v1/me", map[string]any{"password": pw2}, nil); st != 204 {
			t.Fatalf("delete: %d", st)
		}
		if st := call(t, anon, srv.URL, "POST", "/api/v1/session", map[string]any{"login": login, "password": pw2}, nil); st != 422 {
			t.Fatalf("login after deletion: %d", st)
		}
		var left int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM saved_searches s JOIN users u ON u.id = s.user_id WHERE u.name = 'Budi Santoso'`).Scan(&left)
		if left != 0 {
			t.Errorf("%d saved searches of the deleted account remain", left)
		}
	})
}
