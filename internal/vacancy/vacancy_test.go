package vacancy_test

import (
	"context"
	"errors"
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
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

func TestRupiah(t *testing.T) {
	for n, want := range map[int64]string{0: "Rp 0", 999: "Rp 999", 1000: "Rp 1.000", 5469922: "Rp 5.469.922", 1000000000: "Rp 1.000.000.000", -5000: "-Rp 5.000"} {
		if got := vacancy.Rupiah(n); got != want {
			t.Errorf("Rupiah(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCanMove(t *testing.T) {
	tests := []struct {
		from, to string
		ok       bool
	}{
		{"dikirim", "dilihat", true}, {"dikirim", "wawancara", true}, {"dilihat", "dikirim", false},
		{"wawancara", "diseleksi", false}, {"ditawari", "ditolak", true}, {"dikirim", "diterima", false},
		{"diterima", "ditolak", false}, {"ditolak", "dilihat", false}, {"dilihat", "bogus", false},
	}
	for _, tt := range tests {
		if got := vacancy.CanMove(tt.from, tt.to); got != tt.ok {
			t.Errorf("CanMove(%s, %s) = %v", tt.from, tt.to, got)
		}
	}
}

type fixture struct {
	ctx context.Context
	d   *db.DB
	vs  *vacancy.Store
	es  *employer.Store
	ss  *seeker.Store
	a   *auth.Store
	emp employer.Employer
	hr  *auth.User // emp's HR user
	// officer is a petugas: issues AK/1 cards.
	officer *auth.User
	now     time.Time
	clk     *apptest.Clock
	next    int
	// nt keeps the inboxes the vacancy store's events write to.
	nt *notify.Store
	// svc is all of it, for apptest's helpers.
	svc *app.Services
}

func newFixture(t *testing.T, d *db.DB, size string) *fixture {
	a, clk := apptest.Services(t, d)
	f := &fixture{ctx: context.Background(), d: d, vs: a.Vacancies, es: a.Employers, ss: a.Seekers, a: a.Auth, now: clk.T, clk: clk, nt: a.Notify, svc: a}
	u, err := a.Auth.Create(f.ctx, d, auth.NewUser{Login: "hrd@pt-a.test", Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
	if err != nil {
		t.Fatal(err)
	}
	f.emp, err = a.Employers.Register(f.ctx, d, u.ID, employer.Input{Name: "PT Uji Baja", NIB: "1234567890123", KBLISection: "C",
		SizeClass: size, Region: "3672", Address: "Jl. Raya Anyer No. 1, Cilegon", ContactName: "Rudi", ContactPhone: "081200001111"})
	if err != nil {
		t.Fatal(err)
	}
	officer, err := a.Auth.Create(f.ctx, d, auth.NewUser{Login: "petugas@disnaker.test", Name: "Petugas", Password: "rahasia-123", Roles: []auth.Role{auth.Petugas}})
	if err != nil {
		t.Fatal(err)
	}
	f.hr, f.officer = &u, &officer
	return f
}

func (f *fixture) input() vacancy.Input {
	return vacancy.Input{Title: "Operator Produksi", KBJI: "8121", Education: "smk", Region: "3672", Openings: 2,
		WageMin: 5469922, WageMax: 6000000, Contract: "pkwt", ClosesOn: f.now.AddDate(0, 0, 30).Format("2006-01-02"),
		Description: "Mengoperasikan mesin rolling di pabrik baja Cilegon."}
}

func codes(err error) map[string]string {
	out := map[string]string{}
	if ve, ok := valid.As(err); ok {
		for _, fe := range ve {
			out[fe.Field] = fe.Code
		}
	}
	return out
}

func TestVacancyRules(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		// Not verified: may draft, may not publish.
		if _, err := f.vs.Create(f.ctx, f.hr, f.input(), true); codes(err)["status"] != "employer_not_verified" {
			t.Fatalf("publish unverified: %v", err)
		}
		draft, err := f.vs.Create(f.ctx, f.hr, f.input(), false)
		if err != nil || draft.Status != vacancy.Draft {
			t.Fatalf("draft: %+v %v", draft, err)
		}
		if err := f.es.Decide(f.ctx, f.emp.ID, 1, true, ""); err != nil {
			t.Fatal(err)
		}
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)

		tests := []struct {
			name  string
			edit  func(*vacancy.Input)
			field string
			code  string
		}{
			{"ok at the UMK", func(*vacancy.Input) {}, "", ""},
			{"one rupiah below UMK", func(in *vacancy.Input) { in.WageMin = 5469921 }, "wage_min", "wage_below_umk"},
			{"below UMK elsewhere is fine at that region's UMK", func(in *vacancy.Input) { in.Region, in.WageMin = "3602", 3330010 }, "", ""},
			{"below Lebak UMK", func(in *vacancy.Input) { in.Region, in.WageMin = "3602", 3330000 }, "wage_min", "wage_below_umk"},
			{"large employer cannot claim the micro exemption", func(in *vacancy.Input) { in.WageMin, in.BelowUMK = 4000000, true }, "wage_min", "wage_below_umk"},
			{"max below min", func(in *vacancy.Input) { in.WageMax = 5000000 }, "wage_max", "wage_max_below_min"},
			{"closing date passed", func(in *vacancy.Input) { in.ClosesOn = f.now.AddDate(0, 0, -1).Format("2006-01-02") }, "closes_on", "closes_past"},
			{"closing date malformed", func(in *vacancy.Input) { in.ClosesOn = "31/12/2026" }, "closes_on", "date_invalid"},
			{"unknown occupation", func(in *vacancy.Input) { in.KBJI = "0000" }, "kbji", "kbji_invalid"},
			{"unknown skill", func(in *vacancy.Input) { in.Skills = []string{"terbang"} }, "skills", "skill_unknown"},
			{"region outside Banten", func(in *vacancy.Input) { in.Region = "3201" }, "region", "region_invalid"},
			{"contract", func(in *vacancy.Input) { in.Contract = "borongan" }, "contract", "choose_one"},
			{"openings", func(in *vacancy.Input) { in.Openings = 0 }, "openings", "openings_invalid"},
			{"short description", func(in *vacancy.Input) { in.Description = "kerja" }, "description", "description_short"},
			{"local share", func(in *vacancy.Input) { p := 120; in.LocalSharePct = &p }, "local_share", "percent_invalid"},
		}
		for _, tt := range tests {
			in := f.input()
			tt.edit(&in)
			before := countRows(t, d)
			_, err := f.vs.Create(f.ctx, f.hr, in, true)
			if tt.field == "" {
				if err != nil {
					t.Errorf("%s: %v", tt.name, err)
				}
				continue
			}
			if got := codes(err)[tt.field]; got != tt.code {
				t.Errorf("%s: %s = %q (%v), want %q", tt.name, tt.field, got, err, tt.code)
			}
			if countRows(t, d) != before {
				t.Errorf("%s: a refused vacancy left rows behind", tt.name)
			}
		}
		// The wage-floor message names the UMK and its amount.
		_, err = f.vs.Create(f.ctx, f.hr, func() vacancy.Input { in := f.input(); in.WageMin = 5000000; return in }(), true)
		ve, _ := valid.As(err)
		if ve[0].Args["umk"] != "Rp 5.469.922" || ve[0].Args["region"] != "Kota Cilegon" || ve[0].Args["year"] != 2026 {
			t.Fatalf("below-UMK args = %v", ve[0].Args)
		}
		// Publishing the draft now works; closing it stops applications.
		if err := f.vs.SetStatus(f.ctx, f.hr, draft.ID, vacancy.Published); err != nil {
			t.Fatal(err)
		}
		if err := f.vs.SetStatus(f.ctx, f.hr, draft.ID, vacancy.Filled); codes(err)["status"] != "status_change_invalid" {
			t.Fatalf("filled by hand: %v", err)
		}
	})
}

func TestSmallEmployerBelowUMK(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Mikro)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		in := f.input()
		in.WageMin = 4000000
		if _, err := f.vs.Create(f.ctx, f.hr, in, true); codes(err)["wage_min"] != "wage_below_umk" {
			t.Fatalf("micro employer without the agreement flag: %v", err)
		}
		in.BelowUMK = true
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil || !v.BelowUMK {
			t.Fatalf("micro employer with agreement: %+v %v", v, err)
		}
	})
}

func countRows(t *testing.T, d *db.DB) int {
	var n int
	if err := d.QueryRowContext(context.Background(), `SELECT (SELECT count(*) FROM vacancies) + (SELECT count(*) FROM vacancy_skills) + (SELECT count(*) FROM vacancy_search)`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestApplyAndHire(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		in := f.input()
		in.Openings = 1
		v, err := f.vs.Create(f.ctx, f.hr, in, true)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := f.a.Create(f.ctx, d, auth.NewUser{Login: "081311112222", Name: "Ujang", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		sk, card, err := f.ss.Register(f.ctx, d, u.ID, seeker.Input{NIK: "3604010708980001", Profile: seeker.Profile{FullName: "Ujang Suryana",
			DomicileRegion: "3672", Education: "smk", ExpectedWage: 5500000}})
		if err != nil || card != nil {
			t.Fatalf("register: card %v, %v", card, err)
		}
		if _, err := f.vs.Apply(f.ctx, &u, v.ID, ""); codes(err)["ak1"] != "ak1_required" {
			t.Fatalf("apply without card: %v", err)
		}
		if _, err := f.ss.Issue(f.ctx, f.officer, sk.ID); err != nil {
			t.Fatal(err)
		}
		a, err := f.vs.Apply(f.ctx, &u, v.ID, "siap")
		if err != nil || a.VacancyTitle != v.Title || len(a.Events) != 1 {
			t.Fatalf("apply: %+v %v", a, err)
		}
		if _, err := f.vs.Apply(f.ctx, &u, v.ID, ""); codes(err)["vacancy"] != "already_applied" {
			t.Fatalf("second apply: %v", err)
		}
		// Reading the applicants changes nothing (a GET may be a link
		// preview); the company marks them seen on purpose.
		_, as, err := f.vs.Applicants(f.ctx, f.hr, v.ID, vacancy.ApplicantQuery{})
		if err != nil || len(as) != 1 || as[0].Status != vacancy.Sent {
			t.Fatalf("applicants: %+v %v", as, err)
		}
		if n, err := f.vs.MarkSeen(f.ctx, f.hr, v.ID); err != nil || n != 1 {
			t.Fatalf("mark seen: %d %v", n, err)
		}
		if n, err := f.vs.MarkSeen(f.ctx, f.hr, v.ID); err != nil || n != 0 {
			t.Fatalf("mark seen again: %d %v", n, err)
		}
		if _, as, _ = f.vs.Applicants(f.ctx, f.hr, v.ID, vacancy.ApplicantQuery{}); as[0].Status != vacancy.Seen {
			t.Fatalf("after mark seen: %+v", as)
		}
		if _, err := f.vs.ReportHire(f.ctx, f.hr, a.ID, f.now.Format("2006-01-02"), 5000000); codes(err)["wage"] != "wage_below_umk" {
			t.Fatalf("hire below UMK: %v", err)
		}
		// The employer's report alone hires nobody: the application
		// waits for the worker's yes, with no placement and the vacancy
		// still open.
		o, err := f.vs.ReportHire(f.ctx, f.hr, a.ID, f.now.Format("2006-01-02"), 5600000)
		if err != nil {
			t.Fatal(err)
		}
		if !o.Reported || o.Status != vacancy.OfferOpen || o.Monthly != 5600000 {
			t.Fatalf("hire report: %+v", o)
		}
		if _, err := f.vs.ReportHire(f.ctx, f.hr, a.ID, f.now.Format("2006-01-02"), 5600000); codes(err)["status"] != "hire_offer_open" {
			t.Fatalf("second report: %v", err)
		}
		v, _ = f.vs.Get(f.ctx, v.ID)
		sk, _ = f.ss.Get(f.ctx, sk.ID)
		var placements int
		if err := d.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM placements WHERE application_id = ?`, a.ID).Scan(&placements); err != nil {
			t.Fatal(err)
		}
		if got, _ := f.vs.Application(f.ctx, a.ID); got.Status != vacancy.Offered || placements != 0 || v.Hired != 0 || sk.Placed {
			t.Fatalf("after the report alone: status %s, %d placements, hired %d, placed %v", got.Status, placements, v.Hired, sk.Placed)
		}
		yes := true
		if _, err := f.vs.AnswerOffer(f.ctx, &u, a.ID, &yes); err != nil {
			t.Fatal(err)
		}
		v, _ = f.vs.Get(f.ctx, v.ID)
		sk, _ = f.ss.Get(f.ctx, sk.ID)
		if v.Status != vacancy.Filled || v.Hired != 1 || !sk.Placed {
			t.Fatalf("after hire: vacancy %s hired %d, placed %v", v.Status, v.Hired, sk.Placed)
		}
		got, _ := f.vs.Application(f.ctx, a.ID)
		var steps []string
		for _, e := range got.Events {
			steps = append(steps, e.Status)
		}
		if len(steps) != 4 || steps[2] != vacancy.Offered || steps[3] != vacancy.Hired {
			t.Fatalf("timeline %v", steps)
		}
		// Another employer cannot touch it.
		f2u, _ := f.a.Create(f.ctx, d, auth.NewUser{Login: "hrd@lain.test", Name: "HRD", Password: "rahasia-123", Roles: []auth.Role{auth.Perusahaan}})
		other, _ := f.es.Register(f.ctx, d, f2u.ID, employer.Input{Name: "PT Lain", NIB: "9999999999999", KBLISection: "C", SizeClass: "besar",
			Region: "3604", Address: "Jl. Raya Serang No. 9", ContactName: "X", ContactPhone: "081299998888"})
		if other.ID == 0 {
			t.Fatal("the other employer was not registered")
		}
		if _, _, err := f.vs.Applicants(f.ctx, &f2u, v.ID, vacancy.ApplicantQuery{}); !errors.Is(err, db.ErrNotFound) {
			t.Fatalf("other employer reads applicants: %v", err)
		}
	})
}

func TestSearch(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		mk := func(title, region, edu, contract string, wageMax int64) {
			in := f.input()
			in.Title, in.Region, in.Education, in.Contract, in.WageMax = title, region, edu, contract, wageMax
			if r, _, _ := vacancy.UMKFor(region, f.now); in.WageMin < r || in.WageMin > wageMax {
				in.WageMin = r
			}
			if _, err := f.vs.Create(f.ctx, f.hr, in, true); err != nil {
				t.Fatal(err)
			}
		}
		mk("Operator Forklift Gudang", "3603", "sma", "pkwt", 6000000)
		mk("Juru Las Pipa", "3672", "smk", "pkwtt", 8000000)
		mk("Kasir Minimarket", "3674", "sma", "harian", 5300000)
		mk("Insinyur Proses Kimia", "3672", "s1", "pkwtt", 12000000)
		tests := []struct {
			f    vacancy.Filter
			want int
		}{
			{vacancy.Filter{}, 4},
			{vacancy.Filter{Q: "forklift"}, 1},
			{vacancy.Filter{Q: "las"}, 1},
			{vacancy.Filter{Region: "3672"}, 2},
			{vacancy.Filter{Education: "smp"}, 0},
			{vacancy.Filter{Education: "sma"}, 3}, // SMA and SMK are one level

			{vacancy.Filter{Education: "s1"}, 4},
			{vacancy.Filter{MinWage: 7000000}, 2},
			{vacancy.Filter{Contract: "harian"}, 1},
			{vacancy.Filter{KBJI: "8"}, 4},
			{vacancy.Filter{Region: "3672", Q: "kimia"}, 1},
			{vacancy.Filter{PerPage: 1, Page: 2}, 4},
		}
		for _, tt := range tests {
			res, err := f.vs.Search(f.ctx, tt.f)
			if err != nil {
				t.Fatalf("%+v: %v", tt.f, err)
			}
			if res.Total != tt.want {
				t.Errorf("%+v: total %d, want %d", tt.f, res.Total, tt.want)
			}
		}
		res, _ := f.vs.Search(f.ctx, vacancy.Filter{PerPage: 1, Page: 2})
		if len(res.Items) != 1 || res.Pages() != 4 {
			t.Errorf("paging: %d items, %d pages", len(res.Items), res.Pages())
		}
		if _, err := f.vs.Search(f.ctx, vacancy.Filter{Region: "x", Page: 9999}); codes(err)["region"] == "" || codes(err)["page"] == "" {
			t.Errorf("bad filter: %v", err)
		}
		// Vacancies past their closing date leave the public list.
		f.clk.T = f.now.AddDate(0, 0, 31)
		if res, _ := f.vs.Search(f.ctx, vacancy.Filter{}); res.Total != 0 {
			t.Errorf("after closing date: %d listed", res.Total)
		}
	})
}

// TestInvitations: an employer invites a discoverable seeker; the seeker sees
// it, and applying answers it; a second seeker declines; nobody can be
// invited twice, nor once they have applied or hidden themselves.
func TestInvitations(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		users := map[int64]*auth.User{}
		register := func(login, nik string, discoverable bool) seeker.Seeker {
			u, _ := f.a.Create(f.ctx, d, auth.NewUser{Login: login, Name: "Pencari", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
			sk, _, err := f.ss.Register(f.ctx, d, u.ID, seeker.Input{NIK: nik, Profile: seeker.Profile{FullName: "Pencari Kerja",
				DomicileRegion: "3604", Education: "smk", Discoverable: discoverable}})
			if err != nil {
				t.Fatal(err)
			}
			users[sk.ID] = &u
			return sk
		}
		a, b, hidden := register("081311110001", "3604010708980001", true), register("081311110002", "3604010708980002", true),
			register("081311110003", "3604010708980003", false)
		if err := f.vs.Invite(f.ctx, f.hr, v.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := f.vs.Invite(f.ctx, f.hr, v.ID, a.ID); codes(err)["seeker"] != "already_invited" {
			t.Errorf("second invitation: %v", err)
		}
		if err := f.vs.Invite(f.ctx, f.hr, v.ID, hidden.ID); codes(err)["seeker"] != "not_discoverable" {
			t.Errorf("hidden seeker invited: %v", err)
		}
		invs, err := f.vs.Invitations(f.ctx, a.ID)
		if err != nil || len(invs) != 1 || invs[0].Vacancy.ID != v.ID {
			t.Fatalf("invitations: %+v %v", invs, err)
		}
		if _, err := f.vs.Apply(f.ctx, users[a.ID], v.ID, ""); err != nil {
			t.Fatal(err)
		}
		if st, _ := f.vs.Invited(f.ctx, v.ID); st[a.ID] != vacancy.InvitationApplied {
			t.Errorf("after applying the invitation is %q", st[a.ID])
		}
		if invs, _ := f.vs.Invitations(f.ctx, a.ID); len(invs) != 0 {
			t.Errorf("an answered invitation is still open: %+v", invs)
		}
		if err := f.vs.Invite(f.ctx, f.hr, v.ID, b.ID); err != nil {
			t.Fatal(err)
		}
		invs, _ = f.vs.Invitations(f.ctx, b.ID)
		if err := f.vs.Decline(f.ctx, users[a.ID], invs[0].ID); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("a seeker declined someone else's invitation: %v", err)
		}
		if err := f.vs.Decline(f.ctx, users[b.ID], invs[0].ID); err != nil {
			t.Fatal(err)
		}
		if st, _ := f.vs.Invited(f.ctx, v.ID); st[b.ID] != vacancy.InvitationDeclined {
			t.Errorf("declined invitation is %q", st[b.ID])
		}
	})
}

// TestOldApplicationGetsSalt: an application from before the log has no
// salt; its first logged decision gives it one, so its commitment cannot be
// found by trying seeker ids.
func TestOldApplicationGetsSalt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d, employer.Besar)
		f.es.Decide(f.ctx, f.emp.ID, 1, true, "")
		f.emp, _ = f.es.Get(f.ctx, f.emp.ID)
		v, err := f.vs.Create(f.ctx, f.hr, f.input(), true)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := f.a.Create(f.ctx, d, auth.NewUser{Login: "081311119999", Name: "Lama", Password: "rahasia-123", Roles: []auth.Role{auth.Pencari}})
		sk, _, err := f.ss.Register(f.ctx, d, u.ID, seeker.Input{NIK: "3604010708980009", Profile: seeker.Profile{FullName: "Pelamar Lama",
			DomicileRegion: "3604", Education: "smk"}})
		if err != nil {
			t.Fatal(err)
		}
		a, err := f.vs.Apply(f.ctx, &u, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(f.ctx, `UPDATE applications SET ledger_salt = '' WHERE id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.Move(f.ctx, f.hr, a.ID, vacancy.Seen, ""); err != nil {
			t.Fatal(err)
		}
		var salt string
		d.QueryRowContext(f.ctx, `SELECT ledger_salt FROM applications WHERE id = ?`, a.ID).Scan(&salt)
		if salt == "" {
			t.Fatal("the old application still has no salt")
		}
		var rec []byte
		d.QueryRowContext(f.ctx, `SELECT data FROM ledger_records WHERE kind = ? ORDER BY n DESC LIMIT 1`, "application.status").Scan(&rec)
		if strings.Contains(string(rec), vacancy.ApplicationCommitment("", sk.ID, v.ID)) || !strings.Contains(string(rec), vacancy.ApplicationCommitment(salt, sk.ID, v.ID)) {
			t.Fatalf("decision record %s", rec)
		}
	})
}
