package vacancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Magang is the apprenticeship contract. Since issue 16 a magang vacancy
// must name an approved apprenticeship program of its own company
// (Input.ApprenticeshipID): without one it is a job under another name
// (no approved training plan, no allowance, no limit of a year), which
// Permenaker 6/2020 forbids. The program lives in internal/apprentice,
// which imports this package; this side only reads the program's row, so
// the import runs one way.
const Magang = "magang"

// programLive are the program states that may take apprentices.
var programLive = []string{"disetujui", "berjalan"}

// magangRule checks the contract of in for company emp: a magang vacancy
// must name an approved program of emp (kept from the vacancy's row on an
// edit that does not name it, vacancyID > 0). For such a vacancy the UMK
// floor errors are dropped: an apprentice is paid an allowance (uang
// saku), not a wage, and the labor office checked the allowance when it
// approved the program. Any other contract names no program.
func (s *Store) magangRule(ctx context.Context, emp employer.Employer, in *Input, vacancyID int64, errs valid.Errors) (valid.Errors, error) {
	if in.Contract != Magang {
		in.ApprenticeshipID = 0
		return errs, nil
	}
	if in.ApprenticeshipID == 0 && vacancyID > 0 {
		var kept sql.NullInt64
		if err := s.DB.QueryRowContext(ctx, `SELECT apprenticeship_id FROM vacancies WHERE id = ?`, vacancyID).Scan(&kept); err != nil {
			return errs, fmt.Errorf("vacancy %d program: %w", vacancyID, err)
		}
		in.ApprenticeshipID = kept.Int64
	}
	var status string
	if in.ApprenticeshipID > 0 {
		err := s.DB.QueryRowContext(ctx, `SELECT status FROM apprenticeships WHERE id = ? AND employer_id = ?`,
			in.ApprenticeshipID, emp.ID).Scan(&status)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return errs, fmt.Errorf("apprenticeship %d: %w", in.ApprenticeshipID, err)
		}
	}
	if !slices.Contains(programLive, status) {
		if !errs.Has("contract") {
			errs.Add("contract", "magang_needs_program")
		}
		return errs, nil
	}
	out := errs[:0:0]
	for _, fe := range errs {
		if fe.Field == "wage_min" && (fe.Code == "wage_below_umk" || fe.Code == "vfacts_below_floor_day" ||
			fe.Code == "vfacts_below_floor_hour" || fe.Code == "vfacts_below_floor_piece") {
			continue
		}
		out = append(out, fe)
	}
	return out, nil
}

// setProgram writes the program a vacancy fills (0: none).
func setProgram(ctx context.Context, q db.Querier, vacancyID, programID int64) error {
	var p any
	if programID > 0 {
		p = programID
	}
	if _, err := q.ExecContext(ctx, `UPDATE vacancies SET apprenticeship_id = ? WHERE id = ?`, p, vacancyID); err != nil {
		return fmt.Errorf("vacancy %d program: %w", vacancyID, err)
	}
	return nil
}

// ProgramVacancies lists the vacancies that fill apprenticeship program
// programID, newest first (for its public page: where to apply).
func (s *Store) ProgramVacancies(ctx context.Context, programID int64) ([]Vacancy, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.apprenticeship_id = ? ORDER BY v.created_at DESC, v.id DESC`, programID)
	if err != nil {
		return nil, fmt.Errorf("program %d vacancies: %w", programID, err)
	}
	defer rows.Close()
	var out []Vacancy
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// TakeApprentice moves application appID, on a vacancy of u's company that
// fills program programID, to "diterima" inside tx, and returns it. It is
// the apprenticeship store's one step into applications: an apprentice is
// taken on, not hired (Permenaker 6/2020: an apprenticeship is no
// employment), so no placement is reported and no wage is checked. An
// application already "diterima" is returned as it is.
func (s *Store) TakeApprentice(ctx context.Context, tx *db.Tx, u *auth.User, programID, appID int64, now time.Time) (Application, error) {
	_, a, _, err := s.managedApplication(ctx, u, appID)
	if err != nil {
		return Application{}, err
	}
	var linked sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT apprenticeship_id FROM vacancies WHERE id = ?`, a.VacancyID).Scan(&linked); err != nil {
		return Application{}, fmt.Errorf("vacancy %d program: %w", a.VacancyID, err)
	}
	if linked.Int64 != programID {
		return Application{}, valid.New("application_id", "appr_application_other")
	}
	if a.Status == Hired {
		return a, nil
	}
	if Final(a.Status) {
		return Application{}, valid.New("application_id", "status_change_invalid")
	}
	if err := s.moveTx(ctx, tx, u.ID, appID, a.Status, Hired, "", now); err != nil {
		return Application{}, err
	}
	a.Status = Hired
	return a, nil
}
