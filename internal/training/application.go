package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// MaxChoices is how many programs an applicant may rank in one round.
const MaxChoices = 5

// ApplicationInput is a seeker's application in a round.
type ApplicationInput struct {
	Programs        []int64 // ranked, most wanted first; up to MaxChoices
	DTKS            bool    // household registered in the DTKS (declared)
	UnemployedSince string  // YYYY-MM-DD; "" = working, or not said
}

// Application is a stored application.
type Application struct {
	RoundID         int64
	SeekerID        int64
	Programs        []int64
	DTKS            bool
	UnemployedSince time.Time
	SubmittedAt     time.Time
}

// seekerFacts reads what eligibility needs from the seeker's profile. The
// full birth date is opened, not the year alone: an age bound or the youth
// class turns on the exact day.
func (s *Store) seekerFacts(ctx context.Context, q db.Querier, seekerID int64) (Applicant, error) {
	var a Applicant
	var birth []byte
	err := q.QueryRowContext(ctx, `SELECT birth_enc, education, domicile_region FROM seekers WHERE id = ?`, seekerID).
		Scan(&birth, &a.Education, &a.Domicile)
	if errors.Is(err, sql.ErrNoRows) {
		return Applicant{}, fmt.Errorf("seeker %d: %w", seekerID, db.ErrNotFound)
	}
	if err == nil {
		a.BirthDate, err = seeker.OpenBirthDate(s.Box, birth)
	}
	if err != nil {
		return Applicant{}, fmt.Errorf("seeker %d: %w", seekerID, err)
	}
	return a, nil
}

// roundPrograms loads the full programs of a round, by id.
func (s *Store) roundPrograms(ctx context.Context, q db.Querier, roundID int64) ([]Program, error) {
	return s.programs(ctx, q, "programs of round "+strconv.FormatInt(roundID, 10), `SELECT `+programCols+programFrom+`
		JOIN round_programs rp ON rp.program_id = p.id WHERE rp.round_id = ? ORDER BY p.id`, []any{roundID}, nil)
}

// Apply stores (or replaces) a seeker's ranked programs in a round while it
// is open. Each program must be in the round and admit the seeker, judged
// on the day the round closes; a choice the seeker is not eligible for is
// refused with an error naming the program, and nothing is stored.
func (s *Store) Apply(ctx context.Context, roundID, seekerID int64, in ApplicationInput) error {
	now := s.Now().UTC()
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return err
	}
	if !r.OpenAt(now) {
		return valid.New("round", "round_closed")
	}
	a, err := s.seekerFacts(ctx, s.DB, seekerID)
	if err != nil {
		return err
	}
	ps, err := s.roundPrograms(ctx, s.DB, roundID)
	if err != nil {
		return err
	}
	byID := map[int64]Program{}
	for _, p := range ps {
		byID[p.ID] = p
	}
	var errs valid.Errors
	var unemployed any
	if in.UnemployedSince = strings.TrimSpace(in.UnemployedSince); in.UnemployedSince != "" {
		d, err := wib.ParseDate(in.UnemployedSince)
		switch {
		case err != nil:
			errs.Add("unemployed_since", "date_invalid")
		case d.After(today(s.Now)):
			errs.Add("unemployed_since", "date_future")
		default:
			unemployed = d
			a.UnemployedSince = d
		}
	}
	a.DTKS = in.DTKS
	switch {
	case len(in.Programs) == 0:
		errs.Add("programs", "choices_required")
	case len(in.Programs) > MaxChoices:
		errs.Add("programs", "too_many", "max", MaxChoices)
	}
	seen := map[int64]bool{}
	day := r.CloseDay()
	for _, pid := range in.Programs {
		p, ok := byID[pid]
		switch {
		case !ok:
			errs.Add("programs", "program_not_in_round", "id", pid)
		case seen[pid]:
			errs.Add("programs", "choice_duplicate", "program", p.Title)
		default:
			if code := p.Ineligible(a, day); code != "" {
				errs.Add("programs", code, "program", p.Title)
			}
		}
		seen[pid] = true
	}
	if err := errs.Err(); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		// Touching the round row locks it (PostgreSQL) until commit, so an
		// application cannot slip in beside a running allocation that
		// would not see it; SQLite's write transactions are serial anyway.
		res, err := tx.ExecContext(ctx, `UPDATE intake_rounds SET proposals = proposals
			WHERE id = ? AND allocated_at IS NULL AND closes_at > ?`, roundID, now)
		if err != nil {
			return fmt.Errorf("apply in round %d: %w", roundID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return valid.New("round", "round_closed")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM round_choices WHERE round_id = ? AND seeker_id = ?`, roundID, seekerID); err != nil {
			return fmt.Errorf("apply in round %d: %w", roundID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM round_applications WHERE round_id = ? AND seeker_id = ?`, roundID, seekerID); err != nil {
			return fmt.Errorf("apply in round %d: %w", roundID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO round_applications (round_id, seeker_id, dtks, unemployed_since,
			domicile_region, education, submitted_at, ledger_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			roundID, seekerID, in.DTKS, unemployed, a.Domicile, a.Education, now, ledger.Salt()); err != nil {
			return fmt.Errorf("apply in round %d: %w", roundID, err)
		}
		for i, pid := range in.Programs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO round_choices (round_id, seeker_id, preference, program_id)
				VALUES (?, ?, ?, ?)`, roundID, seekerID, i+1, pid); err != nil {
				return fmt.Errorf("apply in round %d: %w", roundID, err)
			}
		}
		return nil
	})
}

// ApplicationOf returns a seeker's application in a round; ok is false when
// they have none.
func (s *Store) ApplicationOf(ctx context.Context, roundID, seekerID int64) (Application, bool, error) {
	rows, err := s.applications(ctx, `a.round_id = ? AND a.seeker_id = ?`, roundID, seekerID)
	if err != nil {
		return Application{}, false, err
	}
	if row := rows[appKey{roundID, seekerID}]; row != nil {
		return row.Application, true, nil
	}
	return Application{}, false, nil
}

// appKey names an application: its round and its seeker.
type appKey struct{ roundID, seekerID int64 }

// appRow is a stored application with what allocation added to it.
type appRow struct {
	Application
	preferences []int // of each ranked program, 1 = most wanted
	classes     []int // the seeker's priority class at each, -1 before allocation
	resulted    bool  // allocation gave the applicant a result, seat or none
	seat        int64 // the program seated; 0 = none
	ledgerN     sql.NullInt64
	salt        string
}

// applications loads the applications matching where (a condition on
// round_applications a) with their choices and results, in two queries
// however many.
func (s *Store) applications(ctx context.Context, where string, args ...any) (map[appKey]*appRow, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT a.round_id, a.seeker_id, a.dtks, a.unemployed_since, a.submitted_at,
		a.ledger_n, a.ledger_salt, res.seeker_id, res.program_id FROM round_applications a
		LEFT JOIN round_results res ON res.round_id = a.round_id AND res.seeker_id = a.seeker_id WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("applications: %w", err)
	}
	out := map[appKey]*appRow{}
	for rows.Next() {
		var row appRow
		var unemployed sql.NullTime
		var resulted, seat sql.NullInt64
		if err := rows.Scan(&row.RoundID, &row.SeekerID, &row.DTKS, &unemployed, &row.SubmittedAt, &row.ledgerN, &row.salt,
			&resulted, &seat); err != nil {
			rows.Close()
			return nil, fmt.Errorf("applications: %w", err)
		}
		row.UnemployedSince, row.resulted, row.seat = unemployed.Time, resulted.Valid, seat.Int64
		out[appKey{row.RoundID, row.SeekerID}] = &row
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("applications: %w", err)
	}
	rows, err = s.DB.QueryContext(ctx, `SELECT c.round_id, c.seeker_id, c.preference, c.program_id, COALESCE(c.priority_class, -1)
		FROM round_choices c JOIN round_applications a ON a.round_id = c.round_id AND a.seeker_id = c.seeker_id
		WHERE `+where+` ORDER BY c.round_id, c.seeker_id, c.preference`, args...)
	if err != nil {
		return nil, fmt.Errorf("choices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k appKey
		var pref, class int
		var pid int64
		if err := rows.Scan(&k.roundID, &k.seekerID, &pref, &pid, &class); err != nil {
			return nil, fmt.Errorf("choices: %w", err)
		}
		if row := out[k]; row != nil {
			row.Programs = append(row.Programs, pid)
			row.preferences = append(row.preferences, pref)
			row.classes = append(row.classes, class)
		}
	}
	return out, rows.Err()
}
