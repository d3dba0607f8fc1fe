package vacancy_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// TestConversion: PP 36/2021's divisors, both ways.
func TestConversion(t *testing.T) {
	for _, c := range []struct {
		unit          string
		days          int
		wage, monthly int64
	}{
		{"month", 0, 5469922, 5469922}, {"day", 6, 218797, 218797 * 25}, {"day", 5, 260473, 260473 * 21},
		{"hour", 0, 43413, 43413 * 126}, {"piece", 6, 250000, 250000 * 25}, {"day", 0, 200000, 200000 * 25},
	} {
		if got := vacancy.MonthlyWage(c.wage, c.unit, c.days); got != c.monthly {
			t.Errorf("MonthlyWage(%d, %s, %d) = %d, want %d", c.wage, c.unit, c.days, got, c.monthly)
		}
	}
	for _, c := range []struct {
		unit  string
		days  int
		floor int64
	}{{"month", 6, 5469922}, {"day", 6, 218796}, {"day", 5, 260472}, {"hour", 6, 43412}, {"piece", 5, 260472}} {
		if got := vacancy.UnitFloor(5469922, c.unit, c.days); got != c.floor {
			t.Errorf("UnitFloor(%s, %d) = %d, want %d", c.unit, c.days, got, c.floor)
		}
	}
}

func (f *fixture) verified(t *testing.T) {
	t.Helper()
	if err := f.es.Decide(f.ctx, f.emp.ID, f.officer.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
}

// TestWageUnits: a day's, hour's or piece wage is checked against the
// converted UMK (Cilegon 2026: Rp 5.469.922), stored as stated, and found
// by its monthly equivalent.
func TestWageUnits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.verified(t)
		with := func(edit func(*vacancy.Input)) vacancy.Input { in := f.input(); edit(&in); return in }
		for _, c := range []struct {
			name  string
			in    vacancy.Input
			field string
			code  string
		}{
			{"day below the 6-day floor", with(func(in *vacancy.Input) { in.WageUnit, in.WageMin, in.WageMax = "day", 150000, 150000 }), "wage_min", "vfacts_below_floor_day"},
			{"day at the 6-day floor (default week)", with(func(in *vacancy.Input) { in.WageUnit, in.WageMin, in.WageMax = "day", 218796, 230000 }), "", ""},
			{"same day wage, 5-day week: below", with(func(in *vacancy.Input) { in.WageUnit, in.WorkDays, in.WageMin, in.WageMax = "day", 5, 218796, 230000 }), "wage_min", "vfacts_below_floor_day"},
			{"5-day week at its floor", with(func(in *vacancy.Input) { in.WageUnit, in.WorkDays, in.WageMin, in.WageMax = "day", 5, 260472, 260472 }), "", ""},
			{"hour below", with(func(in *vacancy.Input) { in.WageUnit, in.WageMin, in.WageMax = "hour", 30000, 30000 }), "wage_min", "vfacts_below_floor_hour"},
			{"hour at floor", with(func(in *vacancy.Input) { in.WageUnit, in.WageMin, in.WageMax = "hour", 43412, 50000 }), "", ""},
			{"piece day estimate below", with(func(in *vacancy.Input) { in.WageUnit, in.WageMin, in.WageMax = "piece", 100000, 300000 }), "wage_min", "vfacts_below_floor_piece"},
			{"unknown unit", with(func(in *vacancy.Input) { in.WageUnit = "week" }), "wage_unit", "choice_invalid"},
			{"4-day week", with(func(in *vacancy.Input) { in.WageUnit, in.WorkDays, in.WageMin = "day", 4, 300000 }), "work_days_per_week", "work_days_invalid"},
			{"monthly still by UMK", with(func(in *vacancy.Input) { in.WageMin = 5000000 }), "wage_min", "wage_below_umk"},
		} {
			_, err := f.vs.Create(f.ctx, f.hr, c.in, true)
			if c.field == "" {
				if err != nil {
					t.Errorf("%s: %v", c.name, err)
				}
				continue
			}
			if got := codes(err)[c.field]; got != c.code {
				t.Errorf("%s: %s = %q (%v), want %q", c.name, c.field, got, err, c.code)
			}
		}
		// The message names the converted floor.
		_, err := f.vs.Create(f.ctx, f.hr, with(func(in *vacancy.Input) { in.WageUnit, in.WageMin, in.WageMax = "day", 150000, 150000 }), true)
		if ve, _ := valid.As(err); len(ve) == 0 || ve[0].Args["floor"] != "Rp 218.796" || ve[0].Args["umk"] != "Rp 5.469.922" {
			t.Fatalf("floor args: %v", err)
		}
		// A micro employer may go below by agreement, as for a monthly wage.
		m := newFixtureNamed(t, f, "hrd@warung.test", "9876543210123", employer.Mikro)
		if _, err := f.vs.Create(f.ctx, m, with(func(in *vacancy.Input) {
			in.WageUnit, in.WageMin, in.WageMax, in.BelowUMK = "day", 150000, 150000, true
		}), false); err != nil {
			t.Fatalf("micro below floor by agreement: %v", err)
		}

		v, err := f.vs.Create(f.ctx, f.hr, with(func(in *vacancy.Input) {
			in.Title, in.WageUnit, in.WorkDays, in.WageMin, in.WageMax = "Buruh Harian Gudang", "day", 5, 270000, 300000
		}), true)
		if err != nil {
			t.Fatal(err)
		}
		if v.WageUnit != "day" || v.WorkDays != 5 || v.UnitWageMin != 270000 || v.UnitWageMax != 300000 ||
			v.WageMin != 270000*21 || v.WageMax != 300000*21 {
			t.Fatalf("stored: unit %s days %d stated %d–%d monthly %d–%d", v.WageUnit, v.WorkDays, v.UnitWageMin, v.UnitWageMax, v.WageMin, v.WageMax)
		}
		// Search compares the monthly equivalent: 300.000 × 21 = 6.300.000.
		for minWage, want := range map[int64]bool{6_300_000: true, 6_300_001: false} {
			res, err := f.vs.Search(f.ctx, vacancy.Filter{Q: "gudang", MinWage: minWage})
			if err != nil || (res.Total == 1) != want {
				t.Errorf("min_wage %d: total %d, want found %v (%v)", minWage, res.Total, want, err)
			}
		}
		// An edit keeps the unit; a monthly vacancy reads as it always did.
		in := with(func(in *vacancy.Input) {
			in.Title, in.WageUnit, in.WageMin, in.WageMax = "Buruh Harian Gudang", "hour", 45000, 45000
		})
		if err := f.vs.Update(f.ctx, f.hr, v.ID, in); err != nil {
			t.Fatal(err)
		}
		if v, _ = f.vs.Get(f.ctx, v.ID); v.WageUnit != "hour" || v.UnitWageMin != 45000 || v.WageMin != 45000*126 {
			t.Fatalf("after edit: %s %d %d", v.WageUnit, v.UnitWageMin, v.WageMin)
		}
	})
}

// newFixtureNamed registers another company and returns its HR user.
func newFixtureNamed(t *testing.T, f *fixture, login, nib, size string) *auth.User {
	t.Helper()
	u, err := f.a.Create(f.ctx, f.d, auth.NewUser{Login: login, Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := f.es.Register(f.ctx, f.d, u.ID, employer.Input{Name: "Usaha " + nib[:4], NIB: nib, KBLISection: "C",
		SizeClass: size, Region: "3672", Address: "Jl. Raya Anyer No. 2, Cilegon", ContactName: "Ani", ContactPhone: "081200002222"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.es.Decide(f.ctx, e.ID, f.officer.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	return &u
}

// TestWorksiteAndAgency: an outsourced vacancy names the user company with
// its NIB; an agency's licence is checked by a petugas, and a new licence
// waits for a new check.
func TestWorksiteAndAgency(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.verified(t)
		in := f.input()
		in.WorksiteName = "PT Krakatau"
		if _, err := f.vs.Create(f.ctx, f.hr, in, true); codes(err)["worksite_employer"] != "vfacts_worksite_nib" {
			t.Fatalf("worksite without NIB: %v", err)
		}
		in.WorksiteNIB = "1111111111111"
		in.AgencyLicence, in.AgencyLicenceUntil = "KEP.560/123/LPTKS/2025", f.now.AddDate(0, 0, -1).Format(time.DateOnly)
		if _, err := f.vs.Create(f.ctx, f.hr, in, true); codes(err)["agency_licence"] != "vfacts_licence_expired" {
			t.Fatalf("expired licence: %v", err)
		}
		in.AgencyLicenceUntil = f.now.AddDate(1, 0, 0).Format(time.DateOnly)
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Outsourced() || v.WorksiteNIB != "1111111111111" || v.AgencyLicenceUntil != in.AgencyLicenceUntil || v.AgencyCheck != "" {
			t.Fatalf("stored: %+v", v.Facts)
		}
		if err := f.vs.CheckLicence(f.ctx, f.hr, v.ID, true, ""); err == nil {
			t.Fatal("an HR user checked a licence")
		}
		q, err := f.vs.LicenceQueue(f.ctx, f.officer, 10)
		if err != nil || len(q) != 1 || q[0].ID != v.ID {
			t.Fatalf("queue: %v %v", q, err)
		}
		if err := f.vs.CheckLicence(f.ctx, f.officer, v.ID, false, ""); codes(err)["reason"] != "reason_required" {
			t.Fatalf("refusal without reason: %v", err)
		}
		if err := f.vs.CheckLicence(f.ctx, f.officer, v.ID, true, ""); err != nil {
			t.Fatal(err)
		}
		if v, _ = f.vs.Get(f.ctx, v.ID); v.AgencyCheck != vacancy.AgencyValid {
			t.Fatalf("check = %q", v.AgencyCheck)
		}
		if q, _ = f.vs.LicenceQueue(f.ctx, f.officer, 10); len(q) != 0 {
			t.Fatalf("checked licence still queued")
		}
		// Same licence on edit: the check stands; another licence: it waits again.
		if err := f.vs.Update(f.ctx, f.hr, v.ID, in); err != nil {
			t.Fatal(err)
		}
		if v, _ = f.vs.Get(f.ctx, v.ID); v.AgencyCheck != vacancy.AgencyValid {
			t.Fatalf("check lost on an unchanged edit")
		}
		in.AgencyLicence = "KEP.999/LPTKS/2026"
		if err := f.vs.Update(f.ctx, f.hr, v.ID, in); err != nil {
			t.Fatal(err)
		}
		if v, _ = f.vs.Get(f.ctx, v.ID); v.AgencyCheck != "" {
			t.Fatalf("a new licence kept the old check")
		}
		// Statistics count outsourced work apart.
		if _, err := f.vs.Create(f.ctx, f.hr, f.input(), true); err != nil {
			t.Fatal(err)
		}
		arr, err := vacancy.WorkArrangements(f.ctx, d, f.now.AddDate(0, 0, -1), f.now.AddDate(0, 0, 1))
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(arr)
		if want := "[{langsung 1 2 0} {alih_daya 1 2 0} {agen 0 0 0}]"; got != want {
			t.Fatalf("arrangements %s, want %s", got, want)
		}
	})
}

// TestDisabilityFilter: the search keeps vacancies open to workers with
// disabilities when asked.
func TestDisabilityFilter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.verified(t)
		in := f.input()
		in.DisabilityOpen, in.DisabilityAccessible, in.DisabilityNote = true, true, "Lantai satu, ada jalur kursi roda."
		open, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.Create(f.ctx, f.hr, f.input(), true); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"", "operator"} {
			all, _ := f.vs.Search(f.ctx, vacancy.Filter{Q: q})
			res, err := f.vs.Search(f.ctx, vacancy.Filter{Q: q, DisabilityOpen: true})
			if err != nil || all.Total != 2 || res.Total != 1 || res.Items[0].ID != open.ID || !res.Items[0].DisabilityAccessible {
				t.Fatalf("q=%q: all %d, filtered %+v %v", q, all.Total, res, err)
			}
		}
		if _, err := vacancy.ParseFilter(map[string][]string{"disability_open": {"maybe"}}); codes(err)["disability_open"] != "choice_invalid" {
			t.Fatalf("bad flag: %v", err)
		}
	})
}

// TestResponsiveness: the median days to an answer, the share never
// answered after 30 days, rejections with a reason (a vacancy closed on
// waiting applicants counts as rejections without one), the funnel of a
// closed vacancy, and withholding under five.
func TestResponsiveness(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.verified(t)
		in := f.input()
		in.Openings = 10
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		var apps []vacancy.Application
		for i := 0; i < 6; i++ {
			u, _ := f.seekerWithCard(t, fmt.Sprintf("08131111000%d", i), fmt.Sprintf("360401070898000%d", i+1), false)
			a, err := f.vs.Apply(f.ctx, &u, v.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			apps = append(apps, a)
		}
		f.clk.T = f.clk.T.Add(2 * 24 * time.Hour)
		for _, a := range apps[:2] {
			if _, err := f.vs.Move(f.ctx, f.hr, a.ID, vacancy.Shortlisted, ""); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.vs.Move(f.ctx, f.hr, apps[1].ID, vacancy.Interview, ""); err != nil {
			t.Fatal(err)
		}
		f.clk.T = f.clk.T.Add(2 * 24 * time.Hour)
		if _, err := f.vs.Move(f.ctx, f.hr, apps[2].ID, vacancy.Rejected, "Belum sesuai pengalaman"); err != nil {
			t.Fatal(err)
		}
		f.clk.T = f.clk.T.Add(40 * 24 * time.Hour)
		if _, err := f.vs.Move(f.ctx, f.hr, apps[3].ID, vacancy.Shortlisted, ""); err != nil {
			t.Fatal(err)
		}
		if err := f.vs.SetStatus(f.ctx, f.hr, v.ID, vacancy.Closed); err != nil {
			t.Fatal(err)
		}
		r, err := f.vs.Responsiveness(f.ctx, f.emp.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Answers after 2, 2, 4 and 44 days: median (2+4)/2 = 3. Due: all 6;
		// unanswered in 30 days: apps 3, 4, 5 = 50%. Rejections: 1 with a
		// reason + apps 0, 1, 3, 4, 5 left open on the closed vacancy = 6.
		want := vacancy.Responsiveness{EmployerID: f.emp.ID, Applications: 6, Answered: 4, MedianDays: 3, Due: 6, Unanswered: 3,
			UnansweredPct: 50, Rejections: 6, WithReason: 1, ReasonPct: 16}
		if r != want {
			t.Fatalf("responsiveness\n got %+v\nwant %+v", r, want)
		}
		b, err := f.vs.Badges(f.ctx, []int64{f.emp.ID, 999})
		if err != nil || b[f.emp.ID] != want || len(b) != 1 {
			t.Fatalf("badges %+v %v", b, err)
		}
		v, _ = f.vs.Get(f.ctx, v.ID)
		fn, ok, err := f.vs.Funnel(f.ctx, v, false)
		if err != nil || !ok {
			t.Fatalf("funnel: %v %v", ok, err)
		}
		// 6 applied; 3 screened and 1 interviewed and 1 rejected: under 5, withheld.
		if *fn.Applied != 6 || fn.Screened != nil || fn.Interviewed != nil || *fn.Offered != 0 || *fn.Hired != 0 || fn.Rejected != nil {
			t.Fatalf("public funnel %+v", fn)
		}
		fn, _, _ = f.vs.Funnel(f.ctx, v, true)
		if *fn.Screened != 3 || *fn.Interviewed != 1 || *fn.Rejected != 1 {
			t.Fatalf("own funnel %+v", fn)
		}
		own, err := f.vs.OwnResponsiveness(f.ctx, f.hr)
		if err != nil || own != want {
			t.Fatalf("own %+v %v", own, err)
		}
	})
}

// TestResponsivenessWithheld: under five applications nothing is shown to
// the public, but the employer sees its own.
func TestResponsivenessWithheld(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.verified(t)
		v, _ := f.vs.Create(f.ctx, f.hr, f.input(), true)
		u, _ := f.seekerWithCard(t, "081311110009", "3604010708980009", false)
		if _, err := f.vs.Apply(f.ctx, &u, v.ID, ""); err != nil {
			t.Fatal(err)
		}
		r, _ := f.vs.Responsiveness(f.ctx, f.emp.ID)
		if !r.Withheld || r.Applications != 1 || r.Due != 0 {
			t.Fatalf("public %+v", r)
		}
		if own, _ := f.vs.OwnResponsiveness(f.ctx, f.hr); own.Withheld || own.Applications != 1 {
			t.Fatalf("own %+v", own)
		}
		if b, _ := f.vs.Badges(f.ctx, []int64{f.emp.ID}); len(b) != 0 {
			t.Fatalf("badge for a withheld employer: %+v", b)
		}
	})
}
