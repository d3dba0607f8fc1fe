package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// trainingServer serves the demo province over HTTP: the services, their
// clock and the server's URL.
func trainingServer(t *testing.T, d *db.DB) (*app.Services, *apptest.Clock, string) {
	t.Helper()
	srv := apptest.Start(t, d, true)
	a, clk := srv.Services, srv.Clock
	return a, clk, srv.URL
}

// TestTrainingAnotherParty: another party's program, roster, enrollment,
// round and appeal answer 404, exactly as an id that does not exist, to the
// staff of another provider, to another seeker and to officers, while their
// owner reads them; nothing is changed.
func TestTrainingAnotherParty(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a, _, base := trainingServer(t, d)
		ctx := t.Context()
		id := func(q string, args ...any) int64 {
			t.Helper()
			var n int64
			if err := d.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		// The demo BLK's objects, kept by lembaga@bursa.test.
		blk := id(`SELECT ps.provider_id FROM provider_staff ps JOIN users u ON u.id = ps.user_id WHERE u.email = 'lembaga@bursa.test'`)
		program := id(`SELECT id FROM programs WHERE provider_id = ? ORDER BY id LIMIT 1`, blk)
		round := id(`SELECT id FROM intake_rounds WHERE provider_id = ? AND allocated_at IS NOT NULL ORDER BY id LIMIT 1`, blk)
		enrollment := id(`SELECT e.id FROM enrollments e JOIN programs p ON p.id = e.program_id WHERE p.provider_id = ?
			ORDER BY e.id LIMIT 1`, blk)
		appeal := id(`SELECT ap.id FROM round_appeals ap JOIN intake_rounds r ON r.id = ap.round_id
			JOIN seekers s ON s.id = ap.seeker_id JOIN users u ON u.id = s.user_id
			WHERE r.provider_id = ? AND COALESCE(u.email, '') <> 'pencari@bursa.test' ORDER BY ap.id LIMIT 1`, blk)

		// The staff of another provider, the demo LPK.
		officer := id(`SELECT id FROM users WHERE email = 'petugas@bursa.test'`)
		lpk := id(`SELECT id FROM providers WHERE kind = 'lpk' ORDER BY id LIMIT 1`)
		u, err := a.Auth.Create(ctx, d, auth.NewUser{Login: "staf.lpk.uji@bursa.test", Name: "Staf LPK", Password: "rahasia-lpk-2026",
			Roles: []auth.Role{auth.Lembaga}})
		if err != nil {
			t.Fatal(err)
		}
		if err := a.Training.AddStaff(ctx, officer, lpk, u.ID); err != nil {
			t.Fatal(err)
		}
		other := &client{t: t, base: base, c: apptest.NewClient()}
		if st, _ := other.do("POST", "/api/v1/session", map[string]string{"login": "staf.lpk.uji@bursa.test", "password": "rahasia-lpk-2026"}, nil); st != 200 {
			t.Fatalf("login: %d", st)
		}
		owner, seeker, office := demoClient(t, base, "lembaga@bursa.test"), demoClient(t, base, "pencari@bursa.test"),
			demoClient(t, base, "petugas@bursa.test")

		var missing problem
		if st, _ := other.do("GET", "/api/v1/training/appeals/999999999", nil, &missing); st != 404 {
			t.Fatalf("a missing appeal: %d", st)
		}
		state := func() string {
			var title, pct string
			d.QueryRowContext(ctx, `SELECT title FROM programs WHERE id = ?`, program).Scan(&title)
			d.QueryRowContext(ctx, `SELECT COALESCE(CAST(attendance_pct AS TEXT), '-') || COALESCE(certificate_number, '-')
				FROM enrollments WHERE id = ?`, enrollment).Scan(&pct)
			return title + "|" + pct + "|" + fmt.Sprint(count(t, d, "enrollments"), count(t, d, "intake_rounds"))
		}
		before := state()
		body := map[string]any{"title": "Diambil alih", "description": "Pelatihan berbasis kompetensi SKKNI dengan praktik.",
			"skills": []string{"las-smaw"}, "hours": 40, "region": "3604", "seats": 5}
		for _, c := range []struct {
			who          *client
			method, path string
			body         any
		}{
			{other, "PUT", fmt.Sprintf("/api/v1/training/programs/%d", program), body},
			{other, "GET", fmt.Sprintf("/api/v1/training/programs/%d/roster", program), nil},
			{other, "POST", fmt.Sprintf("/api/v1/training/programs/%d/enrollments", program), map[string]any{"round_id": round}},
			{other, "POST", fmt.Sprintf("/api/v1/training/enrollments/%d/attendance", enrollment), map[string]any{"percent": 10}},
			{other, "POST", fmt.Sprintf("/api/v1/training/enrollments/%d/completion", enrollment), map[string]any{"completed_on": "2026-01-05"}},
			{other, "POST", fmt.Sprintf("/api/v1/training/enrollments/%d/certificate", enrollment), map[string]any{"number": "X-1", "certified_on": "2026-01-06"}},
			{other, "POST", fmt.Sprintf("/api/v1/training/rounds/%d/allocation", round), nil},
			{other, "GET", fmt.Sprintf("/api/v1/training/appeals/%d", appeal), nil},
			{other, "POST", fmt.Sprintf("/api/v1/training/appeals/%d/decision", appeal), map[string]any{"upheld": true, "decision": "Diterima."}},
			{other, "GET", fmt.Sprintf("/api/v1/training/providers/%d/outcomes", blk), nil},
			{seeker, "GET", fmt.Sprintf("/api/v1/training/appeals/%d", appeal), nil},
			{office, "GET", fmt.Sprintf("/api/v1/training/appeals/%d", appeal), nil},
			{office, "POST", fmt.Sprintf("/api/v1/training/appeals/%d/decision", appeal), map[string]any{"upheld": true, "decision": "Diterima."}},
		} {
			var p problem
			if st, _ := c.who.do(c.method, c.path, c.body, &p); st != 404 || p.Title != missing.Title {
				t.Errorf("%s %s by a stranger: %d %q, want 404 %q", c.method, c.path, st, p.Title, missing.Title)
			}
		}
		// A body naming another provider names one the caller cannot choose,
		// as an unknown one is.
		for path, body := range map[string]map[string]any{
			"/api/v1/training/programs": {"provider_id": blk, "title": "Diambil alih", "description": "Pelatihan berbasis kompetensi SKKNI.",
				"skills": []string{"las-smaw"}, "hours": 40, "region": "3604", "seats": 5},
			"/api/v1/training/rounds": {"provider_id": blk, "title": "Diambil alih", "programs": []int64{program},
				"closes_at": "2099-01-01T00:00:00Z"},
		} {
			var p problem
			if st, _ := other.do("POST", path, body, &p); st != 422 || codeOf(p, "provider_id") != "choose_one" {
				t.Errorf("POST %s for another provider: %d %+v", path, st, p)
			}
		}
		if after := state(); after != before {
			t.Errorf("refused calls changed %s into %s", before, after)
		}
		// Their owner reads them.
		for _, p := range []string{fmt.Sprintf("/api/v1/training/programs/%d/roster", program),
			fmt.Sprintf("/api/v1/training/appeals/%d", appeal), fmt.Sprintf("/api/v1/training/providers/%d/outcomes", blk)} {
			if st, _ := owner.do("GET", p, nil, nil); st != 200 {
				t.Errorf("the owner: GET %s = %d", p, st)
			}
		}
	})
}
