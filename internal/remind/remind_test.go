package remind_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/remind"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

type fixture struct {
	t       *testing.T
	ctx     context.Context
	d       *db.DB
	a       *app.Services
	clk     *apptest.Clock
	r       *remind.Store
	hr      *auth.User
	emp     employer.Employer
	officer *auth.User
	n       int
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	t.Helper()
	a, clk := apptest.Services(t, d)
	f := &fixture{t: t, ctx: context.Background(), d: d, a: a, clk: clk, r: &remind.Store{DB: d, Notify: a.Notify, Now: clk.Now}}
	f.hr, f.emp = f.company("PT Uji Baja", "1234567890123")
	officer, err := a.Auth.Create(f.ctx, d, auth.NewUser{Login: "petugas@disnaker.test", Name: "Petugas", Password: "rahasia-123", Roles: []auth.Role{auth.Petugas}})
	if err != nil {
		t.Fatal(err)
	}
	f.officer = &officer
	if err := a.Employers.Decide(f.ctx, f.emp.ID, officer.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) company(name, nib string) (*auth.User, employer.Employer) {
	f.t.Helper()
	f.n++
	u, err := f.a.Auth.Create(f.ctx, f.d, auth.NewUser{Login: fmt.Sprintf("hrd%d@pt.test", f.n), Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
	if err != nil {
		f.t.Fatal(err)
	}
	e, err := f.a.Employers.Register(f.ctx, f.d, u.ID, employer.Input{Name: name, NIB: nib, KBLISection: "C",
		SizeClass: employer.Besar, Region: "3672", Address: "Jl. Raya Anyer No. 1, Cilegon", ContactName: "Rudi", ContactPhone: "081200001111"})
	if err != nil {
		f.t.Fatal(err)
	}
	return &u, e
}

func (f *fixture) vacancy(title string) vacancy.Vacancy {
	f.t.Helper()
	v, err := f.a.Vacancies.Create(f.ctx, f.hr, vacancy.Input{Title: title, KBJI: "8121", Education: "smk", Region: "3672", Openings: 2,
		WageMin: 5469922, WageMax: 6000000, Contract: "pkwt", ClosesOn: f.clk.T.AddDate(0, 0, 30).Format("2006-01-02"),
		Description: "Mengoperasikan mesin rolling di pabrik baja Cilegon."}, true)
	if err != nil {
		f.t.Fatal(err)
	}
	return v
}

func (f *fixture) seeker(discoverable bool) (*auth.User, seeker.Seeker) {
	f.t.Helper()
	f.n++
	u, err := f.a.Auth.Create(f.ctx, f.d, auth.NewUser{Login: fmt.Sprintf("08131111%04d", f.n), Name: "Pencari", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
	if err != nil {
		f.t.Fatal(err)
	}
	sk, _, err := f.a.Seekers.Register(f.ctx, f.d, u.ID, seeker.Input{NIK: fmt.Sprintf("360401070898%04d", f.n), Profile: seeker.Profile{
		FullName: "Siti Aminah", DomicileRegion: "3672", Education: "smk", ExpectedWage: 5500000, Discoverable: discoverable}})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.a.Seekers.Issue(f.ctx, f.officer, sk.ID); err != nil {
		f.t.Fatal(err)
	}
	return &u, sk
}

// at sets the clock to a WIB time.
func (f *fixture) at(s string) {
	f.t.Helper()
	t, err := time.ParseInLocation("2006-01-02 15:04", s, time.FixedZone("WIB", 7*3600))
	if err != nil {
		f.t.Fatal(err)
	}
	f.clk.T = t.UTC()
}

func (f *fixture) run() remind.Counts {
	f.t.Helper()
	c, err := f.r.Run(f.ctx)
	if err != nil {
		f.t.Fatal(err)
	}
	return c
}

// told returns u's notices of kind k, newest first, as "title | body | url".
func (f *fixture) told(u *auth.User, k notify.Kind) []string {
	f.t.Helper()
	items, _, err := f.a.Notify.List(f.ctx, u, 100)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		if it.Kind == k {
			out = append(out, it.Title+" | "+it.Body+" | "+it.URL)
		}
	}
	return out
}

func TestAK1Reminder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d) // cards issued Monday 2 March 2026: report due 2 September
		u, _ := f.seeker(false)
		f.at("2026-08-25 10:00")
		if c := f.run(); c.AK1 != 0 {
			t.Fatalf("reminded eight days ahead: %+v", c)
		}
		f.at("2026-08-26 09:00")
		if c := f.run(); c.AK1 != 1 {
			t.Fatalf("a week ahead: %+v", c)
		}
		f.clk.T = f.clk.T.Add(time.Hour)
		if c := f.run(); c.AK1 != 0 {
			t.Fatalf("reminded twice the same day: %+v", c)
		}
		f.at("2026-08-30 09:00")
		if c := f.run(); c.AK1 != 0 {
			t.Fatalf("reminded twice for one report: %+v", c)
		}
		got := f.told(u, notify.AK1Report)
		if len(got) != 1 || !strings.HasPrefix(got[0], "Waktunya lapor kartu AK/1 | ") || !strings.Contains(got[0], "02-09-2026") {
			t.Fatalf("AK/1 reminder: %q", got)
		}
		// The next report, six months on.
		f.at("2027-02-25 09:00")
		if c := f.run(); c.AK1 != 1 {
			t.Fatalf("second report: %+v", c)
		}
		if got := f.told(f.hr, notify.AK1Report); len(got) != 0 {
			t.Errorf("HR told of an AK/1: %q", got)
		}
	})
}

func TestClosingReminder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		v := f.vacancy("Operator Produksi") // closes 1 April 2026
		applied, skA := f.seeker(true)
		invited, skB := f.seeker(true)
		other, _ := f.seeker(true)
		for _, sk := range []int64{skA.ID, skB.ID} {
			if err := f.a.Vacancies.Invite(f.ctx, f.hr, v.ID, sk); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := f.a.Vacancies.Apply(f.ctx, applied, v.ID, ""); err != nil {
			t.Fatal(err)
		}
		f.at("2026-03-28 10:00")
		if c := f.run(); c.Closing != 0 {
			t.Fatalf("four days ahead: %+v", c)
		}
		f.at("2026-03-29 08:00")
		if c := f.run(); c.Closing != 2 {
			t.Fatalf("three days ahead: %+v", c)
		}
		f.at("2026-03-30 08:00")
		if c := f.run(); c.Closing != 0 {
			t.Fatalf("told twice: %+v", c)
		}
		if got := f.told(f.hr, notify.Closing); len(got) != 1 ||
			got[0] != fmt.Sprintf("Lowongan Operator Produksi tutup 01-04-2026 | Lowongan Operator Produksi akan tutup 01-04-2026. Perpanjang atau tutup lowongan ini. | /perusahaan/lowongan/%d", v.ID) {
			t.Errorf("employer: %q", got)
		}
		if got := f.told(invited, notify.Closing); len(got) != 1 || !strings.Contains(got[0], "PT Uji Baja mengundang Anda melamar Operator Produksi") {
			t.Errorf("invited seeker: %q", got)
		}
		if got := f.told(applied, notify.Closing); len(got) != 0 {
			t.Errorf("a seeker who applied: %q", got)
		}
		if got := f.told(other, notify.Closing); len(got) != 0 {
			t.Errorf("a seeker not invited: %q", got)
		}
	})
}

func TestNotaReminder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		otherHR, _ := f.company("PT Lain", "9999999999999")
		deadline := time.Date(2026, 3, 20, 0, 0, 0, 0, time.UTC)
		if _, err := d.ExecContext(f.ctx, `INSERT INTO cases (kind, category, region, employer_id, employer_name, state, deadline, opened_at, updated_at)
			VALUES ('pemeriksaan', 'lembur', '3672', ?, 'PT Uji Baja', 'nota_1', ?, ?, ?)`, f.emp.ID, deadline, f.clk.T, f.clk.T); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			at   string
			want int
		}{
			{"2026-03-12 10:00", 0}, {"2026-03-13 10:00", 1}, {"2026-03-14 10:00", 0},
			{"2026-03-19 10:00", 1}, {"2026-03-20 16:00", 0}, {"2026-03-21 10:00", 1}, {"2026-03-25 10:00", 0},
		} {
			f.at(tt.at)
			if c := f.run(); c.Nota != tt.want {
				t.Fatalf("at %s: %d nota reminders, want %d", tt.at, c.Nota, tt.want)
			}
		}
		got := f.told(f.hr, notify.Nota)
		if len(got) != 3 || !strings.HasPrefix(got[0], "Nota pemeriksaan lewat batas waktu") ||
			!strings.HasPrefix(got[2], "Batas waktu nota pemeriksaan: 20-03-2026 | Temuan pemeriksaan di PT Uji Baja") {
			t.Errorf("nota reminders: %q", got)
		}
		if got := f.told(otherHR, notify.Nota); len(got) != 0 {
			t.Errorf("another company: %q", got)
		}
	})
}

func TestApplicantDigest(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		v1, v2 := f.vacancy("Operator Produksi"), f.vacancy("Juru Las")
		if err := f.a.Notify.SetCadence(f.ctx, f.hr, notify.Applicants, notify.Hourly); err != nil {
			t.Fatal(err)
		}
		s1, _ := f.seeker(false)
		s2, _ := f.seeker(false)
		f.at("2026-03-02 10:59")
		if c := f.run(); c.Digests != 0 {
			t.Fatalf("a digest of nothing: %+v", c)
		}
		for i, u := range []*auth.User{s1, s2} {
			f.at(fmt.Sprintf("2026-03-02 11:%d0", i+1))
			if _, err := f.a.Vacancies.Apply(f.ctx, u, v1.ID, ""); err != nil {
				t.Fatal(err)
			}
		}
		if got := f.told(f.hr, notify.Applicants); len(got) != 0 {
			t.Fatalf("an hourly HR user told at once: %q", got)
		}
		f.at("2026-03-02 11:55")
		if c := f.run(); c.Digests != 0 {
			t.Fatalf("a digest before the hour ended: %+v", c)
		}
		f.at("2026-03-02 12:04")
		if c := f.run(); c.Digests != 1 {
			t.Fatalf("the hour's digest: %+v", c)
		}
		f.at("2026-03-02 12:09")
		if c := f.run(); c.Digests != 0 {
			t.Fatalf("the digest twice: %+v", c)
		}
		want := fmt.Sprintf("2 pelamar baru untuk Operator Produksi | Sejak kabar terakhir ada 2 pelamar baru untuk Operator Produksi. | /perusahaan/lowongan/%d", v1.ID)
		if got := f.told(f.hr, notify.Applicants); len(got) != 1 || got[0] != want {
			t.Fatalf("digest: %q", got)
		}
		// Two vacancies in the next hour.
		f.at("2026-03-02 12:30")
		if _, err := f.a.Vacancies.Apply(f.ctx, s1, v2.ID, ""); err != nil {
			t.Fatal(err)
		}
		s3, _ := f.seeker(false)
		if _, err := f.a.Vacancies.Apply(f.ctx, s3, v1.ID, ""); err != nil {
			t.Fatal(err)
		}
		f.at("2026-03-02 13:01")
		if c := f.run(); c.Digests != 1 {
			t.Fatalf("second digest: %+v", c)
		}
		if got := f.told(f.hr, notify.Applicants); len(got) != 2 || !strings.HasPrefix(got[0], "2 pelamar baru untuk ") || !strings.Contains(got[0], "dan 1 lowongan lain") {
			t.Fatalf("digest of two vacancies: %q", got)
		}
		for _, u := range []*auth.User{s1, s2, s3} {
			if got := f.told(u, notify.Applicants); len(got) != 0 {
				t.Errorf("a seeker got the company's digest: %q", got)
			}
		}
	})
}
