package apprentice

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// VacancyInput is what the company adds to a program's terms to open its
// magang vacancy: the last day to apply and the least education.
type VacancyInput struct {
	ClosesOn  string
	Education string
}

// OpenVacancy opens and publishes a magang vacancy for approved program
// id of u's company, so seekers apply the normal way. The vacancy takes
// the program's title, occupation, region, allowance (as its wage) and
// training plan (as its description); its openings are the open seats.
func (s *Store) OpenVacancy(ctx context.Context, u *auth.User, id int64, in VacancyInput) (vacancy.Vacancy, error) {
	_, p, err := s.own(ctx, u, id)
	if err != nil {
		return vacancy.Vacancy{}, err
	}
	if !p.Live() {
		return vacancy.Vacancy{}, valid.New("status", "appr_not_approved")
	}
	if p.OpenSeats() < 1 {
		return vacancy.Vacancy{}, valid.New("status", "appr_seats_full")
	}
	return s.Vacancies.Create(ctx, u, vacancy.Input{Title: p.Title, KBJI: p.Occupation, Education: in.Education, Region: p.Region,
		Openings: p.OpenSeats(), WageMin: p.Allowance, WageMax: p.Allowance, Contract: vacancy.Magang, ClosesOn: in.ClosesOn,
		Description: p.TrainingPlan, ApprenticeshipID: p.ID}, true)
}

// Candidate is an applicant to one of a program's vacancies who may be
// taken on as its apprentice.
type Candidate struct {
	ApplicationID int64
	Name          string
	Status        string
	VacancyID     int64
	VacancyTitle  string
	AppliedAt     time.Time
}

// Apprentice is one apprentice of a program, as the company sees it.
type Apprentice struct {
	ID            int64
	ProgramID     int64
	SeekerID      int64
	ApplicationID int64
	Name          string
	StartOn       time.Time
	Status        string
	Certificate   string
	Issuer        string
	Reason        string
	Hired         bool
	EndedOn       time.Time
}

// EndsOn is the last day of the apprentice's term in program p.
func (a Apprentice) EndsOn(p Program) time.Time { return p.EndsOn(a.StartOn) }

// Roster is a program with its apprentices and its candidates, for the
// company that runs it.
type Roster struct {
	Program     Program
	Apprentices []Apprentice
	Candidates  []Candidate
	Vacancies   []vacancy.Vacancy
	// Cap and RunningAll: the 20% cap of the declared workforce and the
	// company's apprentices running across all its programs.
	Cap, RunningAll int
}

// Roster returns program id of u's company with its apprentices, its
// applicants who may be taken on, and its vacancies.
func (s *Store) Roster(ctx context.Context, u *auth.User, id int64) (Roster, error) {
	emp, p, err := s.own(ctx, u, id)
	if err != nil {
		return Roster{}, err
	}
	r := Roster{Program: p, Cap: Cap(p.Workforce)}
	if r.RunningAll, err = running(ctx, s.DB, emp.ID); err != nil {
		return Roster{}, err
	}
	if r.Apprentices, err = s.apprentices(ctx, id); err != nil {
		return Roster{}, err
	}
	if r.Vacancies, err = s.Vacancies.ProgramVacancies(ctx, id); err != nil {
		return Roster{}, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT a.id, s.full_name, a.status, v.id, v.title, a.created_at
		FROM applications a JOIN vacancies v ON v.id = a.vacancy_id JOIN seekers s ON s.id = a.seeker_id
		WHERE v.apprenticeship_id = ? AND a.status NOT IN (?, ?)
		AND NOT EXISTS (SELECT 1 FROM apprentices x WHERE x.application_id = a.id)
		ORDER BY a.created_at, a.id`, id, vacancy.Rejected, vacancy.Withdrawn)
	if err != nil {
		return Roster{}, fmt.Errorf("program %d candidates: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ApplicationID, &c.Name, &c.Status, &c.VacancyID, &c.VacancyTitle, &c.AppliedAt); err != nil {
			return Roster{}, err
		}
		r.Candidates = append(r.Candidates, c)
	}
	return r, rows.Err()
}

func (s *Store) apprentices(ctx context.Context, programID int64) ([]Apprentice, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT a.id, a.apprenticeship_id, a.seeker_id, COALESCE(a.application_id, 0), s.full_name,
		a.start_on, a.status, a.certificate, a.issuer, a.reason, a.hired, a.ended_on
		FROM apprentices a JOIN seekers s ON s.id = a.seeker_id WHERE a.apprenticeship_id = ? ORDER BY a.start_on, a.id`, programID)
	if err != nil {
		return nil, fmt.Errorf("program %d apprentices: %w", programID, err)
	}
	defer rows.Close()
	var out []Apprentice
	for rows.Next() {
		a, err := scanApprentice(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

func scanApprentice(sc interface{ Scan(...any) error }) (Apprentice, error) {
	var a Apprentice
	var hired *bool
	var ended *time.Time
	err := sc.Scan(&a.ID, &a.ProgramID, &a.SeekerID, &a.ApplicationID, &a.Name, &a.StartOn, &a.Status, &a.Certificate,
		&a.Issuer, &a.Reason, &hired, &ended)
	if hired != nil {
		a.Hired = *hired
	}
	if ended != nil {
		a.EndedOn = *ended
	}
	return a, err
}

// Take takes applicant appID on as an apprentice of program id of u's
// company, from startOn: the application becomes "diterima" (no
// placement: an apprenticeship is not employment) and the program
// "berjalan". The program's seats and the company's 20% cap are checked
// again, since apprentices of other programs may have started meanwhile.
func (s *Store) Take(ctx context.Context, u *auth.User, id, appID int64, startOn string) (Apprentice, error) {
	emp, p, err := s.own(ctx, u, id)
	if err != nil {
		return Apprentice{}, err
	}
	var errs valid.Errors
	today := wib.Date(s.Now())
	start, perr := wib.ParseDate(startOn)
	switch {
	case !p.Live():
		errs.Add("application_id", "appr_not_approved")
	case appID <= 0:
		errs.Add("application_id", "choose_one")
	}
	switch {
	case perr != nil:
		errs.Add("start_on", "date_invalid")
	case start.Before(today.AddDate(0, 0, -30)) || start.After(today.AddDate(0, 6, 0)):
		errs.Add("start_on", "start_date_range")
	}
	if err := errs.Err(); err != nil {
		return Apprentice{}, err
	}
	now := s.Now().UTC()
	var aid int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		// Two take-ons at once must not both fit the last seat or the
		// cap: the company's row is locked first (a write, so SQLite's
		// single writer orders them too), then seats and cap are counted
		// again inside the transaction.
		if _, err := tx.ExecContext(ctx, `UPDATE employers SET id = id WHERE id = ?`, emp.ID); err != nil {
			return fmt.Errorf("lock employer %d: %w", emp.ID, err)
		}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM apprentices WHERE apprenticeship_id = ?`, p.ID).Scan(&taken); err != nil {
			return fmt.Errorf("program %d seats: %w", p.ID, err)
		}
		if taken >= p.Seats {
			return valid.New("application_id", "appr_seats_full")
		}
		run, err := running(ctx, tx, emp.ID)
		if err != nil {
			return err
		}
		if run+1 > Cap(p.Workforce) {
			return valid.New("application_id", "appr_seats_cap", "cap", Cap(p.Workforce), "workforce", p.Workforce,
				"running", run, "seats", 1, "pct", CapPercent)
		}
		a, err := s.Vacancies.TakeApprentice(ctx, tx, u, p.ID, appID, now)
		if err != nil {
			return err
		}
		aid, err = db.InsertID(ctx, tx, `INSERT INTO apprentices (apprenticeship_id, seeker_id, application_id, start_on, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, p.ID, a.SeekerID, appID, start, Running, now)
		if db.IsUniqueViolation(err) {
			return valid.New("application_id", "appr_already")
		}
		if err != nil {
			return fmt.Errorf("insert apprentice: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE apprenticeships SET status = ? WHERE id = ? AND status = ?`, Berjalan, p.ID, Disetujui)
		return err
	})
	if err != nil {
		return Apprentice{}, err
	}
	s.Vacancies.Changed()
	return s.apprentice(ctx, p.ID, aid)
}

func (s *Store) apprentice(ctx context.Context, programID, aid int64) (Apprentice, error) {
	a, err := scanApprentice(s.DB.QueryRowContext(ctx, `SELECT a.id, a.apprenticeship_id, a.seeker_id, COALESCE(a.application_id, 0),
		s.full_name, a.start_on, a.status, a.certificate, a.issuer, a.reason, a.hired, a.ended_on
		FROM apprentices a JOIN seekers s ON s.id = a.seeker_id WHERE a.id = ? AND a.apprenticeship_id = ?`, aid, programID))
	if err != nil {
		return Apprentice{}, fmt.Errorf("apprentice %d of %d: %w", aid, programID, notFound(err))
	}
	return a, nil
}
