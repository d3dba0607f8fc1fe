package apprentice_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/app"
	"github.com/bursa-banten/bursa/internal/apprentice"
	"github.com/bursa-banten/bursa/internal/apptest"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/dbtest"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/fail"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/stats"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// world is an empty bursa with one verified company, one officer and
// job seekers, at a clock the test moves.
type world struct {
	a       *app.Services
	clk     *apptest.Clock
	hr      *auth.User
	officer *auth.User
	other   *auth.User // HR of another verified company
	emp     employer.Employer
}

func user(t *testing.T, a *app.Services, login string, r auth.Role) *auth.User {
	t.Helper()
	u, err := a.Auth.Create(t.Context(), a.DB, auth.NewUser{Login: login, Name: login, Password: apptest.OtherPassword, Roles: []auth.Role{r}})
	if err != nil {
		t.Fatal(err)
	}
	return &u
}

func company(t *testing.T, a *app.Services, u *auth.User, nib string) employer.Employer {
	t.Helper()
	e, err := a.Employers.Register(t.Context(), a.DB, u.ID, employer.Input{Name: "PT " + nib, NIB: nib, KBLISection: "C",
		SizeClass: employer.Besar, Region: "3603", Address: "Jl. Raya Serang km 20, Cikupa", ContactName: "Dedi", ContactPhone: "081277776666"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Employers.Decide(t.Context(), e.ID, u.ID, true, ""); err != nil {
		t.Fatal(err)
	}
	return e
}

func newWorld(t *testing.T, d *db.DB) *world {
	a, clk := apptest.Services(t, d)
	w := &world{a: a, clk: clk}
	w.hr = user(t, a, "hrd@magang.test", auth.Perusahaan)
	w.emp = company(t, a, w.hr, "9120000000101")
	w.other = user(t, a, "hrd@lain.test", auth.Perusahaan)
	company(t, a, w.other, "9120000000202")
	w.officer = user(t, a, "petugas@magang.test", auth.Petugas)
	return w
}

func (w *world) day(n int) string { return w.clk.T.AddDate(0, 0, n).Format(time.DateOnly) }

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// input is a lawful program: 10 seats of a workforce of 100 (cap 20).
func (w *world) input() apprentice.Input {
	return apprentice.Input{Title: "Magang operator mesin produksi", Occupation: "8189", Standard: "SKKNI 2016-306 Operator Mesin Produksi",
		Region: "3603", Seats: 10, Months: 6, TheoryShare: 20, Allowance: 2_500_000, Insurance: yes(),
		MentorName: "Bambang Sutrisno", MentorTitle: "Kepala Produksi",
		TrainingPlan: "Bulan 1: K3 dan pengenalan mesin. Bulan 2–5: praktik di lini bersama mentor. Bulan 6: uji kompetensi LSP.",
		StartOn:      w.day(14), Workforce: 100}
}

func approved(t *testing.T, w *world, in apprentice.Input) apprentice.Program {
	t.Helper()
	p, err := w.a.Apprentices.Apply(t.Context(), w.hr, in)
	if err != nil {
		t.Fatal(err)
	}
	if p, err = w.a.Apprentices.Decide(t.Context(), w.officer, p.ID, yes(), ""); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestApplyTerms: every term of Permenaker 6/2020 is checked into its own
// field, with the numbers the contract names (months 18, theory 9 and 26,
// allowance 0, the 20% cap).
func TestApplyTerms(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		for _, c := range []struct {
			name, field, code string
			edit              func(*apprentice.Input)
		}{
			{"18 months", "months", "appr_months", func(in *apprentice.Input) { in.Months = 18 }},
			{"0 months", "months", "appr_months", func(in *apprentice.Input) { in.Months = 0 }},
			{"theory 9%", "theory_share", "appr_theory", func(in *apprentice.Input) { in.TheoryShare = 9 }},
			{"theory 26%", "theory_share", "appr_theory", func(in *apprentice.Input) { in.TheoryShare = 26 }},
			{"no allowance", "allowance", "appr_allowance", func(in *apprentice.Input) { in.Allowance = 0 }},
			{"no insurance", "insurance", "appr_insurance", func(in *apprentice.Input) { in.Insurance = no() }},
			{"insurance unanswered", "insurance", "appr_insurance", func(in *apprentice.Input) { in.Insurance = nil }},
			{"no mentor", "mentor", "appr_mentor", func(in *apprentice.Input) { in.MentorName = "" }},
			{"no plan", "training_plan", "appr_training_plan", func(in *apprentice.Input) { in.TrainingPlan = "praktik" }},
			{"no standard", "standard", "appr_standard", func(in *apprentice.Input) { in.Standard = " " }},
			{"no seats", "seats", "appr_seats", func(in *apprentice.Input) { in.Seats = 0 }},
			{"over the cap", "seats", "appr_seats_cap", func(in *apprentice.Input) { in.Seats = 21 }},
			{"start before the decision", "start_on", "appr_start_on", func(in *apprentice.Input) { in.StartOn = w.day(1) }},
			{"bad date", "start_on", "date_invalid", func(in *apprentice.Input) { in.StartOn = "besok" }},
			{"bad occupation", "occupation", "kbji_invalid", func(in *apprentice.Input) { in.Occupation = "99999" }},
		} {
			in := w.input()
			c.edit(&in)
			_, err := w.a.Apprentices.Apply(ctx, w.hr, in)
			apptest.WantCode(t, err, c.field, c.code)
			if t.Failed() {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		// The edges pass: 12 months, theory 10% and 25%, exactly the cap.
		for _, edit := range []func(*apprentice.Input){
			func(in *apprentice.Input) { in.Months, in.TheoryShare, in.Seats = 12, 10, 20 },
			func(in *apprentice.Input) { in.Months, in.TheoryShare, in.Seats = 1, 25, 20 },
		} {
			in := w.input()
			edit(&in)
			p, err := w.a.Apprentices.Apply(ctx, w.hr, in)
			if err != nil {
				t.Fatalf("lawful program refused: %v", err)
			}
			if p.Status != apprentice.Diajukan {
				t.Errorf("status %q", p.Status)
			}
		}
		// Only a company may apply; a petugas may not.
		if _, err := w.a.Apprentices.Apply(ctx, w.officer, w.input()); !errors.Is(err, fail.Forbidden) {
			t.Errorf("petugas applied: %v", err)
		}
		if _, err := w.a.Apprentices.Apply(ctx, nil, w.input()); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("nobody applied: %v", err)
		}
	})
}

// TestCapCountsRunning: the 20% cap counts apprentices already running in
// the company's other programs, and the message names the numbers.
func TestCapCountsRunning(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		in := w.input()
		in.Workforce, in.Seats = 20, 4 // cap 4
		p := approved(t, w, in)
		vac, err := w.a.Apprentices.OpenVacancy(ctx, w.hr, p.ID, apprentice.VacancyInput{ClosesOn: w.day(10), Education: "sma"})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			appID := applyAs(t, w, fmt.Sprintf("0813000000%02d", i), fmt.Sprintf("36030112049900%02d", 10+i), vac.ID)
			if _, err := w.a.Apprentices.Take(ctx, w.hr, p.ID, appID, w.day(14)); err != nil {
				t.Fatal(err)
			}
		}
		in.Seats = 2 // 3 running + 2 > 4
		_, err = w.a.Apprentices.Apply(ctx, w.hr, in)
		apptest.WantCode(t, err, "seats", "appr_seats_cap")
		fe, _ := errorOf(err, "seats")
		if fe.Args["running"] != 3 || fe.Args["cap"] != 4 || fe.Args["workforce"] != 20 || fe.Args["seats"] != 2 {
			t.Errorf("cap message args %v", fe.Args)
		}
		in.Seats = 1
		if _, err := w.a.Apprentices.Apply(ctx, w.hr, in); err != nil {
			t.Errorf("3 running + 1 of cap 4 refused: %v", err)
		}
	})
}

// TestDeadlineWorkingDays: the office decides within 3 working days;
// holidays and joint leave days (Nyepi and Idul Fitri 2026) do not count;
// the queue flags an overdue program.
func TestDeadlineWorkingDays(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		for _, c := range []struct{ applied, due string }{
			{"2026-03-02", "2026-03-05"}, // Monday: Tuesday, Wednesday, Thursday
			{"2026-03-05", "2026-03-10"}, // Thursday: over the weekend
			{"2026-03-17", "2026-03-27"}, // Nyepi, Idul Fitri and their joint leave days
			{"2026-04-30", "2026-05-06"}, // 1 May
		} {
			at, _ := time.Parse(time.DateOnly, c.applied)
			w.clk.T = at.Add(3 * time.Hour) // 10.00 WIB
			in := w.input()
			in.Seats, in.StartOn = 1, w.day(30)
			p, err := w.a.Apprentices.Apply(ctx, w.hr, in)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.DecideBy.Format(time.DateOnly); got != c.due {
				t.Errorf("applied %s: decide by %s, want %s", c.applied, got, c.due)
			}
		}
		// On 2026-03-27 the program of 2026-03-17 is due, not overdue; the
		// others are overdue.
		w.clk.T = time.Date(2026, 3, 27, 9, 0, 0, 0, time.UTC)
		q, err := w.a.Apprentices.Queue(ctx, w.officer)
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Waiting) != 4 || q.Overdue != 2 {
			t.Fatalf("queue: %d waiting, %d overdue", len(q.Waiting), q.Overdue)
		}
		if q.Waiting[0].DecideBy.Format(time.DateOnly) != "2026-03-05" || !q.Waiting[0].Overdue {
			t.Errorf("first in queue: %v overdue %v", q.Waiting[0].DecideBy, q.Waiting[0].Overdue)
		}
		if _, err := w.a.Apprentices.Queue(ctx, w.hr); !errors.Is(err, fail.Forbidden) {
			t.Errorf("company saw the queue: %v", err)
		}
	})
}

// TestDecide: an officer approves (public in the log) or rejects with a
// reason; a decision is made once; a pending program is not public.
func TestDecide(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		p, err := w.a.Apprentices.Apply(ctx, w.hr, w.input())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.a.Apprentices.Get(ctx, nil, p.ID); !errors.Is(err, fail.NotFound) {
			t.Errorf("pending program public: %v", err)
		}
		if _, err := w.a.Apprentices.Get(ctx, w.other, p.ID); !errors.Is(err, fail.NotFound) {
			t.Errorf("pending program seen by another company: %v", err)
		}
		if _, err := w.a.Apprentices.Decide(ctx, w.hr, p.ID, yes(), ""); !errors.Is(err, fail.Forbidden) {
			t.Errorf("company decided its own program: %v", err)
		}
		_, err = w.a.Apprentices.Decide(ctx, w.officer, p.ID, no(), "kurang")
		apptest.WantCode(t, err, "reason", "appr_reason")
		_, err = w.a.Apprentices.Decide(ctx, w.officer, p.ID, nil, "")
		apptest.WantCode(t, err, "approve", "required")
		size0 := logSize(t, d)
		r, err := w.a.Apprentices.Decide(ctx, w.officer, p.ID, no(), "Rencana pelatihan tidak menyebut uji kompetensi.")
		if err != nil || r.Status != apprentice.Ditolak {
			t.Fatalf("reject: %v %q", err, r.Status)
		}
		if logSize(t, d) != size0 {
			t.Error("a rejection was logged")
		}
		_, err = w.a.Apprentices.Decide(ctx, w.officer, p.ID, yes(), "")
		apptest.WantCode(t, err, "approve", "appr_decided")

		q := approved(t, w, w.input())
		if q.Status != apprentice.Disetujui || q.DecidedAt.IsZero() {
			t.Fatalf("approved: %+v", q)
		}
		if logSize(t, d) != size0+1 {
			t.Error("approval not logged")
		}
		var kind string
		if err := d.QueryRowContext(ctx, `SELECT kind FROM ledger_records ORDER BY n DESC LIMIT 1`).Scan(&kind); err != nil {
			t.Fatal(err)
		}
		if kind != ledger.ApprenticeshipApproved {
			t.Errorf("last record %q", kind)
		}
		if _, err := w.a.Apprentices.Get(ctx, nil, q.ID); err != nil {
			t.Errorf("approved program not public: %v", err)
		}
	})
}

// TestMagangVacancyNeedsProgram: a magang vacancy without an approved
// program of the same company is refused on contract (the hook in
// vacancy); with one it is published, its allowance below the UMK.
func TestMagangVacancyNeedsProgram(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		vin := vacancy.Input{Title: "Magang operator", KBJI: "8189", Education: "sma", Region: "3603", Openings: 2,
			WageMin: 2_500_000, WageMax: 2_500_000, Contract: vacancy.Magang, ClosesOn: w.day(10),
			Description: "Magang dua belas bulan tanpa rencana pelatihan, kerja shift penuh."}
		_, err := w.a.Vacancies.Create(ctx, w.hr, vin, true)
		apptest.WantCode(t, err, "contract", "magang_needs_program")
		pending, err := w.a.Apprentices.Apply(ctx, w.hr, w.input())
		if err != nil {
			t.Fatal(err)
		}
		vin.ApprenticeshipID = pending.ID
		_, err = w.a.Vacancies.Create(ctx, w.hr, vin, true)
		apptest.WantCode(t, err, "contract", "magang_needs_program")
		p := approved(t, w, w.input())
		vin.ApprenticeshipID = p.ID
		if _, err := w.a.Vacancies.Create(ctx, w.other, vin, true); !apptest.HasCode(err, "contract", "magang_needs_program") {
			t.Errorf("another company's program accepted: %v", err)
		}
		v, err := w.a.Vacancies.Create(ctx, w.hr, vin, true)
		if err != nil {
			t.Fatalf("magang vacancy of an approved program: %v", err)
		}
		// An edit that does not name the program keeps it.
		vin.ApprenticeshipID = 0
		if err := w.a.Vacancies.Update(ctx, w.hr, v.ID, vin); err != nil {
			t.Errorf("edit without the program id: %v", err)
		}
		vs, err := w.a.Vacancies.ProgramVacancies(ctx, p.ID)
		if err != nil || len(vs) != 1 || vs[0].ID != v.ID {
			t.Errorf("program vacancies %v %v", vs, err)
		}
		// Other contracts are untouched, and the UMK still binds them.
		vin.Contract = "pkwt"
		_, err = w.a.Vacancies.Create(ctx, w.hr, vin, true)
		apptest.WantCode(t, err, "wage_min", "wage_below_umk")
	})
}

// TestEndToEnd: approve, open the vacancy, apply, take on, end completed
// and hired, end dropped; the program ends with its counts public and the
// company's outcomes follow the small-cell rule.
func TestEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		in := w.input()
		in.Seats = 2
		p := approved(t, w, in)
		vac, err := w.a.Apprentices.OpenVacancy(ctx, w.hr, p.ID, apprentice.VacancyInput{ClosesOn: w.day(10), Education: "sma"})
		if err != nil {
			t.Fatal(err)
		}
		if vac.Contract != vacancy.Magang || vac.Openings != 2 {
			t.Errorf("vacancy %+v", vac)
		}
		a1 := applyAs(t, w, "081300000001", "3603011204990021", vac.ID)
		a2 := applyAs(t, w, "081300000002", "3603011204990022", vac.ID)
		a3 := applyAs(t, w, "081300000003", "3603011204990023", vac.ID)
		r, err := w.a.Apprentices.Roster(ctx, w.hr, p.ID)
		if err != nil || len(r.Candidates) != 3 {
			t.Fatalf("candidates %v %v", r.Candidates, err)
		}
		if _, err := w.a.Apprentices.Roster(ctx, w.other, p.ID); !errors.Is(err, fail.NotFound) {
			t.Errorf("another company's roster: %v", err)
		}
		if _, err := w.a.Apprentices.Take(ctx, w.other, p.ID, a1, w.day(14)); !errors.Is(err, fail.NotFound) {
			t.Errorf("another company took on: %v", err)
		}
		x1, err := w.a.Apprentices.Take(ctx, w.hr, p.ID, a1, w.day(14))
		if err != nil {
			t.Fatal(err)
		}
		_, err = w.a.Apprentices.Take(ctx, w.hr, p.ID, a1, w.day(14))
		apptest.WantCode(t, err, "application_id", "appr_already")
		x2, err := w.a.Apprentices.Take(ctx, w.hr, p.ID, a2, w.day(14))
		if err != nil {
			t.Fatal(err)
		}
		// Two seats, two taken: the third is refused, counted inside the
		// take-on's transaction.
		_, err = w.a.Apprentices.Take(ctx, w.hr, p.ID, a3, w.day(14))
		apptest.WantCode(t, err, "application_id", "appr_seats_full")
		var st string
		if err := d.QueryRowContext(ctx, `SELECT status FROM applications WHERE id = ?`, a1).Scan(&st); err != nil || st != vacancy.Hired {
			t.Errorf("application after take-on: %q %v", st, err)
		}
		if p, _ = w.a.Apprentices.Get(ctx, nil, p.ID); p.Status != apprentice.Berjalan || p.Running != 2 {
			t.Errorf("program %q running %d", p.Status, p.Running)
		}
		_, err = w.a.Apprentices.End(ctx, w.hr, p.ID, x1.ID, apprentice.EndInput{Outcome: apprentice.Done, Hired: yes()})
		apptest.WantCode(t, err, "certificate", "appr_certificate")
		_, err = w.a.Apprentices.End(ctx, w.hr, p.ID, x1.ID, apprentice.EndInput{Outcome: apprentice.Done, Certificate: "LSP-P1/2026/0117"})
		apptest.WantCode(t, err, "hired", "required")
		e1, err := w.a.Apprentices.End(ctx, w.hr, p.ID, x1.ID, apprentice.EndInput{Outcome: apprentice.Done,
			Certificate: "LSP-P1/2026/0117", Issuer: "LSP P1 PT Magang", Hired: yes()})
		if err != nil || e1.Status != apprentice.Done || !e1.Hired || e1.Certificate != "LSP-P1/2026/0117" {
			t.Fatalf("end: %+v %v", e1, err)
		}
		_, err = w.a.Apprentices.End(ctx, w.hr, p.ID, x1.ID, apprentice.EndInput{Outcome: apprentice.Dropped, Reason: "pindah kota", Hired: no()})
		apptest.WantCode(t, err, "outcome", "appr_ended")
		if p, _ = w.a.Apprentices.Get(ctx, nil, p.ID); p.Status != apprentice.Berjalan {
			t.Errorf("program ended with an apprentice running: %q", p.Status)
		}
		size0 := logSize(t, d)
		if _, err := w.a.Apprentices.End(ctx, w.hr, p.ID, x2.ID, apprentice.EndInput{Outcome: apprentice.Dropped,
			Reason: "Pindah ke luar kota", Hired: no()}); err != nil {
			t.Fatal(err)
		}
		p, _ = w.a.Apprentices.Get(ctx, nil, p.ID)
		if p.Status != apprentice.Selesai || p.Completed != 1 || p.Dropped != 1 || p.Hired != 1 {
			t.Errorf("program after the last end: %q %d/%d/%d", p.Status, p.Completed, p.Dropped, p.Hired)
		}
		if logSize(t, d) != size0+1 {
			t.Error("program end not logged")
		}
		o, err := w.a.Apprentices.EmployerOutcomes(ctx, w.emp.ID)
		if err != nil {
			t.Fatal(err)
		}
		if o.Programs != 1 || o.Completed.Shown() != "<5" || o.Hired.Shown() != "<5" || o.Dropped.Shown() != "<5" || o.Running.Shown() != "–" {
			t.Errorf("outcomes %+v", o)
		}
		// Two taken in all is public (seats minus open seats): the zero
		// running goes too, or it would give the others' sum back.
		if (apprentice.Count{N: 5}).Shown() != "5" {
			t.Error("5 is shown")
		}
		// A finished program takes nobody on.
		_, err = w.a.Apprentices.OpenVacancy(ctx, w.hr, p.ID, apprentice.VacancyInput{ClosesOn: w.day(10), Education: "sma"})
		apptest.WantCode(t, err, "status", "appr_not_approved")
	})
}

// applyAs makes a job seeker and applies to vacancy vid; the application's id.
func applyAs(t *testing.T, w *world, login, nik string, vid int64) int64 {
	t.Helper()
	ctx := context.Background()
	u := user(t, w.a, login, auth.Pencari)
	if _, _, err := w.a.Seekers.Register(ctx, w.a.DB, u.ID, seeker.Input{NIK: nik, Profile: seeker.Profile{
		FullName: "Peserta " + login, DomicileRegion: "3603", Education: "sma"}}); err != nil {
		t.Fatal(err)
	}
	a, err := w.a.Vacancies.Apply(ctx, u, vid, "")
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func logSize(t *testing.T, d *db.DB) int64 {
	t.Helper()
	n, err := ledger.Size(t.Context(), d)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func errorOf(err error, field string) (valid.FieldError, bool) {
	ve, _ := valid.As(err)
	for _, fe := range ve {
		if fe.Field == field {
			return fe, true
		}
	}
	return valid.FieldError{}, false
}

// TestMagangDataset: the statistics count approved programs per regency
// and month, and withhold a count under 5 (the small-cell rule).
func TestMagangDataset(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		build := func() *stats.Dataset {
			sp, ok := stats.SpecByID("magang")
			if !ok {
				t.Fatal("no magang dataset")
			}
			src, err := stats.NewSource(d, "2026-03")
			if err != nil {
				t.Fatal(err)
			}
			ds, err := sp.Build(ctx, src)
			if err != nil {
				t.Fatal(err)
			}
			return ds
		}
		for range 5 {
			in := w.input()
			in.Seats = 1
			approved(t, w, in) // Kab. Tangerang, March 2026
		}
		if _, err := w.a.Apprentices.Apply(ctx, w.hr, w.input()); err != nil { // pending: not counted
			t.Fatal(err)
		}
		ds := build()
		if v, st, ok := ds.Lookup("3603", "2026-03", "program_disetujui"); !ok || v != 5 || st != "" {
			t.Errorf("Kab. Tangerang: %v %q %v", v, st, ok)
		}
		if v, st, ok := ds.Lookup("36", "2026-03", "program_disetujui"); !ok || v != 5 || st != "" {
			t.Errorf("province: %v %q %v", v, st, ok)
		}
		in := w.input()
		in.Seats, in.Region = 1, "3672"
		approved(t, w, in) // one in Kota Cilegon
		if _, st, ok := build().Lookup("3672", "2026-03", "program_disetujui"); !ok || st != stats.StatusWithheld {
			t.Errorf("Kota Cilegon's 1 not withheld: %q", st)
		}
	})
}

// TestCapUsesDeclaredWorkforce: once the company has declared its
// workforce (the figure the disability quota uses too), an application may
// not claim more workers to raise the 20% cap; before any declaration the
// number typed stands.
func TestCapUsesDeclaredWorkforce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		w := newWorld(t, d)
		ctx := t.Context()
		in := w.input() // workforce 100, 10 seats
		if _, err := w.a.Apprentices.Apply(ctx, w.hr, in); err != nil {
			t.Fatalf("no declaration yet: %v", err)
		}
		if _, err := w.a.Employers.DeclareWorkforce(ctx, w.hr, employer.Workforce{Ownership: employer.Ownerships[0], Employees: 30}); err != nil {
			t.Fatal(err)
		}
		var before int
		d.QueryRowContext(ctx, `SELECT count(*) FROM apprenticeships`).Scan(&before)
		_, err := w.a.Apprentices.Apply(ctx, w.hr, in)
		apptest.WantCode(t, err, "workforce", "appr_workforce_record")
		if fe, _ := errorOf(err, "workforce"); fe.Args["recorded"] != 30 {
			t.Errorf("message args %v", fe.Args)
		}
		var after int
		d.QueryRowContext(ctx, `SELECT count(*) FROM apprenticeships`).Scan(&after)
		if after != before {
			t.Errorf("a refused application was stored: %d → %d", before, after)
		}
		in.Workforce, in.Seats = 30, 6 // cap 6 of the declared 30
		if _, err := w.a.Apprentices.Apply(ctx, w.hr, in); err != nil {
			t.Errorf("the declared workforce refused: %v", err)
		}
	})
}
