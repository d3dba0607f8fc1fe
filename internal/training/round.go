package training

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Round is an intake round.
type Round struct {
	ID           int64
	ProviderID   int64  // 0 = province-wide
	ProviderName string // "" for a province-wide round
	Title        string
	OpensAt      time.Time
	ClosesAt     time.Time
	// SeedHash is published from the moment the round opens; Seed stays nil
	// until the round is allocated, so nobody can compute the lottery while
	// choices can still change.
	SeedHash    string
	Seed        []byte
	AllocatedAt time.Time
	Proposals   int64
	Applicants  int
	Programs    []RoundProgram
}

// Allocated reports whether the seats have been allocated.
func (r Round) Allocated() bool { return !r.AllocatedAt.IsZero() }

// OpenAt reports whether the round takes applications at t.
func (r Round) OpenAt(t time.Time) bool {
	return !r.Allocated() && !t.Before(r.OpensAt) && t.Before(r.ClosesAt)
}

// ClosedAt reports whether, at t, the round no longer takes applications
// but waits for its allocation.
func (r Round) ClosedAt(t time.Time) bool { return !r.Allocated() && !t.Before(r.ClosesAt) }

// Round states, as State names them.
const (
	RoundOpen      = "open"
	RoundClosed    = "closed" // past its closing time, awaiting allocation
	RoundAllocated = "allocated"
)

// State is where the round stands at t.
func (r Round) State(t time.Time) string {
	switch {
	case r.Allocated():
		return RoundAllocated
	case r.ClosedAt(t):
		return RoundClosed
	}
	return RoundOpen
}

// CloseDay is the civil day (WIB) on which eligibility and priority are
// judged: the day the round closes.
func (r Round) CloseDay() time.Time { return wib.Date(r.ClosesAt) }

// SeedHex is the revealed seed in hex, "" before allocation.
func (r Round) SeedHex() string { return hex.EncodeToString(r.Seed) }

// Line returns the program's line in the round.
func (r Round) Line(programID int64) (RoundProgram, bool) {
	for _, rp := range r.Programs {
		if rp.ProgramID == programID {
			return rp, true
		}
	}
	return RoundProgram{}, false
}

// ProgramTitle is the title of a program of the round, "" for another.
func (r Round) ProgramTitle(programID int64) string {
	rp, _ := r.Line(programID)
	return rp.Title
}

// RoundProgram is a program's part in a round.
type RoundProgram struct {
	ProgramID    int64
	Title        string
	ProviderName string
	Seats        int
	// Set at allocation.
	Admitted int
	Full     bool
	// Cutoff is the worst admitted key, when HasCutoff: every applicant
	// with a better key who ranked the program either got it or got
	// something they ranked higher.
	Cutoff    alloc.Key
	HasCutoff bool
	// Priority is the program's priority order when the round opened; for
	// rounds opened before the order was kept with them, the program's own.
	Priority []string
}

const roundCols = `r.id, COALESCE(r.provider_id, 0), COALESCE(pr.name, ''), r.title, r.opens_at, r.closes_at, r.seed,
	r.seed_hash, r.allocated_at, r.proposals, (SELECT count(*) FROM round_applications a WHERE a.round_id = r.id)`

const roundFrom = ` FROM intake_rounds r LEFT JOIN providers pr ON pr.id = r.provider_id`

func scanRound(sc interface{ Scan(...any) error }) (Round, error) {
	var r Round
	var allocated sql.NullTime
	err := sc.Scan(&r.ID, &r.ProviderID, &r.ProviderName, &r.Title, &r.OpensAt, &r.ClosesAt, &r.Seed, &r.SeedHash,
		&allocated, &r.Proposals, &r.Applicants)
	r.AllocatedAt = allocated.Time
	// The seed is kept back until allocation: while applications are open,
	// knowing it would let someone work out who wins every tie.
	if !r.Allocated() {
		r.Seed = nil
	}
	return r, err
}

// rounds loads the rounds matching where (a condition on intake_rounds r,
// with its ORDER BY) and their programs, in two queries however many.
func (s *Store) rounds(ctx context.Context, q db.Querier, what, where string, args ...any) ([]Round, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+roundCols+roundFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var out []Round
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if err := loadRoundPrograms(ctx, q, out); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// loadRoundPrograms fills in the programs of rs, and their cutoffs once
// allocated.
func loadRoundPrograms(ctx context.Context, q db.Querier, rs []Round) error {
	idx := make(map[int64]int, len(rs))
	ids := make([]int64, len(rs))
	for i, r := range rs {
		idx[r.ID], ids[i] = i, r.ID
	}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		rows, err := q.QueryContext(ctx, `SELECT rp.round_id, rp.program_id, p.title, pr.name, rp.seats, rp.admitted,
			rp.is_full, rp.cutoff_class, rp.cutoff_seeker, CASE WHEN rp.priority = '' THEN p.priority_order ELSE rp.priority END
			FROM round_programs rp JOIN programs p ON p.id = rp.program_id JOIN providers pr ON pr.id = p.provider_id
			WHERE rp.round_id IN (`+placeholders(len(chunk))+`) ORDER BY rp.round_id, rp.program_id`, int64Args(chunk)...)
		if err != nil {
			return fmt.Errorf("programs of rounds: %w", err)
		}
		for rows.Next() {
			var roundID int64
			var rp RoundProgram
			var class, seeker sql.NullInt64
			var priority string
			if err := rows.Scan(&roundID, &rp.ProgramID, &rp.Title, &rp.ProviderName, &rp.Seats, &rp.Admitted, &rp.Full,
				&class, &seeker, &priority); err != nil {
				rows.Close()
				return fmt.Errorf("programs of rounds: %w", err)
			}
			r := &rs[idx[roundID]]
			if priority != "" {
				rp.Priority = strings.Split(priority, ",")
			}
			if class.Valid && seeker.Valid && r.Seed != nil {
				rp.HasCutoff = true
				rp.Cutoff = alloc.Key{Class: uint16(class.Int64), Lottery: alloc.Lottery(r.Seed, seeker.Int64),
					ApplicantID: seeker.Int64}
			}
			r.Programs = append(r.Programs, rp)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("programs of rounds: %w", err)
		}
	}
	return nil
}

func (s *Store) round(ctx context.Context, q db.Querier, id int64) (Round, error) {
	rs, err := s.rounds(ctx, q, fmt.Sprintf("round %d", id), `r.id = ?`, id)
	if err != nil {
		return Round{}, err
	}
	if len(rs) == 0 {
		return Round{}, fmt.Errorf("round %d: %w", id, db.ErrNotFound)
	}
	return rs[0], nil
}

// Round returns round id with its programs and, once allocated, their
// cutoffs and the revealed seed.
func (s *Store) Round(ctx context.Context, id int64) (Round, error) { return s.round(ctx, s.DB, id) }

// RoundsByProvider lists, newest first, a provider's own rounds and the
// province-wide rounds that include its programs; providerID 0 lists all
// province-wide rounds.
func (s *Store) RoundsByProvider(ctx context.Context, providerID int64) ([]Round, error) {
	if providerID == 0 {
		return s.rounds(ctx, s.DB, "province-wide rounds", `r.provider_id IS NULL ORDER BY r.closes_at DESC, r.id DESC`)
	}
	return s.rounds(ctx, s.DB, "rounds of provider", `r.provider_id = ? OR (r.provider_id IS NULL AND EXISTS (
		SELECT 1 FROM round_programs rp JOIN programs p ON p.id = rp.program_id WHERE rp.round_id = r.id AND p.provider_id = ?))
		ORDER BY r.closes_at DESC, r.id DESC`, providerID, providerID)
}

// OpenRounds lists the rounds taking applications now, soonest closing first.
func (s *Store) OpenRounds(ctx context.Context) ([]Round, error) {
	now := s.Now().UTC()
	return s.rounds(ctx, s.DB, "open rounds", `r.allocated_at IS NULL AND r.opens_at <= ? AND r.closes_at > ?
		ORDER BY r.closes_at, r.id`, now, now)
}

// RoundsForSeeker lists the rounds a seeker applied in, newest first.
func (s *Store) RoundsForSeeker(ctx context.Context, seekerID int64) ([]Round, error) {
	return s.rounds(ctx, s.DB, "rounds of seeker", `r.id IN (SELECT round_id FROM round_applications WHERE seeker_id = ?)
		ORDER BY r.closes_at DESC, r.id DESC`, seekerID)
}

// OpenRoundFor returns the round taking applications for the program now;
// ok is false when none does. A program is in one unallocated round at the
// most (OpenRound keeps it so), so there is one answer for every page.
func (s *Store) OpenRoundFor(ctx context.Context, programID int64) (r Round, ok bool, err error) {
	now := s.Now().UTC()
	rs, err := s.rounds(ctx, s.DB, fmt.Sprintf("open round of program %d", programID), `r.allocated_at IS NULL
		AND r.opens_at <= ? AND r.closes_at > ? AND r.id IN (SELECT round_id FROM round_programs WHERE program_id = ?)
		ORDER BY r.closes_at, r.id`, now, now, programID)
	if err != nil || len(rs) == 0 {
		return Round{}, false, err
	}
	return rs[0], true, nil
}

// Intake is a program's part in one allocated round: how many it admitted
// against its seats, its cutoff and, on the roster, how many are enrolled.
type Intake struct {
	Round    Round
	Program  RoundProgram
	Enrolled int
}

// Intakes lists the allocated rounds of a program, newest first.
func (s *Store) Intakes(ctx context.Context, programID int64) ([]Intake, error) {
	rs, err := s.rounds(ctx, s.DB, fmt.Sprintf("intakes of program %d", programID), `r.allocated_at IS NOT NULL
		AND r.id IN (SELECT round_id FROM round_programs WHERE program_id = ?) ORDER BY r.closes_at DESC, r.id DESC`, programID)
	if err != nil {
		return nil, err
	}
	out := make([]Intake, 0, len(rs))
	for _, r := range rs {
		rp, _ := r.Line(programID)
		out = append(out, Intake{Round: r, Program: rp})
	}
	return out, nil
}
