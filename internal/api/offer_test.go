package api_test

import (
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// TestMonthlyWage: PP 36/2021's conversions.
func TestMonthlyWage(t *testing.T) {
	for _, c := range []struct {
		wage    int64
		unit    string
		days    int
		monthly int64
	}{{5_000_000, "month", 6, 5_000_000}, {200_000, "day", 6, 5_000_000}, {200_000, "day", 5, 4_200_000}, {40_000, "hour", 0, 5_040_000}} {
		if got := vacancy.MonthlyWage(c.wage, c.unit, c.days); got != c.monthly {
			t.Errorf("MonthlyWage(%d, %s, %d) = %d, want %d", c.wage, c.unit, c.days, got, c.monthly)
		}
	}
}

// TestOffer: the employer offers a wage in its unit, checked against the
// UMK as a month's wage; the seeker accepts (the hire and the placement
// follow, at the offer's terms) or declines (the application ends). Only
// the two parties act; an answered offer is not answered again.
func TestOffer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		ctx := t.Context()
		seeker, hr := demoClient(t, srv.URL, "pencari@bursa.test"), demoClient(t, srv.URL, "perusahaan@bursa.test")
		stranger := loginClient(t, srv.URL, apptest.OtherSeeker(t, srv.Services), apptest.OtherPassword)
		var first int64
		if err := d.QueryRowContext(ctx, `SELECT a.id FROM applications a JOIN seekers s ON s.id = a.seeker_id JOIN users u ON u.id = s.user_id
			JOIN vacancies v ON v.id = a.vacancy_id JOIN employers e ON e.id = v.employer_id JOIN users o ON o.id = e.owner_id
			WHERE u.email = 'pencari@bursa.test' AND o.email = 'perusahaan@bursa.test' AND a.status IN ('dikirim', 'dilihat', 'diseleksi', 'wawancara')
			ORDER BY a.id LIMIT 1`).Scan(&first); err != nil {
			t.Fatal(err)
		}
		apps := []int64{first}
		{
			// A second application: to another of the company's vacancies.
			var vid int64
			if err := d.QueryRowContext(ctx, `SELECT v.id FROM vacancies v JOIN employers e ON e.id = v.employer_id JOIN users o ON o.id = e.owner_id
				WHERE o.email = 'perusahaan@bursa.test' AND v.status = 'published' AND v.id NOT IN (SELECT a.vacancy_id FROM applications a
				JOIN seekers s ON s.id = a.seeker_id JOIN users u ON u.id = s.user_id WHERE u.email = 'pencari@bursa.test') ORDER BY v.id LIMIT 1`).Scan(&vid); err != nil {
				t.Fatal(err)
			}
			var a struct{ ID int64 }
			if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/applications", vid), nil, &a); st != 201 {
				t.Fatalf("apply: %d", st)
			}
			apps = append(apps, a.ID)
		}
		day := func(n int) string { return srv.Clock.T.AddDate(0, 0, n).Format("2006-01-02") }
		offer := map[string]any{"wage": 150_000, "wage_unit": "day", "work_days_per_week": 6, "contract": "pkwt", "months": 12, "start_on": day(14), "answer_by": day(7)}
		var p problem
		path := func(app int64, tail string) string { return fmt.Sprintf("/api/v1/applications/%d/%s", app, tail) }
		if st, _ := hr.do("POST", path(apps[0], "offer"), offer, &p); st != 422 || p.Errors[0].Field != "wage" {
			t.Fatalf("Rp 150.000 a day (Rp 3.750.000 a month): %d %+v", st, p)
		}
		offer["months"] = 72
		offer["wage"] = 230_000
		if st, _ := hr.do("POST", path(apps[0], "offer"), offer, &p); st != 422 || p.Errors[0].Field != "months" {
			t.Fatalf("a 72-month PKWT: %d %+v", st, p)
		}
		offer["months"] = 12
		if st, _ := seeker.do("POST", path(apps[0], "offer"), offer, nil); st != 403 && st != 404 {
			t.Fatalf("a seeker made an offer: %d", st)
		}
		var o struct {
			Status      string
			MonthlyWage int64 `json:"monthly_wage"`
		}
		if st, _ := hr.do("POST", path(apps[0], "offer"), offer, &o); st != 201 || o.Status != "open" || o.MonthlyWage != 5_750_000 {
			t.Fatalf("offer: %d %+v", st, o)
		}
		if st, _ := hr.do("POST", path(apps[0], "offer"), offer, nil); st != 409 {
			t.Fatalf("a second offer: %d", st)
		}
		if st, _ := stranger.do("POST", path(apps[0], "offer/answer"), map[string]any{"accept": true}, nil); st != 404 {
			t.Fatalf("a stranger answered: %d", st)
		}
		if st, _ := seeker.do("POST", path(apps[0], "offer/answer"), map[string]any{}, &p); st != 422 || p.Errors[0].Field != "accept" {
			t.Fatalf("an answer without yes or no: %d", st)
		}
		if st, _ := seeker.do("POST", path(apps[0], "offer/answer"), map[string]any{"accept": true}, &o); st != 200 || o.Status != "accepted" {
			t.Fatalf("accept: %d %+v", st, o)
		}
		var status string
		var wage int64
		if err := d.QueryRowContext(ctx, `SELECT a.status, p.wage FROM applications a JOIN placements p ON p.application_id = a.id WHERE a.id = ?`, apps[0]).Scan(&status, &wage); err != nil || status != "diterima" || wage != 5_750_000 {
			t.Fatalf("after accepting: %q %d %v", status, wage, err)
		}
		if st, _ := seeker.do("POST", path(apps[0], "offer/answer"), map[string]any{"accept": false}, &p); st != 422 {
			t.Fatalf("answered twice: %d", st)
		}
		// The second: offered by the month, declined.
		monthly := map[string]any{"wage": 5_600_000, "wage_unit": "month", "contract": "pkwtt", "start_on": day(10), "answer_by": day(3)}
		if st, _ := hr.do("POST", path(apps[1], "offer"), monthly, nil); st != 201 {
			t.Fatalf("offer 2: %d", st)
		}
		if st, _ := seeker.do("POST", path(apps[1], "offer/answer"), map[string]any{"accept": false}, &o); st != 200 || o.Status != "declined" {
			t.Fatalf("decline: %d %+v", st, o)
		}
		var mine struct {
			Items []struct {
				ID     int64
				Status string
				Offer  *struct{ Status string }
			}
		}
		seeker.do("GET", "/api/v1/me/applications", nil, &mine)
		for _, a := range mine.Items {
			if a.ID == apps[1] && (a.Status != "ditarik" || a.Offer == nil || a.Offer.Status != "declined") {
				t.Fatalf("after declining: %+v", a)
			}
		}
	})
}
