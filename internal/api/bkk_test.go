package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
)

// TestTracerDatasetContract is the contract: GET /api/v1/stats
// lists a dataset with id exactly "tracer"; its JSON-stat counts the demo
// schools' graduates and publishes no count from 1 to 4.
func TestTracerDatasetContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		pub := &client{t: t, base: a.URL, c: apptest.NewClient()}
		var cat struct{ Datasets []struct{ ID, URL string } }
		if st, _ := pub.do("GET", "/api/v1/stats", nil, &cat); st != 200 {
			t.Fatalf("catalog: %d", st)
		}
		found := false
		for _, ds := range cat.Datasets {
			found = found || ds.ID == "tracer" && ds.URL == "/api/v1/stats/tracer"
		}
		if !found {
			t.Fatalf("no tracer dataset in %+v", cat.Datasets)
		}
		var js struct {
			ID        []string
			Size      []int
			Value     []*float64
			Dimension map[string]struct {
				Category struct{ Index map[string]int }
			}
		}
		if st, _ := pub.do("GET", "/api/v1/stats/tracer", nil, &js); st != 200 {
			t.Fatalf("tracer: %d", st)
		}
		if len(js.ID) != 3 || js.ID[0] != "wilayah" || js.ID[1] != "tahun_lulus" || js.ID[2] != "kategori" {
			t.Fatalf("dimensions %v", js.ID)
		}
		assessed := 0.0
		k := js.Dimension["kategori"].Category.Index["dinilai_6"]
		for m := 0; m < js.Size[1]; m++ {
			if v := js.Value[(0*js.Size[1]+m)*js.Size[2]+k]; v != nil {
				assessed += *v
			}
		}
		if assessed < 20 {
			t.Errorf("province graduates past 6 months: %v", assessed)
		}
		for i, v := range js.Value {
			if v != nil && *v > 0 && *v < 5 {
				t.Fatalf("cell %d publishes %v", i, *v)
			}
		}
	})
}

// TestBKKAPI walks the API: an officer registers a school (an NPSN not of 8
// digits is a 422 naming the field), the BKK verifies the demo seeker, she
// answers the tracer, and the school's public answer carries the figures.
// Another school's staff get 404.
func TestBKKAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		a := apptest.Start(t, d, true)
		officer := demoClient(t, a.URL, "petugas@bursa.test")
		var p problem
		if st, _ := officer.do("POST", "/api/v1/schools", map[string]any{"npsn": "1234", "name": "SMK X", "region": "3604",
			"address": "Jl. Contoh No. 9, Serang", "programs": []string{"TKJ"}}, &p); st != 422 || len(p.Errors) != 1 || p.Errors[0].Field != "npsn" || p.Errors[0].Code != "bkk_npsn_invalid" {
			t.Fatalf("bad npsn: %d %+v", st, p)
		}
		var sc struct{ NPSN, URL string }
		if st, h := officer.do("POST", "/api/v1/schools", map[string]any{"npsn": "99360402", "name": "SMK X", "region": "3604",
			"address": "Jl. Contoh No. 9, Serang", "programs": []string{"TKJ"}}, &sc); st != 201 || sc.URL != "/smk/99360402" || h.Get("Location") != "/api/v1/schools/99360402" {
			t.Fatalf("register: %d %+v", st, sc)
		}
		seekerC := demoClient(t, a.URL, "pencari@bursa.test")
		if st, _ := seekerC.do("POST", "/api/v1/me/tracer", map[string]any{"status": "mencari"}, &p); st != 422 || p.Errors[0].Code != "bkk_not_verified" {
			t.Fatalf("tracer before verification: %d %+v", st, p)
		}
		staff := demoClient(t, a.URL, "bkk@bursa.test")
		var list struct {
			Items []struct {
				ID           int64
				Name, Status string
			}
		}
		if st, _ := staff.do("GET", "/api/v1/schools/99360401/graduates?status=menunggu", nil, &list); st != 200 {
			t.Fatalf("graduates: %d", st)
		}
		var siti int64
		for _, g := range list.Items {
			if g.Name == "Siti Nurhayati" {
				siti = g.ID
			}
		}
		if siti == 0 {
			t.Fatalf("demo seeker not waiting: %+v", list.Items)
		}
		other := loginClient(t, a.URL, demo.DemoBKKSecondStaff, demo.Password)
		var bad problem
		if st, _ := staff.do("GET", "/api/v1/schools/99360401/graduates?status=lulus", nil, &bad); st != 422 || len(bad.Errors) != 1 || bad.Errors[0].Field != "status" {
			t.Errorf("unknown status filter: %d %+v", st, bad)
		}
		if st, _ := other.do("GET", "/api/v1/schools/99360401/graduates", nil, nil); st != 404 {
			t.Fatalf("another school's staff: %d", st)
		}
		if st, _ := other.do("POST", "/api/v1/schools/99360401/graduates/"+itoa(siti)+"/verify", map[string]any{}, nil); st != 404 {
			t.Fatalf("another school's staff verifies: %d", st)
		}
		if st, _ := seekerC.do("GET", "/api/v1/schools/99360401/graduates", nil, nil); st != 403 {
			t.Fatalf("a seeker lists graduates: %d", st)
		}
		var g struct{ Status string }
		// No answer verifies nobody.
		if st, _ := staff.do("POST", "/api/v1/schools/99360401/graduates/"+itoa(siti)+"/verify", map[string]any{}, nil); st != 422 {
			t.Fatalf("verify with no answer: %d", st)
		}
		if st, _ := staff.do("POST", "/api/v1/schools/99360401/graduates/"+itoa(siti)+"/verify", map[string]any{"verified": true}, &g); st != 200 || g.Status != "terverifikasi" {
			t.Fatalf("verify: %d %+v", st, g)
		}
		var me struct {
			Status     string
			TracerWave int `json:"tracer_wave"`
		}
		if st, _ := seekerC.do("GET", "/api/v1/me/graduation", nil, &me); st != 200 || me.Status != "terverifikasi" || me.TracerWave != 6 {
			t.Fatalf("my graduation: %d %+v", st, me)
		}
		if st, _ := seekerC.do("POST", "/api/v1/me/tracer", map[string]any{"status": "bekerja"}, &p); st != 422 || len(p.Errors) != 3 {
			t.Fatalf("working without details: %d %+v", st, p)
		}
		var ans struct {
			Months         int
			Status, Source string
		}
		if st, _ := seekerC.do("POST", "/api/v1/me/tracer", map[string]any{"status": "bekerja", "employer_name": "PT Baja Mandiri",
			"contract": "pkwt", "wage_band": "umk_1_5"}, &ans); st != 200 || ans.Months != 6 || ans.Source != "formulir" {
			t.Fatalf("answer: %d %+v", st, ans)
		}
		pub := &client{t: t, base: a.URL, c: apptest.NewClient()}
		var detail struct {
			NPSN   string
			Tracer []struct {
				Months int
				Total  struct {
					Assessed struct {
						Value    *int
						Withheld bool
					}
				}
			}
			Vacancies []struct {
				ID            int64
				GraduatesOnly bool `json:"graduates_only"`
			}
		}
		if st, _ := pub.do("GET", "/api/v1/schools/99360401", nil, &detail); st != 200 || len(detail.Tracer) != 2 || len(detail.Vacancies) != 1 || !detail.Vacancies[0].GraduatesOnly {
			t.Fatalf("school: %d %+v", st, detail)
		}
		if v := detail.Tracer[0].Total.Assessed.Value; v == nil || *v < 20 {
			t.Errorf("school graduates past 6 months: %+v", detail.Tracer[0].Total)
		}
		if st, _ := pub.do("GET", "/api/v1/schools/12345678", nil, nil); st != 404 {
			t.Errorf("unknown school: %d", st)
		}
		// The graduates-only vacancy takes the verified demo seeker.
		var applied struct{ ID int64 }
		if st, _ := seekerC.do("POST", "/api/v1/vacancies/"+itoa(detail.Vacancies[0].ID)+"/applications", map[string]any{}, &applied); st != 201 {
			t.Fatalf("apply to the BKK vacancy: %d", st)
		}
		var apps struct {
			Items []struct {
				ApplicationID int64 `json:"application_id"`
				ViaBKK        bool  `json:"via_bkk"`
				Phone         string
			}
		}
		if st, _ := staff.do("GET", "/api/v1/schools/99360401/applications", nil, &apps); st != 200 {
			t.Fatalf("applications: %d", st)
		}
		seen := false
		for _, x := range apps.Items {
			if x.ApplicationID == applied.ID {
				seen = x.ViaBKK && x.Phone == ""
			}
		}
		if !seen {
			t.Fatalf("the BKK does not see the application as expected: %+v", apps.Items)
		}
		// An unverified graduate (another seeker) is refused by the same vacancy.
		login := apptest.OtherSeeker(t, a.Services)
		stranger := loginClient(t, a.URL, login, apptest.OtherPassword)
		res, err := stranger.c.Post(a.URL+"/api/v1/vacancies/"+itoa(detail.Vacancies[0].ID)+"/applications", "application/json", nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if err := json.Unmarshal(b, &p); err != nil || res.StatusCode != http.StatusUnprocessableEntity || p.Errors[0].Code != "bkk_graduates_only" {
			t.Fatalf("stranger applies: %d %s", res.StatusCode, b)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
