package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/api"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/demo"
)

// TestUMKMContract is the contract: POST /api/v1/umkm with
// {"nib","name","kbli","region","capital","annual_sales"} answers 201 with
// {"id","class"} by PP 7/2021, for a plain job seeker registering their own
// business; bad input is 422 with the fields named.
func TestUMKMContract(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, true)
		seeker := loginClient(t, srv.URL, "pencari@bursa.test", demo.Password)
		for _, tt := range []struct {
			capital, sales int64
			class          string
		}{
			{1_000_000_000, 0, "mikro"},
			{1_000_000_001, 0, "kecil"},
			{3_000_000_000, 1_500_000_000, "mikro"}, // sales decide once there are sales
			{500_000_000, 15_000_000_001, "menengah"},
			{0, 50_000_000_001, "besar"},
		} {
			var got map[string]any
			nib := fmt.Sprintf("99%011d", tt.sales+tt.capital%1000)
			st, _ := seeker.do("POST", "/api/v1/umkm", map[string]any{"nib": nib, "name": "Keripik Pisang Bu Siti", "kbli": "10792",
				"region": "3604", "capital": tt.capital, "annual_sales": tt.sales}, &got)
			if st != 201 || got["class"] != tt.class || got["id"] == nil {
				t.Errorf("capital %d sales %d: %d %v", tt.capital, tt.sales, st, got)
			}
		}
		// The same NIB sent again by its owner: the same business, the
		// class of the figures sent.
		var first, again map[string]any
		seeker.do("POST", "/api/v1/umkm", map[string]any{"nib": "3604000011112", "name": "Tahu Sumedang", "kbli": "C", "region": "3604",
			"capital": 1_000_000_000, "annual_sales": 0}, &first)
		st, _ := seeker.do("POST", "/api/v1/umkm", map[string]any{"nib": "3604000011112", "name": "Tahu Sumedang", "kbli": "C", "region": "3604",
			"capital": 1_000_000_001, "annual_sales": 0}, &again)
		if st != 201 || again["id"] != first["id"] || first["class"] != "mikro" || again["class"] != "kecil" {
			t.Errorf("registered again: %d %v %v", st, first, again)
		}
		var p problem
		st, h := seeker.do("POST", "/api/v1/umkm", map[string]any{"nib": "12", "name": "", "kbli": "ZZ", "region": "9999", "capital": -1, "annual_sales": -2}, &p)
		if st != 422 || !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("bad input: %d %+v", st, p)
		}
		var fields []string
		for _, e := range p.Errors {
			fields = append(fields, e.Field)
		}
		for _, f := range []string{"nib", "name", "kbli", "region", "capital", "annual_sales"} {
			if !slices.Contains(fields, f) {
				t.Errorf("no %s error in %v", f, fields)
			}
		}
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		if st, _ := anon.do("POST", "/api/v1/umkm", map[string]any{"nib": "1234567890123", "name": "X", "kbli": "C", "region": "3604", "capital": 1, "annual_sales": 0}, nil); st != 401 {
			t.Errorf("anonymous: %d", st)
		}
		// The koperasi demo account registers for an owner.
		officer := loginClient(t, srv.URL, "koperasi@bursa.test", demo.Password)
		var b api.UMKMJSON
		if st, _ := officer.do("POST", "/api/v1/umkm", map[string]any{"nib": "3604000000777", "name": "Batik Cilegon", "kbli": "C", "region": "3672",
			"capital": 2_000_000_000, "annual_sales": 0, "owner_name": "Ibu Rina"}, &b); st != 201 || b.Class != "kecil" {
			t.Errorf("officer: %d %+v", st, b)
		}
	})
}

// TestUMKMAPI walks a business through the API: its page (another person
// gets 404), a declaration that moves it up, a program opened, applied
// to and allocated, a milestone, the public figures and the youth pages.
func TestUMKMAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		srv := apptest.Start(t, d, false)
		ctx := t.Context()
		for login, role := range map[string]auth.Role{"owner@u.test": auth.Pencari, "other@u.test": auth.Pencari, "dinas@u.test": auth.Koperasi} {
			if _, err := srv.Auth.Create(ctx, d, auth.NewUser{Login: login, Name: login, Password: apptest.OtherPassword, Roles: []auth.Role{role}}); err != nil {
				t.Fatal(err)
			}
		}
		owner, other, officer := loginClient(t, srv.URL, "owner@u.test", apptest.OtherPassword), loginClient(t, srv.URL, "other@u.test", apptest.OtherPassword),
			loginClient(t, srv.URL, "dinas@u.test", apptest.OtherPassword)
		var b api.UMKMJSON
		if st, _ := owner.do("POST", "/api/v1/umkm", map[string]any{"nib": "3604111122223", "name": "Emping Melinjo Pandeglang", "kbli": "10",
			"region": "3601", "capital": 150_000_000, "annual_sales": 1_900_000_000, "year": 2025, "evidence": "catatan penjualan 2025", "owner_birth_year": 2000}, &b); st != 201 || b.Class != "mikro" {
			t.Fatalf("register: %d %+v", st, b)
		}
		path := fmt.Sprintf("/api/v1/umkm/%d", b.ID)
		if st, _ := other.do("GET", path, nil, nil); st != 404 {
			t.Errorf("another person's business: %d", st)
		}
		var p problem
		if st, _ := owner.do("POST", path+"/declarations", map[string]any{"year": 2026, "capital": 150_000_000, "annual_sales": 2_400_000_000}, &p); st != 422 || p.Errors[0].Field != "evidence" {
			t.Errorf("no evidence: %d %+v", st, p)
		}
		var dec api.DeclaredJSON
		if st, _ := owner.do("POST", path+"/declarations", map[string]any{"year": 2026, "capital": 150_000_000, "annual_sales": 2_400_000_000,
			"evidence": "laporan keuangan 2026"}, &dec); st != 201 || dec.Class != "kecil" || dec.Move == nil || !dec.Move.Up || dec.Move.LedgerIndex == nil {
			t.Fatalf("declare: %d %+v", st, dec)
		}
		var prog api.UMKMProgramJSON
		in := map[string]any{"kind": "pemasaran", "title": "Masuk e-katalog lokal", "organizer": "Dinas Koperasi dan UKM Provinsi Banten",
			"seats": 1, "youth_tag": "muda-berdaya", "closes_on": "2026-03-04"}
		if st, _ := owner.do("POST", "/api/v1/umkm-programs", in, nil); st != 403 {
			t.Errorf("an owner opens a program: %d", st)
		}
		if st, _ := officer.do("POST", "/api/v1/umkm-programs", in, &prog); st != 201 || prog.SeedHash == "" || prog.Seed != "" {
			t.Fatalf("program: %d %+v", st, prog)
		}
		pp := fmt.Sprintf("/api/v1/umkm-programs/%d", prog.ID)
		if st, _ := other.do("POST", pp+"/applications", map[string]any{"business_id": b.ID}, &p); st != 422 {
			t.Errorf("applying with another's business: %d", st)
		}
		if st, _ := owner.do("POST", pp+"/applications", map[string]any{"business_id": b.ID}, nil); st != 201 {
			t.Errorf("apply: %d", st)
		}
		if st, _ := officer.do("POST", pp+"/allocation", nil, nil); st != 422 {
			t.Errorf("allocating an open program: %d", st)
		}
		srv.Clock.T = srv.Clock.T.Add(72 * time.Hour)
		if st, _ := officer.do("POST", pp+"/allocation", nil, &prog); st != 200 || prog.Admitted != 1 || prog.Seed == "" {
			t.Fatalf("allocate: %d %+v", st, prog)
		}
		if st, _ := officer.do("POST", pp+"/allocation", nil, nil); st != 409 {
			t.Errorf("allocating twice: %d", st)
		}
		var m api.MilestoneJSON
		if st, _ := owner.do("POST", path+"/milestones", map[string]any{"kind": "ekatalog", "detail": "Emping 250 g di katalog lokal Banten",
			"amount": 3_500_000, "evidence": "pesanan e-katalog", "on": "2026-03-04", "program_id": prog.ID}, &m); st != 201 || m.ProgramID == nil {
			t.Errorf("milestone: %d %+v", st, m)
		}
		var v api.UMKMDetailJSON
		if st, _ := officer.do("GET", path, nil, &v); st != 200 || len(v.Moves) != 2 || len(v.Applications) != 1 || v.Applications[0].Result != "diterima" || len(v.Milestones) != 1 {
			t.Errorf("detail: %d %+v", st, v)
		}
		anon := &client{t: t, base: srv.URL, c: apptest.NewClient()}
		var f api.UMKMFiguresJSON
		if st, _ := anon.do("GET", "/api/v1/umkm/figures", nil, &f); st != 200 || len(f.Regions) != 8 || !f.Province.Total.Withheld || len(f.MovesUp) != 1 {
			t.Errorf("figures: %d %+v", st, f)
		}
		var yp api.YouthPageJSON
		if st, _ := anon.do("GET", "/api/v1/youth-programs/muda-berdaya", nil, &yp); st != 200 || yp.MinAge != 18 || len(yp.UMKMPrograms) != 1 ||
			!yp.Outcomes.Assisted.Withheld {
			t.Errorf("youth page: %d %+v", st, yp)
		}
		if st, _ := anon.do("GET", "/api/v1/youth-programs/tua-renta", nil, nil); st != 404 {
			t.Errorf("unknown youth program: %d", st)
		}
		var yl api.YouthProgramsJSON
		if st, _ := anon.do("GET", "/api/v1/youth-programs", nil, &yl); st != 200 || len(yl.Items) != 2 {
			t.Errorf("youth list: %d %+v", st, yl)
		}
	})
}
