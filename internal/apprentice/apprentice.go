// Package apprentice keeps lawful apprenticeship programs (pemagangan,
// Permenaker 6/2020): a company applies with the terms of its written
// agreement, the labor office approves or rejects within 3 working days,
// an approved program fills its seats through magang vacancies, and each
// apprentice ends completed (certificate) or dropped, hired after or not.
// The terms the regulation sets are checked here once for both doors: at
// most 12 months, theory 10–25% of the time, an allowance, insurance, a
// mentor, a competency standard, a training plan, and at most 20% of the
// company's workforce as apprentices.
package apprentice

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Program states: diajukan → disetujui | ditolak; disetujui → berjalan
// (the first apprentice starts) → selesai (the last one ends).
const (
	Diajukan  = "diajukan"
	Disetujui = "disetujui"
	Ditolak   = "ditolak"
	Berjalan  = "berjalan"
	Selesai   = "selesai"
)

// Apprentice states.
const (
	Running = "berjalan"
	Done    = "selesai"
	Dropped = "berhenti"
)

// The terms Permenaker 6/2020 sets.
const (
	MaxMonths      = 12 // at most one year
	MinTheoryShare = 10 // theory 10–25% of the time
	MaxTheoryShare = 25
	CapPercent     = 20 // apprentices at most 20% of the workforce
	DecideDays     = 3  // the office answers within 3 working days
)

// Cap is the most apprentices a company of workforce workers may have at
// once: 20% rounded down (20% of 12 is 2.4: two, not three).
func Cap(workforce int) int { return workforce * CapPercent / 100 }

// Program is an apprenticeship program with its counts.
type Program struct {
	ID           int64
	EmployerID   int64
	EmployerName string
	Title        string
	Occupation   string // KBJI 2014 code
	Standard     string // the competency standard, named (SKKNI, SKK or the company's own)
	Region       string
	Seats        int
	Months       int
	TheoryShare  int // % of the time
	Allowance    int64
	Insurance    bool
	MentorName   string
	MentorTitle  string
	TrainingPlan string
	StartOn      time.Time
	Workforce    int
	Status       string
	DecideBy     time.Time
	DecidedAt    time.Time
	Reason       string
	CreatedAt    time.Time
	EndedAt      time.Time
	// Counts of its apprentices: taken on in all, still running,
	// completed, dropped, hired after.
	Taken, Running, Completed, Dropped, Hired int
	// Overdue: still waiting after its decision day (set by Queue and Get).
	Overdue bool
}

// OpenSeats is how many seats are still free.
func (p Program) OpenSeats() int {
	if p.Status != Disetujui && p.Status != Berjalan {
		return 0
	}
	return max(0, p.Seats-p.Taken)
}

// Public reports whether anyone may see the program: once approved.
func (p Program) Public() bool {
	return p.Status == Disetujui || p.Status == Berjalan || p.Status == Selesai
}

// Live reports whether the program may open vacancies and take apprentices.
func (p Program) Live() bool { return p.Status == Disetujui || p.Status == Berjalan }

// EndsOn is the last day of an apprenticeship that starts on start.
func (p Program) EndsOn(start time.Time) time.Time { return start.AddDate(0, p.Months, -1) }

// Store keeps apprenticeship programs and apprentices.
type Store struct {
	DB  *db.DB
	Now func() time.Time
	// Employers answers which company a user runs; Vacancies opens a
	// program's magang vacancies and takes applicants on.
	Employers *employer.Store
	Vacancies *vacancy.Store
}

// Input is a program as a company applies for it.
type Input struct {
	Title        string
	Occupation   string
	Standard     string
	Region       string
	Seats        int
	Months       int
	TheoryShare  int
	Allowance    int64
	Insurance    *bool // required: nil is unanswered
	MentorName   string
	MentorTitle  string
	TrainingPlan string
	StartOn      string // YYYY-MM-DD
	Workforce    int
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// validate checks the terms on day today, the office's answer due
// decideBy, with running apprentices of the company now and the workforce
// it declared on record (zero Workforce: none).
func (in *Input) validate(today, decideBy time.Time, running int, declared employer.Workforce) (time.Time, valid.Errors) {
	var errs valid.Errors
	in.Title, in.Standard = clean(in.Title), clean(in.Standard)
	in.MentorName, in.MentorTitle = clean(in.MentorName), clean(in.MentorTitle)
	in.TrainingPlan = strings.TrimSpace(in.TrainingPlan)
	switch n := utf8.RuneCountInString(in.Title); {
	case n < 3:
		errs.Add("title", "appr_title")
	case n > 120:
		errs.Add("title", "too_long", "max", 120)
	}
	if _, ok := ref.OccupationByCode(in.Occupation); !ok {
		errs.Add("occupation", "kbji_invalid")
	}
	switch n := utf8.RuneCountInString(in.Standard); {
	case n < 4:
		errs.Add("standard", "appr_standard")
	case n > 200:
		errs.Add("standard", "too_long", "max", 200)
	}
	if _, ok := ref.RegionByCode(in.Region); !ok {
		errs.Add("region", "region_invalid")
	}
	switch {
	case in.Workforce < 1 || in.Workforce > 1_000_000:
		errs.Add("workforce", "appr_workforce")
	case declared.Declared() && in.Workforce > declared.Employees:
		// The cap rests on the one figure the company declared for all
		// purposes, the disability quota of UU 8/2016 included: a larger
		// number typed here would buy apprentices it does not answer for.
		errs.Add("workforce", "appr_workforce_record", "recorded", declared.Employees,
			"on", wib.Date(declared.DeclaredOn).Format(time.DateOnly))
	}
	switch {
	case in.Seats < 1 || in.Seats > 10_000:
		errs.Add("seats", "appr_seats")
	case in.Workforce >= 1 && running+in.Seats > Cap(in.Workforce):
		errs.Add("seats", "appr_seats_cap", "cap", Cap(in.Workforce), "workforce", in.Workforce,
			"running", running, "seats", in.Seats, "pct", CapPercent)
	}
	if in.Months < 1 || in.Months > MaxMonths {
		errs.Add("months", "appr_months", "max", MaxMonths)
	}
	if in.TheoryShare < MinTheoryShare || in.TheoryShare > MaxTheoryShare {
		errs.Add("theory_share", "appr_theory", "min", MinTheoryShare, "max", MaxTheoryShare)
	}
	if in.Allowance <= 0 || in.Allowance > 1_000_000_000 {
		errs.Add("allowance", "appr_allowance")
	}
	if in.Insurance == nil || !*in.Insurance {
		errs.Add("insurance", "appr_insurance")
	}
	switch {
	case utf8.RuneCountInString(in.MentorName) < 3 || utf8.RuneCountInString(in.MentorTitle) < 2:
		errs.Add("mentor", "appr_mentor")
	case utf8.RuneCountInString(in.MentorName) > 120 || utf8.RuneCountInString(in.MentorTitle) > 120:
		errs.Add("mentor", "too_long", "max", 120)
	}
	switch n := utf8.RuneCountInString(in.TrainingPlan); {
	case n < 30:
		errs.Add("training_plan", "appr_training_plan", "min", 30)
	case n > 5000:
		errs.Add("training_plan", "too_long", "max", 5000)
	}
	start, err := wib.ParseDate(in.StartOn)
	switch {
	case err != nil:
		errs.Add("start_on", "date_invalid")
	case start.Before(decideBy) || start.After(today.AddDate(1, 0, 0)):
		// Nobody may start before the office has answered.
		errs.Add("start_on", "appr_start_on", "date", decideBy.Format(time.DateOnly))
	}
	return start, errs
}

// company returns the company u runs, for action a.
func (s *Store) company(ctx context.Context, u *auth.User) (employer.Employer, error) {
	if err := auth.Require(u, auth.RunApprenticeship); err != nil {
		return employer.Employer{}, err
	}
	return s.Employers.OfOwner(ctx, u.ID)
}

// running counts the apprentices of company empID still in their
// apprenticeship, across its programs: the 20% cap counts them all.
func running(ctx context.Context, q db.Querier, empID int64) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM apprentices a JOIN apprenticeships p ON p.id = a.apprenticeship_id
		WHERE p.employer_id = ? AND a.status = ?`, empID, Running).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("running apprentices of %d: %w", empID, err)
	}
	return n, nil
}

// DecideBy is the day the labor office must decide an application made
// today: DecideDays working days on (holidays and joint leave days do not
// count). The form shows it before the company sends.
func (s *Store) DecideBy() time.Time {
	return ref.AddWorkingDays(wib.Date(s.Now()), DecideDays)
}

// Apply records u's company's application for a program; the office is
// to decide by DecideBy. Only a verified company may apply.
func (s *Store) Apply(ctx context.Context, u *auth.User, in Input) (Program, error) {
	emp, err := s.company(ctx, u)
	if errors.Is(err, employer.ErrNotRegistered) {
		return Program{}, valid.New("employer", "employer_not_verified")
	}
	if err != nil {
		return Program{}, err
	}
	if !emp.MayPublish() {
		return Program{}, valid.New("employer", "employer_not_verified")
	}
	now := s.Now().UTC()
	today := wib.Date(now)
	decideBy := s.DecideBy()
	run, err := running(ctx, s.DB, emp.ID)
	if err != nil {
		return Program{}, err
	}
	start, errs := in.validate(today, decideBy, run, emp.Workforce)
	if err := errs.Err(); err != nil {
		return Program{}, err
	}
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		id, err = db.InsertID(ctx, tx, `INSERT INTO apprenticeships (employer_id, title, occupation, standard, region, seats, months,
			theory_share, allowance, insurance, mentor_name, mentor_title, training_plan, start_on, workforce, status, decide_by,
			applied_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			emp.ID, in.Title, in.Occupation, in.Standard, in.Region, in.Seats, in.Months, in.TheoryShare, in.Allowance, true,
			in.MentorName, in.MentorTitle, in.TrainingPlan, start, in.Workforce, Diajukan, decideBy, u.ID, now)
		if err != nil {
			return fmt.Errorf("insert apprenticeship: %w", err)
		}
		return nil
	})
	if err != nil {
		return Program{}, err
	}
	return s.get(ctx, id)
}

const programCols = `p.id, p.employer_id, e.name, p.title, p.occupation, p.standard, p.region, p.seats, p.months, p.theory_share,
	p.allowance, p.insurance, p.mentor_name, p.mentor_title, p.training_plan, p.start_on, p.workforce, p.status, p.decide_by,
	p.decided_at, p.reason, p.created_at, p.ended_at,
	(SELECT COUNT(*) FROM apprentices a WHERE a.apprenticeship_id = p.id),
	(SELECT COUNT(*) FROM apprentices a WHERE a.apprenticeship_id = p.id AND a.status = 'berjalan'),
	(SELECT COUNT(*) FROM apprentices a WHERE a.apprenticeship_id = p.id AND a.status = 'selesai'),
	(SELECT COUNT(*) FROM apprentices a WHERE a.apprenticeship_id = p.id AND a.status = 'berhenti'),
	(SELECT COUNT(*) FROM apprentices a WHERE a.apprenticeship_id = p.id AND a.status <> 'berjalan' AND a.hired)`

const programFrom = ` FROM apprenticeships p JOIN employers e ON e.id = p.employer_id`

func scanProgram(sc interface{ Scan(...any) error }) (Program, error) {
	var p Program
	var decided, ended sql.NullTime
	err := sc.Scan(&p.ID, &p.EmployerID, &p.EmployerName, &p.Title, &p.Occupation, &p.Standard, &p.Region, &p.Seats, &p.Months,
		&p.TheoryShare, &p.Allowance, &p.Insurance, &p.MentorName, &p.MentorTitle, &p.TrainingPlan, &p.StartOn, &p.Workforce,
		&p.Status, &p.DecideBy, &decided, &p.Reason, &p.CreatedAt, &ended, &p.Taken, &p.Running, &p.Completed, &p.Dropped, &p.Hired)
	p.DecidedAt, p.EndedAt = decided.Time, ended.Time
	return p, err
}

func (s *Store) list(ctx context.Context, where string, args ...any) ([]Program, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+programCols+programFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("apprenticeships: %w", err)
	}
	defer rows.Close()
	today := wib.Date(s.Now())
	var out []Program
	for rows.Next() {
		p, err := scanProgram(rows)
		if err != nil {
			return nil, fmt.Errorf("apprenticeships: %w", err)
		}
		p.Overdue = p.Status == Diajukan && today.After(p.DecideBy)
		out = append(out, p)
	}
	return out, rows.Err()
}

// get returns program id whoever asks (callers decide who may see it).
func (s *Store) get(ctx context.Context, id int64) (Program, error) {
	ps, err := s.list(ctx, `p.id = ?`, id)
	if err != nil {
		return Program{}, err
	}
	if len(ps) == 0 {
		return Program{}, fmt.Errorf("apprenticeship %d: %w", id, db.ErrNotFound)
	}
	return ps[0], nil
}

// Get returns program id as u may see it: anyone sees an approved
// program; a pending or rejected one only its company and the officers
// who decide (to anyone else it is not found).
func (s *Store) Get(ctx context.Context, u *auth.User, id int64) (Program, error) {
	p, err := s.get(ctx, id)
	if err != nil || p.Public() {
		return p, err
	}
	if u != nil && u.Can(auth.DecideApprenticeship) {
		return p, nil
	}
	if u != nil && u.Can(auth.RunApprenticeship) {
		if emp, err := s.Employers.OfOwner(ctx, u.ID); err == nil && emp.ID == p.EmployerID {
			return p, nil
		}
	}
	return Program{}, fmt.Errorf("apprenticeship %d not public: %w", id, db.ErrNotFound)
}

// own returns program id of u's company (another company's is not found).
func (s *Store) own(ctx context.Context, u *auth.User, id int64) (employer.Employer, Program, error) {
	emp, err := s.company(ctx, u)
	if errors.Is(err, employer.ErrNotRegistered) {
		return employer.Employer{}, Program{}, fmt.Errorf("apprenticeship %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return employer.Employer{}, Program{}, err
	}
	p, err := s.get(ctx, id)
	if err == nil && p.EmployerID != emp.ID {
		err = fmt.Errorf("apprenticeship %d of another company: %w", id, db.ErrNotFound)
	}
	return emp, p, err
}

// Mine lists the programs of u's company, newest first; a company not
// yet registered has none.
func (s *Store) Mine(ctx context.Context, u *auth.User) ([]Program, error) {
	emp, err := s.company(ctx, u)
	if errors.Is(err, employer.ErrNotRegistered) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return s.list(ctx, `p.employer_id = ? ORDER BY p.created_at DESC, p.id DESC`, emp.ID)
}

// Open lists the approved programs that still take apprentices, with
// seats open first, for the public page.
func (s *Store) Open(ctx context.Context) ([]Program, error) {
	return s.list(ctx, `p.status IN (?, ?) ORDER BY p.start_on, p.id`, Disetujui, Berjalan)
}
