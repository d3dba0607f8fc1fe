package api_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
)

// TestApprenticeshipContract: the contract lines of issue 16 — months 18
// and an allowance of 0 are 422 problems with the field in errors[] — and
// the way through: 201 with decide_by, the officer's decision, the
// vacancy, an apprentice taken on and ended hired; a magang vacancy
// without a program is refused on contract.
func TestApprenticeshipContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		hr, officer := demoClient(t, srv.URL, "perusahaan@bursa.test"), demoClient(t, srv.URL, "petugas@bursa.test")
		day := func(n int) string { return srv.Clock.T.AddDate(0, 0, n).Format(time.DateOnly) }
		body := func() map[string]any {
			return map[string]any{"title": "Magang Operator CNC", "occupation": "7223", "standard": "SKKNI 2018-112 Operator CNC",
				"region": "3672", "seats": 3, "months": 6, "theory_share": 20, "allowance": 2_700_000, "insurance": true,
				"mentor_name": "Joko Susilo", "mentor_title": "Kepala Bengkel", "start_on": day(21), "workforce": 640,
				"training_plan": "Bulan 1 teori gambar teknik dan K3, bulan 2–5 praktik CNC bersama pembimbing, bulan 6 uji kompetensi."}
		}
		for field, v := range map[string]any{"months": 18, "allowance": 0} {
			b := body()
			b[field] = v
			var p problem
			st, hdr := hr.do("POST", "/api/v1/apprenticeships", b, &p)
			if st != 422 || hdr.Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%s=%v: %d %s", field, v, st, hdr.Get("Content-Type"))
			}
			if len(p.Errors) != 1 || p.Errors[0].Field != field || p.Errors[0].Detail == "" {
				t.Errorf("%s=%v: errors %+v", field, v, p.Errors)
			}
		}
		var created struct {
			ID       int64  `json:"id"`
			Status   string `json:"status"`
			DecideBy string `json:"decide_by"`
		}
		if st, _ := hr.do("POST", "/api/v1/apprenticeships", body(), &created); st != 201 || created.Status != "diajukan" || created.DecideBy != "2026-03-05" {
			t.Fatalf("apply: %d %+v", st, created)
		}
		path := fmt.Sprintf("/api/v1/apprenticeships/%d", created.ID)
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := anon.do("GET", path, nil, nil); st != 404 {
			t.Errorf("pending program public: %d", st)
		}
		if st, _ := hr.do("POST", path+"/decision", map[string]any{"approve": true}, nil); st != 403 {
			t.Errorf("company decided: %d", st)
		}
		var q struct {
			Waiting []struct{ ID int64 } `json:"waiting"`
			Overdue int                  `json:"overdue"`
		}
		if st, _ := officer.do("GET", "/api/v1/apprenticeships/queue", nil, &q); st != 200 || len(q.Waiting) < 2 || q.Overdue < 1 {
			t.Errorf("queue: %d %+v", st, q)
		}
		var p struct {
			Status string `json:"status"`
		}
		if st, _ := officer.do("POST", path+"/decision", map[string]any{"approve": true}, &p); st != 200 || p.Status != "disetujui" {
			t.Fatalf("approve: %d %+v", st, p)
		}
		var v struct {
			VacancyID int64 `json:"vacancy_id"`
		}
		if st, _ := hr.do("POST", path+"/vacancies", map[string]any{"closes_on": day(14), "education": "smk"}, &v); st != 201 {
			t.Fatalf("vacancy: %d", st)
		}
		var app struct{ ID int64 }
		seeker := demoClient(t, srv.URL, "pencari@bursa.test")
		if st, _ := seeker.do("POST", fmt.Sprintf("/api/v1/vacancies/%d/applications", v.VacancyID), nil, &app); st != 201 {
			t.Fatalf("apply to the magang vacancy: %d", st)
		}
		var x struct {
			ID     int64  `json:"id"`
			Status string `json:"status"`
		}
		if st, _ := hr.do("POST", path+"/apprentices", map[string]any{"application_id": app.ID, "start_on": day(21)}, &x); st != 201 || x.Status != "berjalan" {
			t.Fatalf("take on: %d %+v", st, x)
		}
		var ended struct {
			Status string `json:"status"`
			Hired  bool   `json:"hired"`
		}
		if st, _ := hr.do("POST", fmt.Sprintf("%s/apprentices/%d/end", path, x.ID), map[string]any{"outcome": "selesai",
			"certificate": "LSP-P1/CNC/2026/0042", "hired": true}, &ended); st != 200 || ended.Status != "selesai" || !ended.Hired {
			t.Fatalf("end: %d %+v", st, ended)
		}
		var r struct {
			Apprentices []struct{ Status string } `json:"apprentices"`
		}
		if st, _ := hr.do("GET", path+"/apprentices", nil, &r); st != 200 || len(r.Apprentices) != 1 {
			t.Errorf("roster: %d %+v", st, r)
		}
		// A magang vacancy that is really a job.
		var prob problem
		st, _ := hr.do("POST", "/api/v1/vacancies", map[string]any{"title": "Magang Operator Produksi", "kbji": "8121", "education": "sma",
			"region": "3672", "openings": 20, "wage_min": 6_000_000, "wage_max": 6_000_000, "contract": "magang", "closes_on": day(14),
			"description": "Magang dua belas bulan, kerja shift penuh di lini produksi."}, &prob)
		if st != 422 || len(prob.Errors) == 0 || prob.Errors[0].Field != "contract" || prob.Errors[0].Code != "magang_needs_program" {
			t.Errorf("magang without a program: %d %+v", st, prob.Errors)
		}
	})
}
