package vacancy

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
)

// vacancyEntry is the public record of a vacancy: what a broker could not
// quietly change. The description and skills enter as a content hash.
func vacancyEntry(kind string, id, employerID int64, employerName string, in Input, closes time.Time, at time.Time) ledger.Entry {
	e := ledger.Entry{Kind: kind, At: at, Fields: map[string]any{
		"vacancy_id": id, "employer_id": employerID, "employer": employerName, "title": in.Title, "kbji": in.KBJI,
		"education": in.Education, "region": in.Region, "openings": in.Openings, "wage_min": in.WageMin,
		"wage_max": in.WageMax, "contract": in.Contract, "closes_on": closes.Format(time.DateOnly),
		"content_hash": ledger.ContentHash(map[string]any{"description": in.Description, "skills": in.Skills,
			"age_min": in.AgeMin, "age_max": in.AgeMax, "experience_years": in.ExperienceYears, "local_share_pct": in.LocalSharePct}),
	}}
	factFields(e.Fields, in)
	return e
}

// LedgerEntry is vacancyEntry for bulk loaders (the demo generator), which
// write vacancies without the store.
func LedgerEntry(kind string, id, employerID int64, employerName string, in Input, closes, at time.Time) ledger.Entry {
	return vacancyEntry(kind, id, employerID, employerName, in, closes, at)
}

// inputOf rebuilds the input of a stored vacancy, for records written on
// status changes.
func inputOf(v Vacancy) Input {
	return Input{Title: v.Title, KBJI: v.KBJI, Skills: v.Skills, Education: v.Education, Region: v.Region, Openings: v.Openings,
		WageMin: v.UnitWageMin, WageMax: v.UnitWageMax, Contract: v.Contract, Description: v.Description, AgeMin: v.AgeMin,
		AgeMax: v.AgeMax, ExperienceYears: v.ExperienceYears, LocalSharePct: v.LocalSharePct, Facts: v.Facts}
}

// ApplicationCommitment is the public stand-in for who applied: only the
// applicant's receipt holds the salt that opens it.
func ApplicationCommitment(salt string, seekerID, vacancyID int64) string {
	return ledger.Commit(salt, "application", strconv.FormatInt(seekerID, 10), strconv.FormatInt(vacancyID, 10))
}

func appCommitment(ctx context.Context, q db.Querier, appID int64) (string, int64, error) {
	var salt string
	var seekerID, vacancyID int64
	if err := q.QueryRowContext(ctx, `SELECT ledger_salt, seeker_id, vacancy_id FROM applications WHERE id = ?`, appID).Scan(&salt, &seekerID, &vacancyID); err != nil {
		return "", 0, fmt.Errorf("application %d commitment: %w", appID, err)
	}
	if salt == "" {
		// An application from before the log: an empty salt would let
		// anyone try seeker ids until the commitment matches. Give it one.
		salt = ledger.Salt()
		if _, err := q.ExecContext(ctx, `UPDATE applications SET ledger_salt = ? WHERE id = ?`, salt, appID); err != nil {
			return "", 0, fmt.Errorf("application %d salt: %w", appID, err)
		}
	}
	return ApplicationCommitment(salt, seekerID, vacancyID), vacancyID, nil
}

// Receipt is what an applicant keeps: their salt and the log position of
// their application's record.
type Receipt struct {
	ApplicationID int64
	VacancyID     int64
	SeekerID      int64
	LedgerN       int64
	Salt          string
	Commitment    string
}

// Receipt returns the receipt of an application of seekerID.
func (s *Store) Receipt(ctx context.Context, appID, seekerID int64) (Receipt, error) {
	r := Receipt{ApplicationID: appID, SeekerID: seekerID}
	var n *int64
	err := s.DB.QueryRowContext(ctx, `SELECT vacancy_id, ledger_n, ledger_salt FROM applications WHERE id = ? AND seeker_id = ?`,
		appID, seekerID).Scan(&r.VacancyID, &n, &r.Salt)
	if err != nil {
		return r, fmt.Errorf("receipt of application %d: %w", appID, db.ErrNotFound)
	}
	if n == nil {
		return r, fmt.Errorf("application %d has no ledger record: %w", appID, db.ErrNotFound)
	}
	r.LedgerN = *n
	r.Commitment = ApplicationCommitment(r.Salt, seekerID, r.VacancyID)
	return r, nil
}
