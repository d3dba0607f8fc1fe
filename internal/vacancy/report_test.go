package vacancy_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

// TestReport checks which vacancies a Perpres 57/2023 report holds for a
// period and what it says of their filling, on both databases.
func TestReport(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		t0 := f.now
		day := func(n int) string { return t0.AddDate(0, 0, n).Format(time.DateOnly) }

		mk := func(hr *auth.User, edit func(*vacancy.Input), publish bool) vacancy.Vacancy {
			t.Helper()
			in := f.input()
			edit(&in)
			v, err := f.vs.Create(f.ctx, hr, in, publish)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		filled := mk(f.hr, func(in *vacancy.Input) {
			in.Openings, in.Skills, in.AgeMin = 2, []string{"k3-umum", "kerja-shift"}, 18
			p := 30
			in.LocalSharePct = &p
		}, true)
		shortLived := mk(f.hr, func(in *vacancy.Input) { in.ClosesOn = day(5) }, true)
		mk(f.hr, func(*vacancy.Input) {}, false) // a draft was never open
		closedEarly := mk(f.hr, func(*vacancy.Input) {}, true)
		if err := f.vs.SetStatus(f.ctx, f.hr, closedEarly.ID, vacancy.Closed); err != nil {
			t.Fatal(err)
		}

		u2, _ := f.a.Create(f.ctx, d, auth.NewUser{Login: "hrd@pt-b.test", Name: "HRD B", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
		other, err := f.es.Register(f.ctx, d, u2.ID, employer.Input{Name: "PT Sepatu Serang", NIB: "9876543210987", KBLISection: "C", SizeClass: "besar",
			Region: "3604", Address: "Jl. Raya Cikande No. 5", ContactName: "Sari", ContactPhone: "081288887777"})
		if err != nil {
			t.Fatal(err)
		}
		f.es.Decide(f.ctx, other.ID, 1, true, "")
		other, _ = f.es.Get(f.ctx, other.ID)
		elsewhere := mk(&u2, func(in *vacancy.Input) { in.Region, in.WageMin = "3604", 5300000 }, true)

		// On day 3, two hires fill the vacancy: a woman living in Cilegon
		// and a man from Kab. Serang (who later moves to Cilegon). A third
		// applicant is hired on day 6, beyond the openings.
		f.clk.T = t0.AddDate(0, 0, 3)
		var mover seeker.Seeker
		var apps []vacancy.Application
		for _, w := range []struct{ login, nik, domicile string }{
			{"081300000001", "3672015503000042", "3672"},
			{"081300000002", "3604010708980001", "3604"},
			{"081300000003", "3603012505950003", "3603"},
		} {
			u, _ := f.a.Create(f.ctx, d, auth.NewUser{Login: w.login, Name: "Pekerja", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
			sk, card, err := f.ss.Register(f.ctx, d, u.ID, seeker.Input{NIK: w.nik, Profile: seeker.Profile{FullName: "Pekerja Uji",
				DomicileRegion: w.domicile, Education: "smk", ExpectedWage: 5500000}})
			if err != nil {
				t.Fatal(err)
			}
			if card == nil { // issued at once when NIK and domicile agree
				if _, err := f.ss.Issue(f.ctx, f.officer, sk.ID); err != nil {
					t.Fatal(err)
				}
			}
			a, err := f.vs.Apply(f.ctx, &u, filled.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			apps = append(apps, a)
			if len(apps) == 2 {
				mover = sk
			}
		}
		for i, a := range apps[:2] {
			apptest.Hire(t, f.svc, f.hr, a.ID, day(7+i), 5600000+int64(i)*100000)
		}
		f.clk.T = t0.AddDate(0, 0, 6)
		apptest.Hire(t, f.svc, f.hr, apps[2].ID, day(8), 5800000)
		if _, err := d.ExecContext(f.ctx, `UPDATE seekers SET domicile_region = '3672' WHERE id = ?`, mover.ID); err != nil {
			t.Fatal(err)
		}

		// Ten days on, a period from day 10 to day 20.
		f.clk.T = t0.AddDate(0, 0, 10)
		q, err := vacancy.ParseReportQuery(day(10), day(20), "", f.clk.T)
		if err != nil {
			t.Fatal(err)
		}
		ids := func(q vacancy.ReportQuery) []int64 {
			t.Helper()
			rows, err := f.vs.Report(f.ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, r := range rows {
				out = append(out, r.ID)
			}
			return out
		}
		if got, want := ids(q), []int64{elsewhere.ID}; !slices.Equal(got, want) {
			t.Errorf("province, days 10-20: %v, want %v (filled %d, short-lived %d, closed early %d left out)", got, want, filled.ID, shortLived.ID, closedEarly.ID)
		}
		own := q
		own.EmployerID = f.emp.ID
		if got := ids(own); len(got) != 0 {
			t.Errorf("own vacancies open on days 10-20: %v, want none", got)
		}
		serang := q
		serang.Region = "3604"
		if got := ids(serang); !slices.Equal(got, []int64{elsewhere.ID}) {
			t.Errorf("Kab. Serang: %v", got)
		}
		// The first days include the short-lived and the early-closed ones,
		// and the filled one before its hires were reported.
		first, _ := vacancy.ParseReportQuery(day(0), day(1), "", f.clk.T)
		if got := ids(first); len(got) != 4 {
			t.Errorf("days 0-1: %v, want 4 vacancies", got)
		}
		firstRows, _ := f.vs.Report(f.ctx, first)
		if r := firstRows[0]; r.ID != filled.ID || r.Placed != 0 || !r.FilledOn.IsZero() {
			t.Errorf("days 0-1 count hires reported on day 3: %+v", r)
		}
		own, _ = vacancy.ParseReportQuery(day(0), day(5), "", f.clk.T)
		own.EmployerID = f.emp.ID
		before, _ := vacancy.ParseReportQuery(day(-30), day(-1), "", f.clk.T)
		if got := ids(before); len(got) != 0 {
			t.Errorf("before anything was published: %v", got)
		}

		rows, err := f.vs.Report(f.ctx, own)
		if err != nil {
			t.Fatal(err)
		}
		r := rows[0]
		if r.Status != vacancy.Filled || r.Placed != 2 || r.PlacedFemale != 1 || r.PlacedLocal != 1 || r.PlacedLocalPct() != 50 ||
			r.PlacedWageMin != 5600000 || r.PlacedWageMax != 5700000 || r.NIB != "1234567890123" ||
			!slices.Equal(r.Skills, []string{"k3-umum", "kerja-shift"}) {
			t.Errorf("filled row: %+v", r)
		}
		if r.FirstStart.Format(time.DateOnly) != day(7) || r.FilledOn.Format(time.DateOnly) != day(3) || wib.Date(r.ClosedAt).Format(time.DateOnly) != day(3) {
			t.Errorf("first start %v, filled on %v, closed %v", r.FirstStart, r.FilledOn, r.ClosedAt)
		}
		// The hire on day 6, beyond the openings, moves neither day.
		later, _ := vacancy.ParseReportQuery(day(0), day(7), "", f.clk.T)
		later.EmployerID = f.emp.ID
		lrows, _ := f.vs.Report(f.ctx, later)
		for _, lr := range lrows {
			if lr.ID == filled.ID && (lr.Placed != 3 || lr.FilledOn.Format(time.DateOnly) != day(3) || wib.Date(lr.ClosedAt).Format(time.DateOnly) != day(3)) {
				t.Errorf("after a hire beyond the openings: placed %d, filled on %v, closed %v", lr.Placed, lr.FilledOn, lr.ClosedAt)
			}
		}

		var buf bytes.Buffer
		q, _ = vacancy.ParseReportQuery(day(2), day(5), "", f.clk.T)
		all, _ := f.vs.Report(f.ctx, q)
		if err := vacancy.WriteReportCSV(&buf, all, "https://bursa.test/", false); err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		// Days 2-5: the filled vacancy (until day 3), the short-lived one
		// and the other employer's.
		if err != nil || len(recs) != 4 || !slices.Equal(recs[0], vacancy.ReportColumns) {
			t.Fatalf("csv: %v %d rows", err, len(recs))
		}
		row := func(id int64) map[string]string {
			for _, rec := range recs[1:] {
				if rec[0] == strconv.FormatInt(id, 10) {
					m := map[string]string{}
					for i, name := range recs[0] {
						m[name] = rec[i]
					}
					return m
				}
			}
			t.Fatalf("vacancy %d not in the CSV", id)
			return nil
		}
		col := row(filled.ID)
		for name, want := range map[string]string{"employer": "PT Uji Baja", "kbji": "8121", "openings": "2", "age_min": "18", "age_max": "",
			"skills": "k3-umum;kerja-shift", "local_share_declared_pct": "30", "placed": "2", "placed_local": "1",
			"local_share_placed_pct": "50", "status": "filled", "region_name": "Kota Cilegon", "closes_on": day(30), "closed_on": day(3),
			"url": "https://bursa.test/lowongan/" + col["vacancy_id"]} {
			if col[name] != want {
				t.Errorf("csv %s = %q, want %q", name, col[name], want)
			}
		}
		if other := row(elsewhere.ID); other["placed"] != "0" || other["local_share_placed_pct"] != "" {
			t.Errorf("vacancy without placements: %v", other)
		}

		tot := vacancy.Totals(all)
		if len(tot) != 3 || tot[2].Region != "" || tot[2].Vacancies != 3 || tot[2].Employers != 2 || tot[2].Openings != 6 || tot[2].Placed != 2 {
			t.Errorf("totals: %+v", tot)
		}
	})
}

func TestParseReportQuery(t *testing.T) {
	now := time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC)
	if _, err := vacancy.ParseReportQuery("2028-01-01", "2028-12-31", "", now); err != nil {
		t.Errorf("a leap year's 366 days: %v", err)
	}
	q, err := vacancy.ParseReportQuery("", "", "", now)
	if err != nil || q.From.Format(time.DateOnly) != "2026-01-01" || q.To.Format(time.DateOnly) != "2026-11-24" {
		t.Errorf("default period: %v–%v %v", q.From, q.To, err)
	}
	for _, tc := range []struct{ from, to, region, field, code string }{
		{"2026-13-01", "", "", "from", "date_invalid"},
		{"", "24/11/2026", "", "to", "date_invalid"},
		{"2026-06-01", "2026-05-31", "", "to", "period_reversed"},
		{"2025-01-01", "2026-06-30", "", "to", "period_too_long"},
		{"2027-01-01", "2028-01-02", "", "to", "period_too_long"}, // 367 days
		{"", "", "3201", "region", "region_invalid"},
	} {
		_, err := vacancy.ParseReportQuery(tc.from, tc.to, tc.region, now)
		if got := codes(err)[tc.field]; got != tc.code {
			t.Errorf("%+v: %s = %q (%v)", tc, tc.field, got, err)
		}
	}
}

// TestReportCSVNoFormulas: text an employer typed never reaches a
// spreadsheet as a formula.
func TestReportCSVNoFormulas(t *testing.T) {
	rows := []vacancy.ReportRow{{Vacancy: vacancy.Vacancy{ID: 7, Title: `=HYPERLINK("http://x","klik")`, EmployerName: "@PT Jahat",
		KBJI: "8121", Region: "3672", Openings: 1, ClosesOn: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}}}
	var buf bytes.Buffer
	if err := vacancy.WriteReportCSV(&buf, rows, "", false); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range recs[0] {
		if v := recs[1][i]; v != "" && strings.ContainsRune("=+-@", rune(v[0])) {
			t.Errorf("%s = %q starts like a formula", name, v)
		}
	}
	if title := recs[1][slices.Index(recs[0], "title")]; title != `'=HYPERLINK("http://x","klik")` {
		t.Errorf("title %q", title)
	}
}

// TestReportProtectAndExcel: a report on other employers' vacancies blanks
// the worker figures of vacancies with fewer than 5 hires; the Excel form
// starts with a byte-order mark and separates with semicolons.
func TestReportProtectAndExcel(t *testing.T) {
	closes := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	rows := []vacancy.ReportRow{
		{Vacancy: vacancy.Vacancy{ID: 1, Title: "Juru Las", EmployerName: "PT Satu", KBJI: "7212", Region: "3672", ClosesOn: closes},
			Placed: 1, PlacedFemale: 1, PlacedLocal: 1, PlacedWageMin: 5600000, PlacedWageMax: 5600000, FirstStart: closes},
		{Vacancy: vacancy.Vacancy{ID: 2, Title: "Operator", EmployerName: "PT Dua", KBJI: "8121", Region: "3672", ClosesOn: closes},
			Placed: 6, PlacedFemale: 2, PlacedLocal: 5, PlacedWageMin: 5500000, PlacedWageMax: 5900000, FirstStart: closes},
	}
	vacancy.Protect(rows)
	tot := vacancy.Totals(rows)
	if r := rows[0]; !r.Withheld || r.PlacedFemale != 0 || r.PlacedLocal != 0 || r.PlacedWageMin != 0 || !r.FirstStart.IsZero() || r.PlacedLocalPct() != -1 || r.Placed != 1 {
		t.Errorf("one hire not withheld: %+v", r)
	}
	if r := rows[1]; r.Withheld || r.PlacedFemale != 2 || r.PlacedLocalPct() != 83 {
		t.Errorf("six hires withheld: %+v", r)
	}
	// 7 placed; the sums of women and locals count the 6 shown only, so no
	// difference gives back the withheld hire.
	if last := tot[len(tot)-1]; last.Placed != 7 || last.PlacedShown != 6 || last.PlacedFemale != 2 || last.PlacedLocal != 5 {
		t.Errorf("totals %+v", last)
	}
	var buf bytes.Buffer
	if err := vacancy.WriteReportCSV(&buf, rows, "https://bursa.test", true); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\ufeffvacancy_id;employer;")) {
		t.Fatalf("Excel form starts %q", buf.String()[:30])
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\ufeff"))))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 3 {
		t.Fatalf("%v, %d records", err, len(recs))
	}
	at := func(rec []string, name string) string { return rec[slices.Index(recs[0], name)] }
	for _, name := range []string{"placed_female", "placed_local", "local_share_placed_pct", "placed_wage_min", "first_start_on"} {
		if v := at(recs[1], name); v != "" {
			t.Errorf("withheld %s = %q", name, v)
		}
		if v := at(recs[2], name); v == "" {
			t.Errorf("shown %s is empty", name)
		}
	}
	if at(recs[1], "placed") != "1" {
		t.Errorf("placed withheld too")
	}
}

// TestTotalsLeaveWithheldOut: after Protect, the sums of women and local
// residents leave the withheld vacancies out at every level, so subtracting
// sums (the province less a region, a region less its shown vacancies)
// never gives a withheld vacancy's figures.
func TestTotalsLeaveWithheldOut(t *testing.T) {
	row := func(region string, placed int) vacancy.ReportRow {
		return vacancy.ReportRow{Vacancy: vacancy.Vacancy{Region: region}, Placed: placed, PlacedFemale: placed / 2, PlacedLocal: placed}
	}
	rows := []vacancy.ReportRow{row("3672", 17), row("3672", 3), row("3604", 3), row("3604", 3), row("3601", 6)}
	vacancy.Protect(rows)
	tot := vacancy.Totals(rows)
	want := map[string][4]int{ // placed, shown, women, local
		"3601": {6, 6, 3, 6}, "3604": {6, 0, 0, 0}, "3672": {20, 17, 8, 17}, "": {32, 23, 11, 23}}
	for _, x := range tot {
		if got := [4]int{x.Placed, x.PlacedShown, x.PlacedFemale, x.PlacedLocal}; got != want[x.Region] {
			t.Errorf("region %q: %v, want %v", x.Region, got, want[x.Region])
		}
	}
}
