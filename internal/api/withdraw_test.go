package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestWithdrawal: a seeker takes back an application at any stage before
// it ends; the timeline says so, the company is told, and nothing moves it
// after: not the company, not a hire, not a second withdrawal. Another
// person's application is 404.
func TestWithdrawal(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker, hr := demoClient(t, srv.URL, "pencari@bursa.test"), demoClient(t, srv.URL, "perusahaan@bursa.test")
		stranger := loginClient(t, srv.URL, apptest.OtherSeeker(t, srv.Services), apptest.OtherPassword)
		var app, owner int64
		var status string
		if err := d.QueryRowContext(ctx, `SELECT a.id, a.status, e.owner_id FROM applications a JOIN seekers s ON s.id = a.seeker_id
			JOIN users u ON u.id = s.user_id JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id
			WHERE u.email = 'pencari@bursa.test' AND a.status IN ('dikirim', 'dilihat', 'diseleksi', 'wawancara', 'ditawari') ORDER BY a.id LIMIT 1`).Scan(&app, &status, &owner); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/applications/%d/withdrawal", app)
		var p problem
		if st, _ := stranger.do("POST", path, nil, &p); st != 404 {
			t.Fatalf("another person's application: %d", st)
		}
		var got struct {
			Status string
			Events []struct{ Status string }
		}
		if st, _ := seeker.do("POST", path, nil, &got); st != 200 || got.Status != "ditarik" || got.Events[len(got.Events)-1].Status != "ditarik" {
			t.Fatalf("withdraw from %s: %d %+v", status, st, got)
		}
		if st, _ := seeker.do("POST", path, nil, &p); st != 422 || len(p.Errors) == 0 || p.Errors[0].Field != "status" {
			t.Fatalf("withdraw twice: %d %+v", st, p)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/applications/%d/status", app), map[string]string{"status": "wawancara"}, nil); st != 422 {
			t.Fatalf("the company moved a withdrawn application: %d", st)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/applications/%d/placement", app), map[string]any{"start_date": srv.Clock.T.AddDate(0, 0, 7).Format("2006-01-02"), "wage": 5500000}, nil); st != 422 {
			t.Fatalf("a withdrawn application was hired: %d", st)
		}
		var told int
		d.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND dedupe = ?`, owner, fmt.Sprintf("withdrawn:%d", app)).Scan(&told)
		if told != 1 {
			t.Fatalf("the company was told %d times", told)
		}
	})
}
