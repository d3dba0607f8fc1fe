package api_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

type savedJSON struct {
	ID     int64  `json:"id"`
	Q      string `json:"q"`
	Region string `json:"region"`
	Alert  string `json:"alert"`
}

// TestSavedSearchesAndInstantAlert saves searches through the API (the
// list's own filter rules: 422 per field), keeps them apart per person,
// and follows a published vacancy to an inbox notice and an outbox mail.
func TestSavedSearchesAndInstantAlert(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		other := apptest.OtherSeeker(t, a.Services)
		seeker := demoClient(t, a.URL, "pencari@bursa.test")
		hr := demoClient(t, a.URL, "perusahaan@bursa.test")
		stranger := &client{t: t, base: a.URL, c: apptest.NewClient()}
		if st, _ := stranger.do("POST", "/api/v1/session", map[string]string{"login": other, "password": apptest.OtherPassword}, nil); st != 200 {
			t.Fatalf("login other: %d", st)
		}
		ctx := t.Context()

		// Nobody: 401; an employer: 403.
		if st, _ := (&client{t: t, base: a.URL, c: apptest.NewClient()}).do("GET", "/api/v1/me/saved-searches", nil, nil); st != 401 {
			t.Fatalf("anonymous list: %d", st)
		}
		if st, _ := hr.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": "las"}, nil); st != 403 {
			t.Fatalf("employer save: %d", st)
		}
		// Invalid filters: the list's own field errors.
		var p problem
		if st, _ := seeker.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": "las", "region": "9999", "kbji": "abc",
			"min_wage": -1, "alert": "hourly"}, &p); st != 422 {
			t.Fatalf("invalid: %d %+v", st, p)
		}
		fields := map[string]string{}
		for _, e := range p.Errors {
			fields[e.Field] = e.Code
		}
		want := map[string]string{"region": "region_invalid", "kbji": "kbji_invalid", "min_wage": "wage_invalid", "alert": "choose_one"}
		for f, c := range want {
			if fields[f] != c {
				t.Errorf("field %s: %q, want %q (%+v)", f, fields[f], c, p.Errors)
			}
		}

		// Save, list, save the same again (no copy), another person's 404.
		var ss savedJSON
		if st, h := seeker.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": " Operator  crane ", "region": "3672", "alert": "instant"}, &ss); st != 201 || ss.ID == 0 || h.Get("Location") == "" {
			t.Fatalf("save: %d %+v", st, ss)
		}
		var again savedJSON
		if st, _ := seeker.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": "Operator  crane", "region": "3672", "alert": "daily"}, &again); st != 201 || again.ID != ss.ID || again.Alert != "daily" {
			t.Fatalf("save again: %d %+v", st, again)
		}
		if st, _ := seeker.do("PUT", fmt.Sprintf("/api/v1/me/saved-searches/%d", ss.ID), map[string]any{"alert": "instant"}, &again); st != 200 || again.Alert != "instant" {
			t.Fatalf("set alert: %d %+v", st, again)
		}
		var list struct {
			Items []map[string]any `json:"items"`
		}
		if st, _ := seeker.do("GET", "/api/v1/me/saved-searches", nil, &list); st != 200 || len(list.Items) != 1 {
			t.Fatalf("list: %d %+v", st, list)
		}
		for _, k := range []string{"id", "q", "region", "kbji", "education", "min_wage", "contract", "alert", "created_at"} {
			if _, ok := list.Items[0][k]; !ok {
				t.Errorf("list item has no %q: %v", k, list.Items[0])
			}
		}
		if st, _ := stranger.do("GET", "/api/v1/me/saved-searches", nil, &list); st != 200 || len(list.Items) != 0 {
			t.Fatalf("stranger sees: %d %+v", st, list)
		}
		if st, _ := stranger.do("DELETE", fmt.Sprintf("/api/v1/me/saved-searches/%d", ss.ID), nil, nil); st != 404 {
			t.Fatalf("stranger delete: %d", st)
		}
		if st, _ := stranger.do("PUT", fmt.Sprintf("/api/v1/me/saved-searches/%d", ss.ID), map[string]any{"alert": ""}, nil); st != 404 {
			t.Fatalf("stranger change: %d", st)
		}
		// The stranger watches something else: they must not hear of the crane.
		if st, _ := stranger.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": "perawat", "alert": "instant"}, nil); st != 201 {
			t.Fatalf("stranger save: %d", st)
		}

		// The limit.
		for i := 2; i <= 20; i++ {
			if st, _ := seeker.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": fmt.Sprintf("kata%d", i)}, nil); st != 201 {
				t.Fatalf("save %d: %d", i, st)
			}
		}
		p = problem{}
		if st, _ := seeker.do("POST", "/api/v1/me/saved-searches", map[string]any{"q": "satu lagi"}, &p); st != 422 || p.Errors[0].Code != "saved_search_limit" {
			t.Fatalf("over the limit: %d %+v", st, p)
		}

		// The seeker has a verified email and consented to it.
		var uid int64
		if err := d.QueryRowContext(ctx, `SELECT id FROM users WHERE email = ?`, "pencari@bursa.test").Scan(&uid); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)
			ON CONFLICT (user_id, kind) DO UPDATE SET verified_at = excluded.verified_at`, uid, "pencari@bursa.test", a.Clock.T, a.Clock.T); err != nil {
			t.Fatal(err)
		}
		if err := a.Notify.SetConsent(ctx, d, uid, "email", true); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Alerts.RunInstant(ctx); err != nil { // sets the mark
			t.Fatal(err)
		}
		a.Clock.T = a.Clock.T.Add(10 * time.Second)

		// The demo employer publishes a matching vacancy.
		in := map[string]any{"title": "Operator Crane Pelabuhan", "kbji": "8343", "skills": []string{}, "education": "smk", "region": "3672",
			"openings": 2, "wage_min": 5600000, "wage_max": 6500000, "contract": "pkwt",
			"closes_on": a.Clock.T.AddDate(0, 0, 20).Format("2006-01-02"), "description": "Mengoperasikan crane di pelabuhan Ciwandan."}
		var v struct {
			ID int64 `json:"id"`
		}
		if st, _ := hr.do("POST", "/api/v1/vacancies", in, &v); st != 201 {
			t.Fatalf("publish: %d", st)
		}
		a.Clock.T = a.Clock.T.Add(3 * time.Second)
		n, err := a.Alerts.RunInstant(ctx)
		if err != nil || n != 1 {
			t.Fatalf("instant run: %d %v", n, err)
		}
		var items []struct{ kind, title, url string }
		rows, err := d.QueryContext(ctx, `SELECT kind, title, url FROM notifications WHERE user_id = ? AND kind = 'lowongan_baru'`, uid)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var it struct{ kind, title, url string }
			rows.Scan(&it.kind, &it.title, &it.url)
			items = append(items, it)
		}
		rows.Close()
		if len(items) != 1 || items[0].kind != "lowongan_baru" || !strings.Contains(items[0].title, "Operator Crane Pelabuhan") ||
			items[0].url != fmt.Sprintf("/lowongan/%d", v.ID) {
			t.Fatalf("inbox: %+v", items)
		}
		var mails int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE user_id = ? AND channel = 'email' AND kind = 'lowongan_baru'
			AND address = 'pencari@bursa.test' AND body LIKE ?`, uid, "%Cilegon%").Scan(&mails); err != nil || mails != 1 {
			t.Fatalf("outbox mails: %d %v", mails, err)
		}
		// A second run (or a second process) tells nobody again; the
		// stranger, watching "perawat", heard nothing.
		a.Clock.T = a.Clock.T.Add(3 * time.Second)
		if n, err := a.Alerts.RunInstant(ctx); err != nil || n != 0 {
			t.Fatalf("second run: %d %v", n, err)
		}
		var strangerNotes int
		if err := d.QueryRowContext(ctx, `SELECT count(*) FROM notifications WHERE user_id <> ? AND kind = 'lowongan_baru'`, uid).Scan(&strangerNotes); err != nil || strangerNotes != 0 {
			t.Fatalf("stranger notices: %d %v", strangerNotes, err)
		}

		// Delete: 204, then 404.
		if st, _ := seeker.do("DELETE", fmt.Sprintf("/api/v1/me/saved-searches/%d", ss.ID), nil, nil); st != 204 {
			t.Fatalf("delete: %d", st)
		}
		if st, _ := seeker.do("DELETE", fmt.Sprintf("/api/v1/me/saved-searches/%d", ss.ID), nil, nil); st != 404 {
			t.Fatalf("delete again: %d", st)
		}

		// The digest opt-in.
		var dg struct {
			Enabled bool `json:"enabled"`
		}
		if st, _ := seeker.do("GET", "/api/v1/me/digest", nil, &dg); st != 200 || dg.Enabled {
			t.Fatalf("digest: %d %+v", st, dg)
		}
		if st, _ := seeker.do("PUT", "/api/v1/me/digest", map[string]any{"enabled": true}, &dg); st != 200 || !dg.Enabled {
			t.Fatalf("digest on: %d %+v", st, dg)
		}
		if st, _ := seeker.do("GET", "/api/v1/me/digest", nil, &dg); st != 200 || !dg.Enabled {
			t.Fatalf("digest after: %d %+v", st, dg)
		}
	})
}
