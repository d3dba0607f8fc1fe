package vacancy

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/seeker"
)

// Applicant is what an employer sees of an applicant: what it needs to
// decide, never the NIK.
type Applicant struct {
	ApplicationID int64
	SeekerID      int64
	Name          string
	// Age is the age the applicant reaches this year (seeker.AgeInYear),
	// from the birth year alone: the employer needs no more for an age
	// requirement, and an exact age would give the birthday away.
	Age          int
	Female       bool
	Domicile     string
	Education    string
	Skills       []string
	Experience   string
	Certificates string
	ExpectedWage int64
	Status       string
	StatusReason string
	// Next are the statuses the employer may move it to (NextStages).
	Next      []string
	Note      string
	AppliedAt time.Time
}

// Applicants returns vacancy id with its applicants to the company that
// posted it. Reading changes nothing: a GET may come from a link preview or
// a browser's prefetch, not a person, so the seeker is told "dilihat" only
// when the company says so (MarkSeen, a POST).
func (s *Store) Applicants(ctx context.Context, u *auth.User, id int64) (Vacancy, []Applicant, error) {
	_, v, err := s.own(ctx, u, auth.ManageApplicants, id)
	if err != nil {
		return Vacancy{}, nil, err
	}
	as, err := s.applicants(ctx, id)
	return v, as, err
}

// MarkSeen marks vacancy id's new applications as seen ("dilihat") by u's
// company, each with a timeline event, and returns how many.
func (s *Store) MarkSeen(ctx context.Context, u *auth.User, id int64) (int, error) {
	if _, _, err := s.own(ctx, u, auth.ManageApplicants, id); err != nil {
		return 0, err
	}
	now := s.Now().UTC()
	var n int
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM applications WHERE vacancy_id = ? AND status = ?`, id, Sent)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var a int64
			if err := rows.Scan(&a); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, a := range ids {
			if _, err := tx.ExecContext(ctx, `UPDATE applications SET status = ?, updated_at = ? WHERE id = ?`, Seen, now, a); err != nil {
				return err
			}
			if err := addEvent(ctx, tx, a, Seen, "", u.ID, now); err != nil {
				return err
			}
			if err := s.tellMoved(ctx, tx, a, Seen, ""); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("mark applications of %d seen: %w", id, err)
	}
	if n > 0 {
		s.notify()
	}
	return n, nil
}

// applicants lists vacancy id's applications, oldest first.
func (s *Store) applicants(ctx context.Context, id int64) ([]Applicant, error) {
	now := s.Now().UTC()
	rows, err := s.DB.QueryContext(ctx, `SELECT a.id, s.id, s.full_name, s.birth_year, s.female, s.domicile_region, s.education,
		s.experience, s.certificates, s.expected_wage, a.status, a.status_reason, a.note, a.created_at
		FROM applications a JOIN seekers s ON s.id = a.seeker_id WHERE a.vacancy_id = ? ORDER BY a.created_at, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("applicants of %d: %w", id, err)
	}
	var out []Applicant
	for rows.Next() {
		var ap Applicant
		var birthYear int
		if err := rows.Scan(&ap.ApplicationID, &ap.SeekerID, &ap.Name, &birthYear, &ap.Female, &ap.Domicile, &ap.Education,
			&ap.Experience, &ap.Certificates, &ap.ExpectedWage, &ap.Status, &ap.StatusReason, &ap.Note, &ap.AppliedAt); err != nil {
			rows.Close()
			return nil, err
		}
		ap.Age = seeker.AgeInYear(birthYear, now)
		ap.Next = NextStages(ap.Status)
		out = append(out, ap)
	}
	rows.Close()
	for i := range out {
		if out[i].Skills, err = seeker.Skills(ctx, s.DB, out[i].SeekerID); err != nil {
			return nil, err
		}
	}
	return out, nil
}
