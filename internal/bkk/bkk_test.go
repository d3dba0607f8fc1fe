package bkk_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/bkk"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/remind"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/wib"
)

func TestValidNPSN(t *testing.T) {
	for s, want := range map[string]bool{"20600123": true, "69900001": true, "2060012": false, "206001234": false,
		"2060012a": false, "": false, " 2060012": false, "２０６００１２３": false} {
		if got := bkk.ValidNPSN(s); got != want {
			t.Errorf("ValidNPSN(%q) = %v, want %v", s, got, want)
		}
	}
}

// fixture is a bursa with no demo: an officer, a BKK staff member, a
// verified company and a job seeker with an AK/1 card.
type fixture struct {
	t        *testing.T
	ctx      context.Context
	a        *app.Services
	clk      *apptest.Clock
	officer  auth.User
	staff    auth.User
	seeker   auth.User
	hr       auth.User
	employer int64
	school   bkk.School
}

func newFixture(t *testing.T, d *db.DB) *fixture {
	a, clk := apptest.Services(t, d)
	f := &fixture{t: t, ctx: context.Background(), a: a, clk: clk}
	f.officer = f.user("petugas@smk.test", auth.Petugas)
	f.staff = f.user("bkk@smk.test", auth.Bkk)
	var err error
	if f.hr, err = a.Auth.ByLogin(f.ctx, apptest.OtherEmployerHR(t, a)); err != nil {
		t.Fatal(err)
	}
	emp, err := a.Employers.Current(f.ctx, &f.hr)
	if err != nil {
		t.Fatal(err)
	}
	f.employer = emp.ID
	if f.seeker, err = a.Auth.ByLogin(f.ctx, apptest.OtherSeeker(t, a)); err != nil {
		t.Fatal(err)
	}
	f.school, err = a.BKK.RegisterSchool(f.ctx, &f.officer, bkk.SchoolInput{NPSN: "20600123", Name: "SMK Negeri 1 Contoh",
		Region: "3604", Address: "Jl. Raya Contoh No. 1, Serang", Programs: []string{"Teknik Pengelasan\nAkuntansi", "teknik  pengelasan"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.BKK.AddStaff(f.ctx, &f.officer, f.school.NPSN, bkk.StaffInput{Login: f.staff.Email}); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) user(login string, r auth.Role) auth.User {
	u, err := f.a.Auth.Create(f.ctx, f.a.DB, auth.NewUser{Login: login, Name: "Pengguna " + string(r), Password: apptest.OtherPassword,
		Roles: []auth.Role{r}})
	if err != nil {
		f.t.Fatal(err)
	}
	return u
}

// graduate declares f.seeker a graduate of f.school in year/month and
// has the school verify it.
func (f *fixture) graduate(year, month int) bkk.Graduate {
	f.t.Helper()
	g, err := f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "teknik pengelasan", Year: year, Month: month})
	if err != nil {
		f.t.Fatal(err)
	}
	if g, err = f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(true), ""); err != nil {
		f.t.Fatal(err)
	}
	return g
}

func TestSchoolRegistration(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if got := f.school.Programs; len(got) != 2 || got[0] != "Teknik Pengelasan" || got[1] != "Akuntansi" {
			t.Errorf("programs cleaned to %q", got)
		}
		in := bkk.SchoolInput{NPSN: "2060012X", Name: "SMK", Region: "3604", Address: "Jl. Raya Contoh No. 2", Programs: []string{"TKR"}}
		_, err := f.a.BKK.RegisterSchool(f.ctx, &f.officer, in)
		apptest.WantCode(t, err, "npsn", "bkk_npsn_invalid")
		in.NPSN = f.school.NPSN
		_, err = f.a.BKK.RegisterSchool(f.ctx, &f.officer, in)
		apptest.WantCode(t, err, "npsn", "bkk_npsn_taken")
		in.NPSN, in.ProviderID = "20600124", 999
		_, err = f.a.BKK.RegisterSchool(f.ctx, &f.officer, in)
		apptest.WantCode(t, err, "provider_id", "bkk_provider_not_smk")
		in.ProviderID = 0
		_, err = f.a.BKK.RegisterSchool(f.ctx, &f.staff, in)
		apptest.WantIs(t, err, auth.ErrNotPermitted)
		_, err = f.a.BKK.RegisterSchool(f.ctx, nil, in)
		apptest.WantIs(t, err, auth.ErrLoginRequired)
		// A login that exists without the bkk role is not made staff.
		_, err = f.a.BKK.AddStaff(f.ctx, &f.officer, f.school.NPSN, bkk.StaffInput{Login: f.hr.Email})
		apptest.WantCode(t, err, "login", "bkk_staff_not_bkk")
		// A new login becomes a bkk account that can act for the school.
		st, err := f.a.BKK.AddStaff(f.ctx, &f.officer, f.school.NPSN, bkk.StaffInput{Login: "baru@smk.test", Name: "Staf Baru",
			Password: apptest.OtherPassword})
		if err != nil {
			t.Fatal(err)
		}
		nu, err := f.a.Auth.Get(f.ctx, st.UserID)
		if err != nil || !nu.Has(auth.Bkk) {
			t.Fatalf("new staff %+v, %v", nu, err)
		}
		if ss, err := f.a.BKK.SchoolsOf(f.ctx, &nu); err != nil || len(ss) != 1 || ss[0].NPSN != f.school.NPSN {
			t.Fatalf("schools of new staff: %v %v", ss, err)
		}
		var audits int
		if err := d.QueryRowContext(f.ctx, `SELECT count(*) FROM audit_log WHERE action LIKE 'bkk.%'`).Scan(&audits); err != nil || audits < 3 {
			t.Errorf("audit rows %d, %v", audits, err)
		}
	})
}

func TestVerifyGraduate(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		_, err := f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: "99999999", Program: "Akuntansi", Year: 2025, Month: 5})
		apptest.WantCode(t, err, "npsn", "bkk_school_unknown")
		_, err = f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "Tata Boga", Year: 2025, Month: 5})
		apptest.WantCode(t, err, "program", "bkk_program_unknown")
		_, err = f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "Akuntansi", Year: 2026, Month: 9})
		apptest.WantCode(t, err, "month", "bkk_graduation_future")
		g, err := f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "akuntansi", Year: 2025, Month: 5})
		if err != nil || g.Status != bkk.Pending || g.Program != "Akuntansi" {
			t.Fatalf("declared %+v, %v", g, err)
		}
		// Staff of another school do not see this one's graduates.
		other := f.user("bkk2@smk.test", auth.Bkk)
		_, err = f.a.BKK.Decide(f.ctx, &other, f.school.NPSN, g.ID, new(true), "")
		apptest.WantIs(t, err, fail.NotFound)
		_, err = f.a.BKK.Graduates(f.ctx, &other, f.school.NPSN, "")
		apptest.WantIs(t, err, fail.NotFound)
		_, err = f.a.BKK.Decide(f.ctx, &f.seeker, f.school.NPSN, g.ID, new(true), "")
		apptest.WantIs(t, err, auth.ErrNotPermitted)
		// A rejection says why.
		_, err = f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(false), " ")
		apptest.WantCode(t, err, "reason", "required")
		if g, err = f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(false), "Tidak ada di buku induk 2025"); err != nil || g.Status != bkk.Rejected {
			t.Fatalf("rejected %+v, %v", g, err)
		}
		// Saved again unchanged, a rejected declaration waits again.
		if g, err = f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "Akuntansi", Year: 2025, Month: 5}); err != nil || g.Status != bkk.Pending || g.Reason != "" {
			t.Fatalf("rejected, saved again %+v, %v", g, err)
		}
		// Declared again, it waits again; verified, it shows as such.
		if g, err = f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "Akuntansi", Year: 2024, Month: 6}); err != nil || g.Status != bkk.Pending {
			t.Fatalf("declared again %+v, %v", g, err)
		}
		if _, err = f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(true), ""); err != nil {
			t.Fatal(err)
		}
		gs, err := f.a.BKK.Graduates(f.ctx, &f.staff, f.school.NPSN, bkk.Verified)
		if err != nil || len(gs) != 1 || gs[0].Name != "Pencari Lain" {
			t.Fatalf("verified graduates %+v, %v", gs, err)
		}
	})
}

func (f *fixture) vacancyInput() vacancy.Input {
	umk, _, _ := vacancy.UMKFor("3604", f.clk.T)
	return vacancy.Input{Title: "Operator Las", KBJI: "7212", Education: "smk", Region: "3604", Openings: 2,
		WageMin: umk, WageMax: umk + 500_000, Contract: "pkwt", ClosesOn: wib.Date(f.clk.T).AddDate(0, 0, 20).Format(time.DateOnly),
		Description: "Pengelasan rangka baja di bengkel fabrikasi, bersertifikat lebih disukai."}
}

func TestGraduatesOnlyApply(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// An unverified company cannot post through a school.
		hr2 := f.user("hrd2@smk.test", auth.Perusahaan)
		e2, err := f.a.Employers.Register(f.ctx, d, hr2.ID, employer.Input{Name: "PT Belum Verifikasi", NIB: "9120000000888",
			KBLISection: "C", SizeClass: employer.Besar, Region: "3604", Address: "Jl. Raya Cikande km 3, Serang",
			ContactName: "Ani", ContactPhone: "081277775555"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.a.BKK.Post(f.ctx, &f.staff, f.school.NPSN, bkk.PostInput{PartnerID: e2.ID, Vacancy: f.vacancyInput()})
		apptest.WantCode(t, err, "partner_id", "partner_not_verified")
		_, err = f.a.BKK.Post(f.ctx, &f.officer, f.school.NPSN, bkk.PostInput{PartnerID: f.employer, Vacancy: f.vacancyInput()})
		apptest.WantIs(t, err, auth.ErrNotPermitted)
		v, err := f.a.BKK.Post(f.ctx, &f.staff, f.school.NPSN, bkk.PostInput{PartnerID: f.employer, GraduatesOnly: true, Vacancy: f.vacancyInput()})
		if err != nil {
			t.Fatal(err)
		}
		if v.EmployerID != f.employer || v.Status != vacancy.Published {
			t.Errorf("posted %+v", v)
		}
		if via, ok, err := f.a.BKK.VacancyVia(f.ctx, v.ID); err != nil || !ok || via.NPSN != f.school.NPSN || !via.GraduatesOnly {
			t.Errorf("via %+v %v %v", via, ok, err)
		}
		// The company is told a vacancy went up in its name.
		var told int
		if err := d.QueryRowContext(f.ctx, `SELECT COUNT(*) FROM notifications n JOIN employers e ON e.owner_id = n.user_id
			WHERE e.id = ? AND n.dedupe = ?`, f.employer, fmt.Sprintf("bkk-posted:%d", v.ID)).Scan(&told); err != nil || told != 1 {
			t.Errorf("the company was told %d times (%v)", told, err)
		}
		// Not a graduate yet: refused, naming the school.
		_, err = f.a.Vacancies.Apply(f.ctx, &f.seeker, v.ID, "")
		apptest.WantCode(t, err, "vacancy", "bkk_graduates_only")
		// Declared but waiting: still refused.
		g, err := f.a.BKK.Declare(f.ctx, &f.seeker, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "Teknik Pengelasan", Year: 2025, Month: 5})
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.a.Vacancies.Apply(f.ctx, &f.seeker, v.ID, "")
		apptest.WantCode(t, err, "vacancy", "bkk_graduates_only")
		if _, err := f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(true), ""); err != nil {
			t.Fatal(err)
		}
		app, err := f.a.Vacancies.Apply(f.ctx, &f.seeker, v.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		// The BKK sees the application's status, and the phone only once
		// the graduate shares it with this application.
		as, err := f.a.BKK.Applications(f.ctx, &f.staff, f.school.NPSN)
		if err != nil || len(as) != 1 || as[0].ApplicationID != app.ID || !as[0].ViaBKK || as[0].Phone != "" || as[0].Status != vacancy.Sent {
			t.Fatalf("applications %+v, %v", as, err)
		}
		if err := f.a.Vacancies.ShareContacts(f.ctx, &f.seeker, app.ID, true, false); err != nil {
			t.Fatal(err)
		}
		if as, err = f.a.BKK.Applications(f.ctx, &f.staff, f.school.NPSN); err != nil || as[0].Phone != f.seeker.Phone {
			t.Fatalf("shared phone %+v, %v", as, err)
		}
		// A vacancy open to all takes anyone's application.
		open, err := f.a.BKK.Post(f.ctx, &f.staff, f.school.NPSN, bkk.PostInput{PartnerID: f.employer, Vacancy: f.vacancyInput()})
		if err != nil {
			t.Fatal(err)
		}
		other, err := f.a.Auth.ByLogin(f.ctx, "081377778888")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(false), "salah data"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.a.Vacancies.Apply(f.ctx, &other, open.ID, ""); err != nil {
			t.Fatalf("apply to a BKK vacancy for all: %v", err)
		}
	})
}

// inbox counts f.seeker's tracer notices and queued outbox messages.
func (f *fixture) tracerNotices() (inbox, outbox int) {
	f.t.Helper()
	if err := f.a.DB.QueryRowContext(f.ctx, `SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'tracer'`, f.seeker.ID).Scan(&inbox); err != nil {
		f.t.Fatal(err)
	}
	if err := f.a.DB.QueryRowContext(f.ctx, `SELECT count(*) FROM outbox WHERE user_id = ? AND kind = 'tracer'`, f.seeker.ID).Scan(&outbox); err != nil {
		f.t.Fatal(err)
	}
	return inbox, outbox
}

func TestTracerDue(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// A verified email, so the question also goes out by mail.
		if _, err := d.ExecContext(f.ctx, `INSERT INTO contacts (user_id, kind, address, verified_at, created_at) VALUES (?, 'email', ?, ?, ?)`,
			f.seeker.ID, "lulusan@smk.test", f.clk.T, f.clk.T); err != nil {
			t.Fatal(err)
		}
		if err := f.a.Notify.SetConsent(f.ctx, d, f.seeker.ID, notify.Email, true); err != nil {
			t.Fatal(err)
		}
		// Graduated October 2025: wave 6 falls due on 1 April 2026, wave 12
		// on 1 October 2026. The clock stands at 2 March 2026.
		g := f.graduate(2025, 10)
		r := &remind.Store{DB: d, Notify: f.a.Notify, Now: f.clk.Now}
		run := func() int {
			t.Helper()
			c, err := r.Run(f.ctx)
			if err != nil {
				t.Fatal(err)
			}
			return c.Tracer
		}
		if n := run(); n != 0 {
			t.Fatalf("before 6 months: %d questions", n)
		}
		_, err := f.a.BKK.AnswerTracer(f.ctx, &f.seeker, bkk.TracerInput{Status: bkk.Seeking})
		apptest.WantCode(t, err, "status", "bkk_tracer_not_due")
		f.clk.T = time.Date(2026, 3, 31, 18, 0, 0, 0, time.UTC) // 1 April, 01:00 WIB
		if n := run(); n != 1 {
			t.Fatalf("at 6 months: %d questions", n)
		}
		in, out := f.tracerNotices()
		if in != 1 || out < 1 {
			t.Fatalf("inbox %d, outbox %d after the 6-month question", in, out)
		}
		var url string
		if err := d.QueryRowContext(f.ctx, `SELECT url FROM notifications WHERE user_id = ? AND kind = 'tracer'`, f.seeker.ID).Scan(&url); err != nil || url != "/pencari/lulusan#tracer" {
			t.Errorf("url %q, %v", url, err)
		}
		f.clk.T = f.clk.T.AddDate(0, 0, 1)
		if n := run(); n != 0 {
			t.Fatalf("the next day: %d questions again", n)
		}
		// Answered: wave 6. Invalid answers say which field.
		_, err = f.a.BKK.AnswerTracer(f.ctx, &f.seeker, bkk.TracerInput{Status: bkk.Working})
		apptest.WantCode(t, err, "employer_name", "required")
		apptest.WantCode(t, err, "contract", "choose_one")
		apptest.WantCode(t, err, "wage_band", "choose_one")
		a, err := f.a.BKK.AnswerTracer(f.ctx, &f.seeker, bkk.TracerInput{Status: bkk.Working, EmployerName: "PT Las Jaya",
			Contract: "pkwt", WageBand: bkk.UMKTo15})
		if err != nil || a.Wave != 6 {
			t.Fatalf("answer %+v, %v", a, err)
		}
		f.clk.T = time.Date(2026, 10, 1, 3, 0, 0, 0, time.UTC)
		if n := run(); n != 1 {
			t.Fatalf("at 12 months: %d questions", n)
		}
		if in, _ := f.tracerNotices(); in != 2 {
			t.Fatalf("inbox %d after the 12-month question", in)
		}
		tr, err := f.a.BKK.MyTracer(f.ctx, &f.seeker)
		if err != nil || tr.Wave != 12 || len(tr.Answers) != 1 || tr.Answers[0].EmployerName != "PT Las Jaya" {
			t.Fatalf("tracer %+v, %v", tr, err)
		}
		// Two years on nothing is asked any more.
		f.clk.T = time.Date(2027, 11, 1, 3, 0, 0, 0, time.UTC)
		if n := run(); n != 0 {
			t.Fatalf("long after: %d questions", n)
		}
		_ = g
	})
}

// hire records a placement of f.seeker with f.employer starting on start,
// as the vacancy store's hire writes it.
func (f *fixture) hire(start time.Time, wage int64) {
	f.t.Helper()
	v, err := f.a.Vacancies.Create(f.ctx, &f.hr, f.vacancyInput(), true)
	if err != nil {
		f.t.Fatal(err)
	}
	app, err := f.a.Vacancies.Apply(f.ctx, &f.seeker, v.ID, "")
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.a.DB.ExecContext(f.ctx, `INSERT INTO placements (application_id, vacancy_id, seeker_id, employer_id, start_date, wage, reported_by, reported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, app.ID, v.ID, app.SeekerID, f.employer, start, wage, f.hr.ID, f.clk.T.UTC()); err != nil {
		f.t.Fatal(err)
	}
}

func TestPlacementAnswers(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		// Graduated May 2025; hired in bursa from January 2026: at 6 months
		// (November 2025) not yet working, at 12 (May 2026) working.
		g := f.graduate(2025, 5)
		umk, _ := vacancyUMK(f)
		f.hire(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), umk*2)
		f.clk.T = time.Date(2026, 6, 2, 3, 0, 0, 0, time.UTC)
		os, err := bkk.Outcomes(f.ctx, d, f.clk.T, `g.id = ?`, g.ID)
		if err != nil || len(os) != 2 {
			t.Fatalf("outcomes %+v, %v", os, err)
		}
		if os[0].Wave != 6 || os[0].Status != bkk.Unanswered {
			t.Errorf("wave 6: %+v", os[0])
		}
		if o := os[1]; o.Wave != 12 || o.Status != bkk.Working || o.Source != bkk.SourceBursa || o.EmployerName != "PT Lain Jaya" ||
			o.Contract != "pkwt" || o.WageBand != bkk.Above15 {
			t.Errorf("wave 12: %+v", o)
		}
		// The job asks nothing now: wave 12 counts the placement, and wave
		// 6's question was to be sent until 1 May 2026. In April it was.
		if asks, err := bkk.ToAsk(f.ctx, d, wib.Date(f.clk.T)); err != nil || len(asks) != 0 {
			t.Errorf("to ask in June %+v, %v", asks, err)
		}
		if asks, err := bkk.ToAsk(f.ctx, d, time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC)); err != nil || len(asks) != 1 || asks[0].Wave != 6 {
			t.Errorf("to ask in April %+v, %v", asks, err)
		}
		// The graduate's own answer wins over the placement.
		if _, err := f.a.BKK.AnswerTracer(f.ctx, &f.seeker, bkk.TracerInput{Status: bkk.Studying}); err != nil {
			t.Fatal(err)
		}
		os, err = bkk.Outcomes(f.ctx, d, f.clk.T, `g.id = ?`, g.ID)
		if err != nil || os[1].Status != bkk.Studying || os[1].Source != bkk.SourceForm {
			t.Errorf("after answering: %+v, %v", os, err)
		}
		// A rejected graduate counts nowhere.
		if _, err := f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(false), "bukan alumni"); err != nil {
			t.Fatal(err)
		}
		if os, err = bkk.Outcomes(f.ctx, d, f.clk.T, `1 = 1`); err != nil || len(os) != 0 {
			t.Errorf("rejected graduate's outcomes %+v, %v", os, err)
		}
	})
}

func vacancyUMK(f *fixture) (int64, bool) {
	umk, _, ok := vacancy.UMKFor("3604", f.clk.T)
	return umk, ok
}

func TestSchoolFiguresSmallCells(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.graduate(2025, 5)
		if _, err := f.a.BKK.AnswerTracer(f.ctx, &f.seeker, bkk.TracerInput{Status: bkk.Seeking}); err != nil {
			t.Fatal(err)
		}
		fig, err := f.a.BKK.SchoolFigures(f.ctx, f.school.NPSN)
		if err != nil {
			t.Fatal(err)
		}
		w := fig.Waves[0]
		if w.Wave != 6 || len(w.Rows) != 1 {
			t.Fatalf("figures %+v", fig.Waves)
		}
		// One graduate: every count that shows them is withheld; the zeros
		// stay (they reveal nobody).
		if !w.Total.Total.Withheld || !w.Rows[0].Total.Withheld || !w.Rows[0].Cells[3].Withheld {
			t.Errorf("one graduate shown: %+v", w)
		}
		if w.Rows[0].Cells[0].Withheld || w.Rows[0].Cells[0].N != 0 {
			t.Errorf("a zero withheld: %+v", w.Rows[0].Cells[0])
		}
		// Add 11 more graduates of the same program, all seeking: 12 shown.
		for i := 0; i < 11; i++ {
			u := f.user(fmt.Sprintf("lulus%d@smk.test", i), auth.Pencari)
			if _, _, err := f.a.Seekers.Register(f.ctx, d, u.ID, seeker.Input{NIK: fmt.Sprintf("360401120406%04d", i+1),
				Profile: seeker.Profile{FullName: fmt.Sprintf("Lulusan %d", i), DomicileRegion: "3604", Education: "smk"}}); err != nil {
				t.Fatal(err)
			}
			g, err := f.a.BKK.Declare(f.ctx, &u, bkk.GraduationInput{NPSN: f.school.NPSN, Program: "Teknik Pengelasan", Year: 2025, Month: 5})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.a.BKK.Decide(f.ctx, &f.staff, f.school.NPSN, g.ID, new(true), ""); err != nil {
				t.Fatal(err)
			}
			if _, err := f.a.BKK.AnswerTracer(f.ctx, &u, bkk.TracerInput{Status: bkk.Seeking}); err != nil {
				t.Fatal(err)
			}
		}
		if fig, err = f.a.BKK.SchoolFigures(f.ctx, f.school.NPSN); err != nil {
			t.Fatal(err)
		}
		w = fig.Waves[0]
		if w.Total.Total.Withheld || w.Total.Total.N != 12 || w.Rows[0].Cells[3].N != 12 {
			t.Errorf("12 graduates: %+v", w)
		}
	})
}
