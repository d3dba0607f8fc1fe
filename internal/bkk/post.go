package bkk

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/notify"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// PostInput is a vacancy a BKK posts for a partner company.
type PostInput struct {
	PartnerID int64 // the verified employer the vacancy belongs to
	// GraduatesOnly lets only this school's verified graduates apply.
	GraduatesOnly bool
	Vacancy       vacancy.Input
}

// Post publishes a vacancy of a verified partner company through school
// npsn's BKK. The vacancy is the company's own, with every rule of a
// vacancy (screening, the public log); the school is recorded beside it
// ("via BKK"), in the same transaction.
func (s *Store) Post(ctx context.Context, u *auth.User, npsn string, in PostInput) (vacancy.Vacancy, error) {
	sc, err := s.staffSchool(ctx, u, npsn)
	if err != nil {
		return vacancy.Vacancy{}, err
	}
	if in.PartnerID <= 0 {
		return vacancy.Vacancy{}, valid.New("partner_id", "required")
	}
	emp, err := s.Employers.Get(ctx, in.PartnerID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !emp.MayPublish()) {
		// An unverified company posts nothing, through a school or not.
		return vacancy.Vacancy{}, valid.New("partner_id", "partner_not_verified")
	}
	if err != nil {
		return vacancy.Vacancy{}, err
	}
	now := s.Now().UTC()
	return s.Vacancies.CreateFor(ctx, emp, in.Vacancy, true, func(ctx context.Context, tx *db.Tx, id int64) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO bkk_vacancies (vacancy_id, school_id, graduates_only, posted_by, created_at)
			VALUES (?, ?, ?, ?, ?)`, id, sc.ID, in.GraduatesOnly, u.ID, now); err != nil {
			return fmt.Errorf("bkk vacancy: %w", err)
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "bkk.vacancy.post", SubjectType: "vacancy",
			SubjectID: id, Detail: "school " + sc.NPSN + " for employer " + strconv.FormatInt(emp.ID, 10)}); err != nil {
			return err
		}
		// The vacancy speaks in the company's name, so the company hears
		// of it at once and can close it from its own list if it never
		// agreed (a school's staff cannot make a company hire).
		if s.Notify == nil {
			return nil
		}
		_, err := s.Notify.Send(ctx, tx, notify.Notice{To: emp.OwnerID, Kind: notify.Applicants,
			Title: "bkk.notice.posted.title", Body: "bkk.notice.posted.body", Args: []any{"school", sc.Name, "vacancy", in.Vacancy.Title},
			URL: fmt.Sprintf("/perusahaan/lowongan/%d", id), Dedupe: fmt.Sprintf("bkk-posted:%d", id)})
		return err
	})
}

// Via is the school a vacancy was posted through.
type Via struct {
	NPSN          string
	SchoolName    string
	GraduatesOnly bool
}

// VacancyVia says which school's BKK posted vacancy id; ok false for a
// vacancy posted by its company.
func (s *Store) VacancyVia(ctx context.Context, vacancyID int64) (Via, bool, error) {
	var v Via
	err := s.DB.QueryRowContext(ctx, `SELECT sc.npsn, sc.name, bv.graduates_only FROM bkk_vacancies bv
		JOIN schools sc ON sc.id = bv.school_id WHERE bv.vacancy_id = ?`, vacancyID).Scan(&v.NPSN, &v.SchoolName, &v.GraduatesOnly)
	if errors.Is(err, sql.ErrNoRows) {
		return Via{}, false, nil
	}
	if err != nil {
		return Via{}, false, fmt.Errorf("vacancy %d via bkk: %w", vacancyID, err)
	}
	return v, true, nil
}

// ApplyCheck is vacancy.Store.ApplyCheck: a vacancy only for a school's
// graduates takes applications only from seekers that school verified.
func (s *Store) ApplyCheck(ctx context.Context, vacancyID, seekerID int64) error {
	v, ok, err := s.VacancyVia(ctx, vacancyID)
	if err != nil || !ok || !v.GraduatesOnly {
		return err
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM graduates g JOIN bkk_vacancies bv ON bv.school_id = g.school_id
		WHERE bv.vacancy_id = ? AND g.seeker_id = ? AND g.status = ?`, vacancyID, seekerID, Verified).Scan(&n); err != nil {
		return fmt.Errorf("apply check: %w", err)
	}
	if n == 0 {
		return valid.New("vacancy", "bkk_graduates_only", "school", v.SchoolName)
	}
	return nil
}

// PostedVacancy is a vacancy a school's BKK posted.
type PostedVacancy struct {
	ID            int64
	Title         string
	EmployerName  string
	Status        string
	GraduatesOnly bool
	ClosesOn      time.Time
}

// Posted lists the vacancies school npsn's BKK posted, newest first; only
// those published or past publication are public, so the list is.
func (s *Store) Posted(ctx context.Context, npsn string) ([]PostedVacancy, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT v.id, v.title, e.name, v.status, bv.graduates_only, v.closes_on
		FROM bkk_vacancies bv JOIN schools sc ON sc.id = bv.school_id JOIN vacancies v ON v.id = bv.vacancy_id
		JOIN employers e ON e.id = v.employer_id
		WHERE sc.npsn = ? AND v.status IN ('published', 'closed', 'filled') ORDER BY v.id DESC LIMIT 100`, npsn)
	if err != nil {
		return nil, fmt.Errorf("vacancies of %s: %w", npsn, err)
	}
	defer rows.Close()
	var out []PostedVacancy
	for rows.Next() {
		var p PostedVacancy
		if err := rows.Scan(&p.ID, &p.Title, &p.EmployerName, &p.Status, &p.GraduatesOnly, &p.ClosesOn); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
