package bkk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Graduate statuses.
const (
	Pending  = "menunggu"
	Verified = "terverifikasi"
	Rejected = "ditolak"
)

// GraduateStatuses are a declaration's statuses, as a filter names them.
var GraduateStatuses = []string{Pending, Verified, Rejected}

// Graduate is a job seeker's declared SMK, program and graduation.
type Graduate struct {
	ID         int64
	SeekerID   int64
	SchoolID   int64
	NPSN       string
	SchoolName string
	Program    string
	Year       int
	Month      int
	Status     string
	Reason     string
	// Name is the seeker's name, for the school's staff.
	Name      string
	CreatedAt time.Time
	DecidedAt time.Time
}

// Graduated is the first day of the graduation month, WIB midnight as UTC
// (how DATE columns read back).
func (g Graduate) Graduated() time.Time {
	return time.Date(g.Year, time.Month(g.Month), 1, 0, 0, 0, 0, time.UTC)
}

// GraduationInput is what a seeker declares.
type GraduationInput struct {
	NPSN    string
	Program string
	Year    int
	Month   int
}

// seekerOf is u's seeker id; ErrNoProfile as a field error.
func (s *Store) seekerOf(ctx context.Context, u *auth.User) (int64, error) {
	if err := auth.Require(u, auth.DeclareGraduate); err != nil {
		return 0, err
	}
	var id int64
	err := s.DB.QueryRowContext(ctx, `SELECT id FROM seekers WHERE user_id = ?`, u.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, valid.New("ak1", "ak1_required")
	}
	if err != nil {
		return 0, fmt.Errorf("seeker of user %d: %w", u.ID, err)
	}
	return id, nil
}

// Declare records u's SMK, program and graduation month. A changed
// declaration, or a rejected one saved again, waits for the school's
// verification again; the same one otherwise changes nothing.
func (s *Store) Declare(ctx context.Context, u *auth.User, in GraduationInput) (Graduate, error) {
	seekerID, err := s.seekerOf(ctx, u)
	if err != nil {
		return Graduate{}, err
	}
	var errs valid.Errors
	in.NPSN = strings.TrimSpace(in.NPSN)
	var sc School
	if !ValidNPSN(in.NPSN) {
		errs.Add("npsn", "bkk_npsn_invalid")
	} else if sc, err = s.School(ctx, in.NPSN); errors.Is(err, db.ErrNotFound) {
		errs.Add("npsn", "bkk_school_unknown")
	} else if err != nil {
		return Graduate{}, err
	}
	in.Program = strings.Join(strings.Fields(in.Program), " ")
	if sc.ID != 0 {
		found := false
		for _, p := range sc.Programs {
			if strings.EqualFold(p, in.Program) {
				in.Program, found = p, true
			}
		}
		if !found {
			errs.Add("program", "bkk_program_unknown")
		}
	} else if in.Program == "" || utf8.RuneCountInString(in.Program) > 100 {
		errs.Add("program", "required")
	}
	now := s.Now().UTC()
	thisYear := wib.Date(now).Year()
	if in.Year < 1980 || in.Year > thisYear {
		errs.Add("year", "bkk_year_invalid", "max", thisYear)
	}
	if in.Month < 1 || in.Month > 12 {
		errs.Add("month", "bkk_month_invalid")
	} else if in.Year == thisYear && in.Month > int(wib.Date(now).Month()) {
		errs.Add("month", "bkk_graduation_future")
	}
	if err := errs.Err(); err != nil {
		return Graduate{}, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var id, school int64
		var program, status string
		var year, month int
		err := tx.QueryRowContext(ctx, `SELECT id, school_id, program, grad_year, grad_month, status FROM graduates WHERE seeker_id = ?`,
			seekerID).Scan(&id, &school, &program, &year, &month, &status)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO graduates (seeker_id, school_id, program, grad_year, grad_month, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, seekerID, sc.ID, in.Program, in.Year, in.Month, Pending, now, now)
		case err != nil:
		case school == sc.ID && program == in.Program && year == in.Year && month == in.Month && status != Rejected:
			// The same declaration, waiting or verified: nothing changes. A
			// rejected one saved again asks the school to look again.
			return nil
		default:
			// Another school's verification, or another program's, says
			// nothing about this one; old tracer answers go with it.
			if _, err := tx.ExecContext(ctx, `DELETE FROM tracer_answers WHERE graduate_id = ?`, id); err != nil {
				return fmt.Errorf("declare: %w", err)
			}
			_, err = tx.ExecContext(ctx, `UPDATE graduates SET school_id = ?, program = ?, grad_year = ?, grad_month = ?, status = ?,
				reason = '', decided_by = NULL, decided_at = NULL, updated_at = ? WHERE id = ?`,
				sc.ID, in.Program, in.Year, in.Month, Pending, now, id)
		}
		if err != nil {
			return fmt.Errorf("declare graduation: %w", err)
		}
		return nil
	})
	if err != nil {
		return Graduate{}, err
	}
	return s.MyGraduation(ctx, u)
}

const graduateCols = `g.id, g.seeker_id, g.school_id, sc.npsn, sc.name, g.program, g.grad_year, g.grad_month, g.status, g.reason,
	sk.full_name, g.created_at, g.decided_at`

func scanGraduate(r interface{ Scan(...any) error }) (Graduate, error) {
	var g Graduate
	var decided sql.NullTime
	err := r.Scan(&g.ID, &g.SeekerID, &g.SchoolID, &g.NPSN, &g.SchoolName, &g.Program, &g.Year, &g.Month, &g.Status, &g.Reason,
		&g.Name, &g.CreatedAt, &decided)
	g.DecidedAt = decided.Time
	return g, err
}

const graduateFrom = ` FROM graduates g JOIN schools sc ON sc.id = g.school_id JOIN seekers sk ON sk.id = g.seeker_id `

// ErrNoGraduation is a seeker who has declared no SMK.
var ErrNoGraduation = fmt.Errorf("bkk: no graduation declared: %w", db.ErrNotFound)

// MyGraduation is u's own declaration; ErrNoGraduation when none.
func (s *Store) MyGraduation(ctx context.Context, u *auth.User) (Graduate, error) {
	seekerID, err := s.seekerOf(ctx, u)
	if err != nil {
		return Graduate{}, err
	}
	g, err := scanGraduate(s.DB.QueryRowContext(ctx, `SELECT `+graduateCols+graduateFrom+`WHERE g.seeker_id = ?`, seekerID))
	if errors.Is(err, sql.ErrNoRows) {
		return Graduate{}, ErrNoGraduation
	}
	if err != nil {
		return Graduate{}, fmt.Errorf("graduation of seeker %d: %w", seekerID, err)
	}
	return g, nil
}

// Graduates lists school npsn's graduates for its BKK staff, waiting ones
// first, then by name. status "" lists all.
func (s *Store) Graduates(ctx context.Context, u *auth.User, npsn, status string) ([]Graduate, error) {
	if status != "" && !slices.Contains(GraduateStatuses, status) {
		return nil, valid.New("status", "choose_one")
	}
	sc, err := s.staffSchool(ctx, u, npsn)
	if err != nil {
		return nil, err
	}
	where, args := `WHERE g.school_id = ?`, []any{sc.ID}
	if status != "" {
		where += ` AND g.status = ?`
		args = append(args, status)
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT `+graduateCols+graduateFrom+where+`
		ORDER BY CASE g.status WHEN 'menunggu' THEN 0 ELSE 1 END, sk.full_name, g.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("graduates of %s: %w", npsn, err)
	}
	defer rows.Close()
	var out []Graduate
	for rows.Next() {
		g, err := scanGraduate(rows)
		if err != nil {
			return nil, fmt.Errorf("graduates of %s: %w", npsn, err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Decide verifies (*verified true) or rejects a graduate's declaration,
// by school npsn's BKK staff. The answer must be given: a missing one
// verifies nobody, since a verified graduate may apply to graduates-only
// vacancies. A rejection needs a reason the seeker reads. Another
// school's graduate is not found.
func (s *Store) Decide(ctx context.Context, u *auth.User, npsn string, graduateID int64, verified *bool, reason string) (Graduate, error) {
	sc, err := s.staffSchool(ctx, u, npsn)
	if err != nil {
		return Graduate{}, err
	}
	if verified == nil {
		return Graduate{}, valid.New("verified", "required")
	}
	ok := *verified
	reason = strings.TrimSpace(reason)
	if !ok && reason == "" {
		return Graduate{}, valid.New("reason", "required")
	}
	if utf8.RuneCountInString(reason) > 500 {
		return Graduate{}, valid.New("reason", "too_long", "max", 500)
	}
	status := Verified
	if !ok {
		status = Rejected
	}
	now := s.Now().UTC()
	var g Graduate
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		g, err = scanGraduate(tx.QueryRowContext(ctx, `SELECT `+graduateCols+graduateFrom+`WHERE g.id = ? AND g.school_id = ?`,
			graduateID, sc.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("graduate %d: %w", graduateID, db.ErrNotFound)
		}
		if err != nil {
			return fmt.Errorf("graduate %d: %w", graduateID, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE graduates SET status = ?, reason = ?, decided_by = ?, decided_at = ?, updated_at = ?
			WHERE id = ?`, status, reason, u.ID, now, now, graduateID); err != nil {
			return fmt.Errorf("decide graduate %d: %w", graduateID, err)
		}
		g.Status, g.Reason, g.DecidedAt = status, reason, now
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "bkk.graduate." + status,
			SubjectType: "seeker", SubjectID: g.SeekerID, Detail: "school " + sc.NPSN + ", graduate " + strconv.FormatInt(graduateID, 10)})
	})
	return g, err
}

// GraduateApplication is one application of a verified graduate, as the
// school's BKK sees it: the status only, and the phone number only when
// the seeker shared it with that application's company.
type GraduateApplication struct {
	ApplicationID int64
	GraduateID    int64
	Name          string
	Program       string
	VacancyID     int64
	VacancyTitle  string
	EmployerName  string
	Status        string
	UpdatedAt     time.Time
	Phone         string // "" unless shared for this application
	ViaBKK        bool   // the vacancy was posted by this school's BKK
}

// Applications lists the applications of school npsn's verified
// graduates, newest change first (at most 500).
func (s *Store) Applications(ctx context.Context, u *auth.User, npsn string) ([]GraduateApplication, error) {
	sc, err := s.staffSchool(ctx, u, npsn)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT a.id, g.id, sk.full_name, g.program, v.id, v.title, e.name, a.status, a.updated_at,
			CASE WHEN cs.phone THEN COALESCE(us.phone, '') ELSE '' END,
			CASE WHEN bv.school_id = g.school_id THEN 1 ELSE 0 END
		FROM graduates g JOIN seekers sk ON sk.id = g.seeker_id JOIN users us ON us.id = sk.user_id
		JOIN applications a ON a.seeker_id = g.seeker_id JOIN vacancies v ON v.id = a.vacancy_id
		JOIN employers e ON e.id = v.employer_id
		LEFT JOIN application_contact_shares cs ON cs.application_id = a.id
		LEFT JOIN bkk_vacancies bv ON bv.vacancy_id = v.id
		WHERE g.school_id = ? AND g.status = ? ORDER BY a.updated_at DESC, a.id DESC LIMIT 500`, sc.ID, Verified)
	if err != nil {
		return nil, fmt.Errorf("applications of %s's graduates: %w", npsn, err)
	}
	defer rows.Close()
	var out []GraduateApplication
	for rows.Next() {
		var a GraduateApplication
		var via int
		if err := rows.Scan(&a.ApplicationID, &a.GraduateID, &a.Name, &a.Program, &a.VacancyID, &a.VacancyTitle, &a.EmployerName,
			&a.Status, &a.UpdatedAt, &a.Phone, &via); err != nil {
			return nil, fmt.Errorf("applications of %s's graduates: %w", npsn, err)
		}
		a.ViaBKK = via == 1
		out = append(out, a)
	}
	return out, rows.Err()
}
