package vacancy

import (
	"cmp"
	"context"
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ref"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
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
	// Interviews proposed on the application, oldest first (interview.go).
	Interviews []Appointment
	// Background: work history, licences, languages. Its address holds the
	// kecamatan and village only when the seeker shares a contact for this
	// application, and never the street (applicantBackground).
	seeker.Background
}

// Applicants returns vacancy id with its applicants to the company that
// posted it. Reading changes nothing: a GET may come from a link preview or
// a browser's prefetch, not a person, so the seeker is told "dilihat" only
// when the company says so (MarkSeen, a POST).
func (s *Store) Applicants(ctx context.Context, u *auth.User, id int64, q ApplicantQuery) (Vacancy, []Applicant, error) {
	_, v, err := s.own(ctx, u, auth.ManageApplicants, id)
	if err != nil {
		return Vacancy{}, nil, err
	}
	as, err := s.applicants(ctx, id)
	if err != nil {
		return v, nil, err
	}
	if err := s.withInterviews(ctx, id, as); err != nil {
		return v, nil, err
	}
	return v, q.apply(v, as), nil
}

// ApplicantQuery narrows and orders a vacancy's applicant list.
type ApplicantQuery struct {
	// Stage keeps one status ("" all).
	Stage string
	// Domicile keeps applicants living in one regency or city ("" all).
	Domicile string
	// Sort: "" or "oldest" (first come first), "newest", "local" (living
	// in the vacancy's regency or city first, then oldest).
	Sort string
}

// ApplicantSorts are the orders an applicant list offers.
var ApplicantSorts = []string{"oldest", "newest", "local"}

// ParseApplicantQuery reads the list's filters; an unknown value is a
// field error, never silently ignored.
func ParseApplicantQuery(q url.Values) (ApplicantQuery, error) {
	aq := ApplicantQuery{Stage: q.Get("stage"), Domicile: q.Get("domicile"), Sort: q.Get("sort")}
	var errs valid.Errors
	if aq.Stage != "" && aq.Stage != Rejected && aq.Stage != Withdrawn && stageRank(aq.Stage) < 0 {
		errs.Add("stage", "choice_invalid")
	}
	if aq.Domicile != "" {
		if _, ok := ref.RegionByCode(aq.Domicile); !ok {
			errs.Add("domicile", "choice_invalid")
		}
	}
	if aq.Sort != "" && !slices.Contains(ApplicantSorts, aq.Sort) {
		errs.Add("sort", "choice_invalid")
	}
	return aq, errs.Err()
}

func (q ApplicantQuery) apply(v Vacancy, as []Applicant) []Applicant {
	out := as[:0:0]
	for _, a := range as {
		if (q.Stage == "" || a.Status == q.Stage) && (q.Domicile == "" || a.Domicile == q.Domicile) {
			out = append(out, a)
		}
	}
	switch q.Sort {
	case "newest":
		slices.Reverse(out) // as come oldest first
	case "local":
		slices.SortStableFunc(out, func(a, b Applicant) int {
			return cmp.Compare(b2i(a.Domicile != v.Region), b2i(b.Domicile != v.Region))
		})
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
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
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return out, nil
	}
	// Skills, backgrounds and contact shares of all applicants at once
	// (six queries, not six per applicant).
	const applicantsOf = `SELECT seeker_id FROM applications WHERE vacancy_id = ?`
	skills, err := seeker.SkillsOf(ctx, s.DB, applicantsOf, id)
	if err != nil {
		return nil, fmt.Errorf("applicants of %d: %w", id, err)
	}
	backgrounds, err := seeker.BackgroundsOf(ctx, s.DB, applicantsOf, id)
	if err != nil {
		return nil, fmt.Errorf("applicants of %d: %w", id, err)
	}
	shared, err := s.sharingContact(ctx, id)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Skills = skills[out[i].SeekerID]
		out[i].Background = applicantBackground(backgrounds[out[i].SeekerID], shared[out[i].ApplicationID])
	}
	return out, nil
}

// sharingContact returns the applications to vacancy id whose seeker
// shares a phone or an email with the company.
func (s *Store) sharingContact(ctx context.Context, id int64) (map[int64]bool, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT application_id FROM application_contact_shares
		WHERE (phone OR email) AND application_id IN (SELECT id FROM applications WHERE vacancy_id = ?)`, id)
	if err != nil {
		return nil, fmt.Errorf("contact shares of vacancy %d: %w", id, err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out[a] = true
	}
	return out, rows.Err()
}

// applicantBackground is what a company sees of an applicant's background:
// work history, licences and languages; of the address only the
// kecamatan (the village code is dropped), and only when the seeker shares
// a phone or email with the company for this application.
func applicantBackground(b seeker.Background, sharesContact bool) seeker.Background {
	b.Address.Village, b.Address.Street = "", ""
	if !sharesContact {
		b.Address.District = ""
	}
	return b
}
