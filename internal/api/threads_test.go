package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestThreadContract walks an application's thread: closed before
// diseleksi, then both sides write; a company's message asking for money is
// marked for the seeker; shared contacts reach the company only when chosen,
// each read is audited and shown to the seeker; strangers get 404.
func TestThreadContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker, hr := demoClient(t, srv.URL, "pencari@bursa.test"), demoClient(t, srv.URL, "perusahaan@bursa.test")
		stranger := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := stranger.do("POST", "/api/v1/session", map[string]string{"login": apptest.OtherSeeker(t, srv.Services), "password": apptest.OtherPassword}, nil); st != 200 {
			t.Fatalf("stranger login: %d", st)
		}
		vid := srv.OpenVacancyNotApplied(t)
		var app struct{ ID int64 }
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/applications", vid), map[string]string{}, &app); st != 201 {
			t.Fatalf("apply: %d", st)
		}
		// The seeker's verified phone (made here, so the test does not
		// depend on the demo's contacts).
		var seekerUser int64
		d.QueryRowContext(ctx, `SELECT id FROM users WHERE email = 'pencari@bursa.test'`).Scan(&seekerUser)
		d.ExecContext(ctx, `DELETE FROM contacts WHERE user_id = ?`, seekerUser)
		if _, err := d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'phone', '+6281234567890', ?, ?)`,
			seekerUser, srv.Clock.T, srv.Clock.T); err != nil {
			t.Fatal(err)
		}
		msgs := fmt.Sprintf("/api/v1/applications/%d/messages", app.ID)
		share := fmt.Sprintf("/api/v1/applications/%d/contact-share", app.ID)

		// Before diseleksi: readable, closed.
		var p problem
		if st, _ := hr.do("POST", msgs, map[string]string{"body": "Halo"}, &p); st != 422 || len(p.Errors) == 0 || p.Errors[0].Field != "body" {
			t.Fatalf("message before diseleksi: %d %+v", st, p)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/applications/%d/status", app.ID), map[string]string{"status": "diseleksi"}, nil); st != 200 {
			t.Fatalf("shortlist: %d", st)
		}
		// Nobody else reads or writes it.
		if st, _ := stranger.do("GET", msgs, nil, nil); st != 404 {
			t.Errorf("a stranger reads the thread: %d", st)
		}
		if st, _ := stranger.do("POST", msgs, map[string]string{"body": "Halo"}, nil); st != 404 {
			t.Errorf("a stranger writes: %d", st)
		}
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := anon.do("GET", msgs, nil, nil); st != 401 {
			t.Errorf("anonymous read: %d", st)
		}
		p = problem{}
		if st, _ := seeker.do("POST", msgs, map[string]string{"body": strings.Repeat("a", 2001)}, &p); st != 422 || len(p.Errors) == 0 || p.Errors[0].Field != "body" {
			t.Errorf("too long: %d %+v", st, p)
		}

		var m api.ThreadMessageJSON
		if st, _ := hr.do("POST", msgs, map[string]string{"body": "Silakan datang Senin pukul 09.00 ke kantor kami."}, &m); st != 201 || m.Side != "employer" || m.FeeWarning {
			t.Fatalf("company writes: %d %+v", st, m)
		}
		if st, _ := hr.do("POST", msgs, map[string]string{"body": "Sebelum mulai kerja, transfer biaya seragam Rp 350.000 ke rekening BRI 1234567890 a.n. Rudi."}, &m); st != 201 || !m.FeeWarning {
			t.Fatalf("a fee request is not marked: %d %+v", st, m)
		}
		if st, _ := seeker.do("POST", msgs, map[string]string{"body": "Baik, saya datang. Terima kasih."}, &m); st != 201 || m.Side != "seeker" || m.FeeWarning {
			t.Fatalf("seeker writes: %d %+v", st, m)
		}

		// The company sees no contact until the seeker shares one.
		var th api.ThreadJSON
		if st, _ := hr.do("GET", msgs, nil, &th); st != 200 || th.Side != "employer" || !th.Open || len(th.Messages) != 3 || len(th.Contacts) != 0 {
			t.Fatalf("company's thread: %d %+v", st, th)
		}
		if st, _ := hr.do("PUT", share, map[string]bool{"phone": true}, nil); st != 404 && st != 403 {
			t.Errorf("the company sets the seeker's sharing: %d", st)
		}
		if st, _ := seeker.do("PUT", share, map[string]bool{"phone": true}, nil); st != 204 {
			t.Fatalf("share: %d", st)
		}
		th = api.ThreadJSON{}
		if st, _ := hr.do("GET", msgs, nil, &th); st != 200 || len(th.Contacts) != 1 || th.Contacts[0].Address != "+6281234567890" {
			t.Fatalf("shared contact: %d %+v", st, th.Contacts)
		}
		// The seeker sees the warning and that the company opened the phone.
		th = api.ThreadJSON{}
		if st, _ := seeker.do("GET", msgs, nil, &th); st != 200 || th.Side != "seeker" || !th.SharePhone || len(th.ContactReads) != 1 || !th.Messages[1].FeeWarning {
			t.Fatalf("seeker's thread: %d %+v", st, th)
		}
		// Withdrawn sharing: the company sees nothing again.
		seeker.do("PUT", share, map[string]bool{}, nil)
		th = api.ThreadJSON{}
		if hr.do("GET", msgs, nil, &th); len(th.Contacts) != 0 {
			t.Fatalf("sharing withdrawn but the company sees %+v", th.Contacts)
		}
		// The seeker's export holds the conversation.
		var export map[string]any
		if st, _ := seeker.do("GET", "/api/v1/me/data", nil, &export); st != 200 || !strings.Contains(fmt.Sprint(export), "Baik, saya datang") {
			t.Errorf("the export lacks the thread: %d", st)
		}
		// The message text is sealed at rest.
		var n int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM application_messages WHERE application_id = ?`, app.ID).Scan(&n)
		var raw []byte
		d.QueryRowContext(ctx, `SELECT body_enc FROM application_messages WHERE application_id = ? ORDER BY id LIMIT 1`, app.ID).Scan(&raw)
		if n != 3 || strings.Contains(string(raw), "Senin") {
			t.Fatalf("stored: %d messages, plaintext visible %v", n, strings.Contains(string(raw), "Senin"))
		}
	})
}
