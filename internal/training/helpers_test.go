package training_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/i18n"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/secret"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/training"
)

type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

// env builds the stores a training test needs over one database. It makes
// the stores directly rather than through app.Services, so these tests do not
// depend on how the application is wired.
type env struct {
	t         *testing.T
	ctx       context.Context
	d         *db.DB
	clk       *clock
	s         *training.Store
	users     *auth.Store
	seekers   *seeker.Store
	employers *employer.Store
	officer   int64
	n         int
	notify    *notify.Store
}

func newEnv(t *testing.T, d *db.DB) *env {
	t.Helper()
	box, err := secret.New(make([]byte, secret.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC)}
	e := &env{t: t, ctx: context.Background(), d: d, clk: clk,
		s:         &training.Store{DB: d, Now: clk.Now, Box: box},
		users:     &auth.Store{DB: d, Passwords: auth.NewPasswords(1024, 1, 1, 4), Now: clk.Now},
		seekers:   &seeker.Store{DB: d, Box: box, Now: clk.Now},
		employers: &employer.Store{DB: d, Now: clk.Now},
	}
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	// Every flow runs with its notices, as it does in the application.
	e.notify = &notify.Store{DB: d, Catalog: cat, Now: clk.Now, Box: box}
	e.s.Notify = e.notify
	e.officer = e.user("Petugas Disnaker", auth.Petugas)
	return e
}

func (e *env) user(name string, roles ...auth.Role) int64 {
	e.t.Helper()
	e.n++
	u, err := e.users.Create(e.ctx, e.d, auth.NewUser{Login: fmt.Sprintf("08129%07d", e.n), Name: name,
		NoPassword: true, Roles: roles})
	if err != nil {
		e.t.Fatalf("user %s: %v", name, err)
	}
	return u.ID
}

// person describes a seeker for newSeeker.
type person struct {
	name      string
	nikRegion string // regency of the NIK
	domicile  string // "" = the NIK's regency
	birth     time.Time
	female    bool
	education string
}

// newSeeker registers a seeker through the seeker store, with a NIK that
// encodes the given region, birth date and sex.
func (e *env) newSeeker(p person) int64 {
	e.t.Helper()
	uid := e.user(p.name, auth.Pencari)
	district := ref.Districts(p.nikRegion)[0].Code
	day := p.birth.Day()
	if p.female {
		day += 40
	}
	nik := fmt.Sprintf("%s%s%02d%02d%02d%04d", p.nikRegion, district[4:6], day, int(p.birth.Month()), p.birth.Year()%100, e.n)
	if p.domicile == "" {
		p.domicile = p.nikRegion
	}
	sk, _, err := e.seekers.Register(e.ctx, e.d, uid, seeker.Input{NIK: nik, Profile: seeker.Profile{FullName: p.name,
		DomicileRegion: p.domicile, Education: p.education}})
	if err != nil {
		e.t.Fatalf("seeker %s: %v", p.name, err)
	}
	if born, err := e.seekers.BirthDate(e.ctx, e.d, sk.ID); err != nil || !born.Equal(p.birth) || sk.BirthYear != p.birth.Year() {
		e.t.Fatalf("seeker %s born %v (%d), want %v: %v", p.name, born, sk.BirthYear, p.birth, err)
	}
	return sk.ID
}

// verifiedEmployer registers an employer and has the officer verify it.
func (e *env) verifiedEmployer(name, region string) int64 {
	e.t.Helper()
	owner := e.user("HRD "+name, auth.Perusahaan)
	e.n++
	emp, err := e.employers.Register(e.ctx, e.d, owner, employer.Input{Name: name, NIB: fmt.Sprintf("91200%08d", e.n),
		KBLISection: "C", SizeClass: employer.Besar, Region: region, Address: "Kawasan Industri Blok A No. 1",
		ContactName: "Rina", ContactPhone: "0813 1234 5678"})
	if err != nil {
		e.t.Fatalf("employer %s: %v", name, err)
	}
	if err := e.employers.Decide(e.ctx, emp.ID, e.officer, true, ""); err != nil {
		e.t.Fatal(err)
	}
	return emp.ID
}

// provider registers a provider and one staff member for it.
func (e *env) provider(kind, name, region string, employerID int64) (training.Provider, int64) {
	e.t.Helper()
	p, err := e.s.CreateProvider(e.ctx, e.officer, training.ProviderInput{Kind: kind, Name: name, Region: region,
		Address: "Jl. Raya Serang–Jakarta Km 5", EmployerID: employerID})
	if err != nil {
		e.t.Fatalf("provider %s: %v", name, err)
	}
	staff := e.user("Staf "+name, auth.Lembaga)
	if err := e.s.AddStaff(e.ctx, e.officer, p.ID, staff); err != nil {
		e.t.Fatalf("staff of %s: %v", name, err)
	}
	return p, staff
}

// program is a valid program input to vary.
func program(title, region string, seats int, priority ...string) training.ProgramInput {
	return training.ProgramInput{Title: title, Description: "Pelatihan berbasis kompetensi SKKNI dengan praktik di bengkel.",
		Skills: []string{"las-smaw"}, Hours: 240, Schedule: "Senin–Jumat 08.00–15.00", Region: region, Seats: seats,
		Priority: priority}
}

func (e *env) mustProgram(staff, providerID int64, in training.ProgramInput) training.Program {
	e.t.Helper()
	p, err := e.s.CreateProgram(e.ctx, staff, providerID, in)
	if err != nil {
		e.t.Fatalf("program %s: %v", in.Title, err)
	}
	return p
}

func (e *env) count(table string) int {
	e.t.Helper()
	var n int
	if err := e.d.QueryRowContext(e.ctx, `SELECT count(*) FROM `+table).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func employerInput(name, nib string) employer.Input {
	return employer.Input{Name: name, NIB: nib, KBLISection: "C", SizeClass: employer.Besar, Region: "3604",
		Address: "Kawasan Industri Modern Cikande Blok B", ContactName: "Budi", ContactPhone: "0813 9999 0000"}
}

// place records a hire as bursa kerja does: a vacancy, the seeker's
// accepted application, and the placement starting on start (YYYY-MM-DD).
func (e *env) place(seekerID, employerID int64, start string, wage int64) {
	e.t.Helper()
	vid, err := db.InsertID(e.ctx, e.d, `INSERT INTO vacancies (employer_id, title, kbji, education, region, openings,
		wage_min, wage_max, contract, closes_on, description, status, created_at, updated_at)
		VALUES (?, 'Juru Las', '7212', 'smk', '3672', 5, ?, ?, 'pkwt', ?, 'Juru las untuk fabrikasi baja.', 'filled', ?, ?)`,
		employerID, wage, wage, date(start), e.clk.t, e.clk.t)
	if err != nil {
		e.t.Fatal(err)
	}
	aid, err := db.InsertID(e.ctx, e.d, `INSERT INTO applications (vacancy_id, seeker_id, status, created_at, updated_at)
		VALUES (?, ?, 'diterima', ?, ?)`, vid, seekerID, e.clk.t, e.clk.t)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.d.ExecContext(e.ctx, `INSERT INTO placements (application_id, vacancy_id, seeker_id, employer_id,
		start_date, wage, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, aid, vid, seekerID, employerID, date(start), wage, e.clk.t); err != nil {
		e.t.Fatal(err)
	}
}
