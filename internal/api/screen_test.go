package api_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestScreeningContract walks issue 15's contract: a created vacancy
// carries status and flags; a held one is 404 to the public and absent
// from the list; a petugas finds it in the queue and decides with a
// required reason; approval publishes it.
func TestScreeningContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		hr, officer := demoClient(t, srv.URL, "perusahaan@bursa.test"), demoClient(t, srv.URL, "petugas@bursa.test")
		seeker := demoClient(t, srv.URL, "pencari@bursa.test")
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		in := map[string]any{"title": "Operator Produksi Baja", "kbji": "8121", "skills": []string{}, "education": "smk", "region": "3672",
			"openings": 3, "wage_min": 5500000, "wage_max": 6000000, "contract": "pkwt",
			"closes_on":   srv.Clock.T.AddDate(0, 0, 20).Format("2006-01-02"),
			"description": "Biaya administrasi Rp 500.000 untuk seragam dan medical check up dibayar pelamar. Hubungi WA 0812-7777-1234."}
		var v api.VacancyJSON
		if st, _ := hr.do("POST", "/api/v1/vacancies", in, &v); st != 201 || v.Status != "ditinjau" || v.Flags == nil {
			t.Fatalf("create held: %d %+v", st, v)
		}
		codes := map[string]string{}
		for _, f := range *v.Flags {
			codes[f.Code] = f.Detail
		}
		if codes["fee"] == "" || codes["contact"] == "" {
			t.Fatalf("flags %+v", *v.Flags)
		}
		path := fmt.Sprintf("/api/v1/vacancies/%d", v.ID)
		for name, c := range map[string]*client{"anonymous": anon, "seeker": seeker} {
			if st, _ := c.do("GET", path, nil, nil); st != 404 {
				t.Fatalf("%s reads a held vacancy: %d", name, st)
			}
		}
		var list struct{ Items []api.VacancyJSON }
		if st, _ := anon.do("GET", "/api/v1/vacancies?q=operator&per_page=100", nil, &list); st != 200 {
			t.Fatalf("list: %d", st)
		}
		for _, x := range list.Items {
			if x.ID == v.ID {
				t.Fatal("held vacancy in the public list")
			}
		}
		// The queue: petugas only.
		if st, _ := hr.do("GET", "/api/v1/review/vacancies", nil, nil); st != 403 {
			t.Fatalf("employer reads the queue: %d", st)
		}
		if st, _ := anon.do("GET", "/api/v1/review/vacancies", nil, nil); st != 401 {
			t.Fatalf("anonymous reads the queue: %d", st)
		}
		var q struct{ Items []api.ReviewJSON }
		if st, _ := officer.do("GET", "/api/v1/review/vacancies", nil, &q); st != 200 {
			t.Fatalf("queue: %d", st)
		}
		found := false
		for _, r := range q.Items {
			if r.Vacancy.ID == v.ID {
				found = r.Publish && len(r.Flags) == 2 && r.Text == in["description"]
			}
		}
		if !found {
			t.Fatalf("held vacancy not in the queue as expected: %+v", q.Items)
		}
		decide := fmt.Sprintf("/api/v1/review/vacancies/%d", v.ID)
		var p problem
		if st, _ := officer.do("POST", decide, map[string]any{"approve": true, "reason": ""}, &p); st != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "reason" {
			t.Fatalf("decision without reason: %d %+v", st, p)
		}
		if st, _ := hr.do("POST", decide, map[string]any{"approve": true, "reason": "saya sendiri"}, nil); st != 403 {
			t.Fatalf("employer decides: %d", st)
		}
		var r api.ReviewJSON
		if st, _ := officer.do("POST", decide, map[string]any{"approve": true, "reason": "Dicek ke perusahaan: biaya ditanggung perusahaan."}, &r); st != 200 ||
			r.Vacancy.Status != "published" || r.Decision != "approved" {
			t.Fatalf("approve: %d %+v", st, r)
		}
		var pub map[string]any
		if st, _ := anon.do("GET", path, nil, &pub); st != 200 || pub["status"] != "published" {
			t.Fatalf("approved vacancy to the public: %d %v", st, pub["status"])
		}
		if _, ok := pub["flags"]; ok {
			t.Fatal("the public sees the flags")
		}
		// A clean vacancy is published at once, with no flags (an empty list).
		in["description"] = "Mengoperasikan mesin rolling di pabrik baja Cilegon. Melamar gratis."
		var raw json.RawMessage
		if st, _ := hr.do("POST", "/api/v1/vacancies", in, &raw); st != 201 {
			t.Fatalf("clean create: %d", st)
		}
		var clean map[string]any
		json.Unmarshal(raw, &clean)
		if clean["status"] != "published" || fmt.Sprint(clean["flags"]) != "[]" {
			t.Fatalf("clean create: %s", raw)
		}
		// A discriminatory flag takes the employer's reason.
		in["description"] = "Mengoperasikan mesin rolling di pabrik baja Cilegon. Syarat: pria, usia maks 30 tahun."
		if st, _ := hr.do("POST", "/api/v1/vacancies", in, &v); st != 201 || v.Status != "published" || v.Flags == nil || len(*v.Flags) != 2 {
			t.Fatalf("flagged create: %d %+v", st, v)
		}
		if v.Description != "Mengoperasikan mesin rolling di pabrik baja Cilegon." {
			t.Fatalf("public description keeps the flagged sentence: %q", v.Description)
		}
		fl := (*v.Flags)[0]
		var got api.FlagJSON
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/flags/%d", v.ID, fl.ID), map[string]string{"reason": ""}, &p); st != 422 {
			t.Fatalf("empty reason: %d", st)
		}
		if st, _ := hr.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/flags/%d", v.ID, fl.ID), map[string]string{"reason": "Kerja angkat beban berat di ketinggian."}, &got); st != 200 || got.State != "pending" {
			t.Fatalf("reason: %d %+v", st, got)
		}
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/flags/%d", v.ID, fl.ID), map[string]string{"reason": "x"}, nil); st != 403 {
			t.Fatalf("seeker explains: %d", st)
		}
	})
}
