package vacancy

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// LicenceQueue lists, for a petugas who verifies employers, the vacancies
// whose placement agency licence waits for a check, oldest first. The
// check belongs to employer verification: a licence is a claim about the
// posting company, as its NIB is.
func (s *Store) LicenceQueue(ctx context.Context, u *auth.User, limit int) ([]Vacancy, error) {
	if err := auth.Require(u, auth.VerifyEmployer); err != nil {
		return nil, err
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT `+cols+` FROM vacancies v JOIN employers e ON e.id = v.employer_id
		WHERE v.agency_check = '' AND v.agency_licence_no <> '' AND v.status IN ('draft', 'published')
		ORDER BY v.created_at, v.id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("licence queue: %w", err)
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

// CheckLicence records a petugas's check of vacancy id's agency licence
// against the licensing register: sesuai (valid) or tidak_sesuai, the
// latter with a reason the employer reads. The vacancy page says which.
// The check is audited.
func (s *Store) CheckLicence(ctx context.Context, u *auth.User, id int64, ok bool, reason string) error {
	if err := auth.Require(u, auth.VerifyEmployer); err != nil {
		return err
	}
	v, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	if !v.Agency() {
		return valid.New("agency_licence", "vfacts_no_licence")
	}
	reason = strings.TrimSpace(reason)
	check := AgencyValid
	if !ok {
		check = AgencyInvalid
		if reason == "" {
			return valid.New("reason", "reason_required")
		}
	}
	if utf8.RuneCountInString(reason) > 500 {
		return valid.New("reason", "too_long", "max", 500)
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE vacancies SET agency_check = ?, agency_checked_by = ?, agency_checked_at = ?,
			updated_at = ? WHERE id = ?`, check, u.ID, now, now, id); err != nil {
			return fmt.Errorf("check licence of vacancy %d: %w", id, err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: u.ID, Action: "vacancy.licence_" + check,
			SubjectType: "vacancy", SubjectID: id, Detail: v.AgencyLicence + " " + reason})
	})
	if err != nil {
		return err
	}
	s.Changed()
	return nil
}

// WorkArrangement counts vacancies by who employs: the posting company
// itself (direct), outsourced to work at a user company (alih daya), or
// placed by a licensed agency.
type WorkArrangement struct {
	Arrangement string // "langsung", "alih_daya" or "agen"
	Vacancies   int
	Openings    int
	Hired       int
}

// WorkArrangements counts the vacancies published from since (inclusive)
// to until (exclusive) by arrangement, for the statistics: outsourced work
// is counted apart from direct hiring (issue 15). A vacancy both
// outsourced and posted by an agency counts as outsourced. No user: the
// figures are aggregates of public vacancies.
func WorkArrangements(ctx context.Context, q db.Querier, since, until time.Time) ([]WorkArrangement, error) {
	rows, err := q.QueryContext(ctx, `SELECT CASE WHEN v.worksite_name <> '' THEN 'alih_daya'
			WHEN v.agency_licence_no <> '' THEN 'agen' ELSE 'langsung' END AS arr,
		count(*), COALESCE(SUM(v.openings), 0), COALESCE(SUM(v.hired), 0)
		FROM vacancies v WHERE v.status <> 'draft' AND v.published_at >= ? AND v.published_at < ?
		GROUP BY arr`, since, until)
	if err != nil {
		return nil, fmt.Errorf("work arrangements: %w", err)
	}
	defer rows.Close()
	by := map[string]WorkArrangement{}
	for rows.Next() {
		var w WorkArrangement
		if err := rows.Scan(&w.Arrangement, &w.Vacancies, &w.Openings, &w.Hired); err != nil {
			return nil, err
		}
		by[w.Arrangement] = w
	}
	var out []WorkArrangement
	for _, a := range []string{"langsung", "alih_daya", "agen"} {
		w := by[a]
		w.Arrangement = a
		out = append(out, w)
	}
	return out, rows.Err()
}
