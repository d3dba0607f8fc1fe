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

// TestVacancyFactsAPI: the contract of issue 15 on the JSON door — a wage
// in any unit checked against the converted UMK (a below-floor day's wage
// is a 422 on wage_min naming the floor), the worksite company and agency
// licence, the disability filter, PUT, responsiveness on the vacancy and
// employer, the workforce visible to the employer and petugas only, and
// the licence check by a petugas.
func TestVacancyFactsAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		hr, officer := demoClient(t, srv.URL, "perusahaan@bursa.test"), demoClient(t, srv.URL, "petugas@bursa.test")
		public := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		day := func(n int) string { return srv.Clock.T.AddDate(0, 0, n).Format("2006-01-02") }
		body := func(edit func(map[string]any)) map[string]any {
			b := map[string]any{"title": "Buruh Harian Gudang", "kbji": "9333", "education": "sd", "region": "3672", "openings": 3,
				"wage_min": 150_000, "wage_max": 150_000, "wage_unit": "day", "contract": "harian", "closes_on": day(20),
				"description": "Bongkar muat barang di gudang kawasan industri Cilegon, shift pagi."}
			edit(b)
			return b
		}
		var p struct {
			Status int
			Errors []struct{ Field, Code, Detail string }
		}
		if st, _ := hr.do("POST", "/api/v1/vacancies", body(func(map[string]any) {}), &p); st != 422 || len(p.Errors) != 1 ||
			p.Errors[0].Field != "wage_min" || p.Errors[0].Code != "vfacts_below_floor_day" {
			t.Fatalf("below-floor day wage: %d %+v", st, p)
		}
		if p.Errors[0].Detail == "" || !strings.Contains(p.Errors[0].Detail, "Rp 218.796") {
			t.Fatalf("the message names the converted floor: %q", p.Errors[0].Detail)
		}
		var v api.VacancyJSON
		st, _ := hr.do("POST", "/api/v1/vacancies", body(func(b map[string]any) {
			b["wage_min"], b["wage_max"], b["work_days_per_week"] = 270_000, 300_000, 5
			b["worksite_employer"] = map[string]any{"name": "PT Krakatau Logistik", "nib": "9120001234567"}
			b["agency_licence"] = map[string]any{"number": "KEP.560/77/LPTKS/2025", "valid_until": day(300)}
			b["disability_open"], b["disability_accessible"], b["disability_note"] = true, true, "Gudang satu lantai."
		}), &v)
		if st != 201 || v.WageUnit != "day" || v.WorkDays != 5 || v.WageMin != 270_000 || v.MonthlyWageMin != 270_000*21 ||
			v.MonthlyWageMax != 300_000*21 || v.Worksite == nil || v.Worksite.NIB != "9120001234567" || v.Agency == nil ||
			v.Agency.ValidUntil != day(300) || v.Agency.Check != "" || !v.DisabilityOpen {
			t.Fatalf("create: %d %+v", st, v)
		}
		// A monthly vacancy answers as before, with its unit.
		var m api.VacancyJSON
		if st, _ := hr.do("POST", "/api/v1/vacancies", body(func(b map[string]any) {
			delete(b, "wage_unit")
			b["title"], b["wage_min"], b["wage_max"] = "Operator Forklift", 5_500_000, 6_000_000
		}), &m); st != 201 || m.WageUnit != "month" || m.WorkDays != 6 || m.MonthlyWageMin != 5_500_000 || m.Worksite != nil || m.Agency != nil {
			t.Fatalf("monthly: %d %+v", st, m)
		}
		// The public reads it with the employer's responsiveness.
		var got api.VacancyJSON
		if st, _ := public.do("GET", fmt.Sprintf("/api/v1/vacancies/%d", v.ID), nil, &got); st != 200 || got.Responsiveness == nil ||
			got.Funnel != nil || got.Worksite == nil {
			t.Fatalf("public get: %d %+v", st, got)
		}
		// The disability filter.
		var list struct {
			Items []api.VacancyJSON
			Total int
		}
		if st, _ := public.do("GET", "/api/v1/vacancies?disability_open=1&per_page=100", nil, &list); st != 200 || list.Total == 0 {
			t.Fatalf("filter: %d %d", st, list.Total)
		}
		found := false
		for _, it := range list.Items {
			found = found || it.ID == v.ID
			if !it.DisabilityOpen || it.ID == m.ID {
				t.Fatalf("filter let through %+v", it)
			}
		}
		if !found {
			t.Fatal("filter lost the open vacancy")
		}
		if st, _ := public.do("GET", "/api/v1/vacancies?disability_open=maybe", nil, &p); st != 422 || p.Errors[0].Field != "disability_open" {
			t.Fatalf("bad filter: %d %+v", st, p)
		}
		// PUT: an hour's wage, then below the hour floor.
		put := body(func(b map[string]any) { b["wage_unit"], b["wage_min"], b["wage_max"] = "hour", 45_000, 50_000 })
		if st, _ := hr.do("PUT", fmt.Sprintf("/api/v1/vacancies/%d", v.ID), put, &got); st != 200 || got.WageUnit != "hour" ||
			got.MonthlyWageMin != 45_000*126 || got.Worksite != nil {
			t.Fatalf("put: %d %+v", st, got)
		}
		put["wage_min"] = 40_000
		if st, _ := hr.do("PUT", fmt.Sprintf("/api/v1/vacancies/%d", v.ID), put, &p); st != 422 || p.Errors[0].Field != "wage_min" {
			t.Fatalf("put below floor: %d %+v", st, p)
		}
		if st, _ := public.do("PUT", fmt.Sprintf("/api/v1/vacancies/%d", v.ID), put, nil); st != 401 {
			t.Fatalf("anonymous put: %d", st)
		}
		// The employer: public without workforce; its own and petugas's with.
		var e api.EmployerJSON
		if st, _ := hr.do("PUT", "/api/v1/me/workforce", map[string]any{"ownership": "bumn", "employees": 450, "disabled_employees": 5}, &e); st != 200 ||
			e.Workforce == nil || e.Workforce.QuotaPct != 2 || e.Workforce.QuotaRequired != 9 || e.Workforce.QuotaMet {
			t.Fatalf("declare: %d %+v", st, e.Workforce)
		}
		if st, _ := hr.do("PUT", "/api/v1/me/workforce", map[string]any{"ownership": "bumn", "employees": 4, "disabled_employees": 5}, &p); st != 422 ||
			p.Errors[0].Field != "disabled_employees" {
			t.Fatalf("more disabled than employees: %d %+v", st, p)
		}
		e = api.EmployerJSON{}
		if st, _ := public.do("GET", fmt.Sprintf("/api/v1/employers/%d", v.EmployerID), nil, &e); st != 200 || e.Workforce != nil ||
			e.Responsiveness == nil || e.Ownership != "bumn" || !e.Verified {
			t.Fatalf("public employer: %d %+v", st, e)
		}
		if st, _ := officer.do("GET", fmt.Sprintf("/api/v1/employers/%d", v.EmployerID), nil, &e); st != 200 || e.Workforce == nil ||
			e.Workforce.DisabledEmployees != 5 {
			t.Fatalf("petugas sees the workforce: %d %+v", st, e)
		}
		// The licence check.
		var a api.VacancyJSON
		if st, _ := hr.do("POST", "/api/v1/vacancies", body(func(b map[string]any) {
			b["wage_min"], b["wage_max"] = 230_000, 230_000
			b["agency_licence"] = map[string]any{"number": "KEP.560/88/LPTKS/2025", "valid_until": day(100)}
		}), &a); st != 201 {
			t.Fatalf("agency vacancy: %d", st)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/licence-check", a.ID), map[string]any{"valid": true}, nil); st != 403 {
			t.Fatalf("HR checks a licence: %d", st)
		}
		var q struct{ Items []api.VacancyJSON }
		if st, _ := officer.do("GET", "/api/v1/licence-checks", nil, &q); st != 200 || len(q.Items) == 0 {
			t.Fatalf("queue: %d %d", st, len(q.Items))
		}
		if st, _ := officer.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/licence-check", a.ID), map[string]any{"valid": false}, &p); st != 422 ||
			p.Errors[0].Field != "reason" {
			t.Fatalf("refusal without reason: %d", st)
		}
		if st, _ := officer.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/licence-check", a.ID), map[string]any{"valid": false, "reason": "Nomor izin tidak terdaftar"}, &a); st != 200 ||
			a.Agency == nil || a.Agency.Check != "tidak_sesuai" {
			t.Fatalf("refuse: %d %+v", st, a.Agency)
		}
	})
}
