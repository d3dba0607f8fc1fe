package api_test

import (
	"encoding/csv"
	"io"
	"net/http"
	"slices"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

func TestVacancyReportAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		a, clk := srv.Services, srv.Clock
		type report struct {
			From, To string
			Items    []struct {
				ID             int64
				EmployerID     int64 `json:"employer_id"`
				Employer       string
				NIB            string
				Placed         int
				PlacedLocal    int  `json:"placed_local"`
				PlacedFemale   *int `json:"placed_female"`
				Withheld       bool
				LocalPlacedPct *int `json:"local_share_placed_pct"`
			}
			Totals []struct {
				Region       string
				Vacancies    int
				Placed       int
				PlacedShown  int `json:"placed_shown"`
				PlacedFemale int `json:"placed_female"`
			}
		}
		employer := demoClient(t, srv.URL, "perusahaan@bursa.test")
		var own report
		if st, _ := employer.do("GET", "/api/v1/reports/vacancies", nil, &own); st != 200 || len(own.Items) == 0 || own.From != clk.T.Format("2006")+"-01-01" {
			t.Fatalf("employer report: %d, %d items from %s", st, len(own.Items), own.From)
		}
		placed := 0
		for _, it := range own.Items {
			if it.Employer != "PT Baja Mandiri Cilegon" || it.NIB == "" {
				t.Errorf("employer's report holds %+v", it)
			}
			placed += it.Placed
			if (it.Placed == 0) != (it.LocalPlacedPct == nil) {
				t.Errorf("local share placed given for %d placed", it.Placed)
			}
		}
		if last := own.Totals[len(own.Totals)-1]; last.Region != "" || last.Vacancies != len(own.Items) || last.Placed != placed || last.PlacedShown != placed {
			t.Errorf("totals %+v for %d items, %d placed (an employer's own report withholds nothing)", last, len(own.Items), placed)
		}

		analyst := demoClient(t, srv.URL, "analis@bursa.test")
		var province report
		if st, _ := analyst.do("GET", "/api/v1/reports/vacancies?region=3672", nil, &province); st != 200 || len(province.Totals) != 2 || province.Totals[0].Region != "3672" {
			t.Fatalf("Cilegon report: %d %+v", st, province.Totals)
		}
		withheld := 0
		for _, it := range province.Items {
			if it.Placed > 0 && it.Placed < vacancy.MinShown {
				withheld++
				if !it.Withheld || it.PlacedFemale != nil || it.LocalPlacedPct != nil {
					t.Errorf("vacancy %d with %d placed shows worker figures", it.ID, it.Placed)
				}
			}
		}
		if withheld == 0 {
			t.Error("no Cilegon vacancy with 1-4 hires: the check tested nothing")
		}
		if c := province.Totals[0]; c.PlacedShown >= c.Placed || c.PlacedFemale > c.PlacedShown {
			t.Errorf("Cilegon totals %+v: the withheld hires are not left out of the sums", c)
		}
		resp, err := analyst.c.Get(srv.URL + "/api/v1/reports/vacancies?format=csv&region=3672")
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(resp.Body).ReadAll()
		resp.Body.Close()
		if err != nil || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !slices.Equal(recs[0], vacancy.ReportColumns) || len(recs)-1 != len(province.Items) {
			t.Errorf("CSV: %v, %d rows for %d items", err, len(recs)-1, len(province.Items))
		}

		var p problem
		for _, tc := range []struct{ path, field, code string }{
			{"/api/v1/reports/vacancies?from=2026-06-01&to=2026-05-01", "to", "period_reversed"},
			{"/api/v1/reports/vacancies?from=kemarin", "from", "date_invalid"},
			{"/api/v1/reports/vacancies?format=xls", "format", "choose_one"},
		} {
			if st, _ := analyst.do("GET", tc.path, nil, &p); st != 422 || len(p.Errors) == 0 || p.Errors[0].Field != tc.field || p.Errors[0].Code != tc.code {
				t.Errorf("GET %s: %d %+v", tc.path, st, p.Errors)
			}
		}
		seeker := demoClient(t, srv.URL, "pencari@bursa.test")
		if st, _ := seeker.do("GET", "/api/v1/reports/vacancies", nil, &p); st != http.StatusForbidden {
			t.Errorf("seeker: %d", st)
		}
		// An HR user who has registered no company has no report: not found,
		// as their vacancies are (the role may read one, once there is one).
		if _, err := a.Auth.Create(t.Context(), d, auth.NewUser{Login: "hrd@belum.test", Name: "HRD Baru", Password: "rahasia-123",
			Roles: []auth.Role{auth.Perusahaan}}); err != nil {
			t.Fatal(err)
		}
		newHR := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		newHR.do("POST", "/api/v1/session", map[string]string{"login": "hrd@belum.test", "password": "rahasia-123"}, nil)
		if st, _ := newHR.do("GET", "/api/v1/reports/vacancies", nil, &p); st != http.StatusNotFound {
			t.Errorf("HR user without a company: %d", st)
		}
		anon, _ := http.Get(srv.URL + "/api/v1/reports/vacancies")
		io.Copy(io.Discard, anon.Body)
		anon.Body.Close()
		if anon.StatusCode != http.StatusUnauthorized {
			t.Errorf("visitor: %d", anon.StatusCode)
		}
	})
}
