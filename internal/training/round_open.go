package training

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/valid"
)

// seedContext binds a sealed seed to its column.
const seedContext = "intake_rounds.seed"

// SeedSize is the size of a round's lottery seed in bytes.
const SeedSize = 32

// RoundInput opens a round.
type RoundInput struct {
	ProviderID int64 // 0 = province-wide
	Title      string
	Programs   []int64
	ClosesAt   time.Time
}

// CheckRound validates a round without opening it, for forms that show
// every error at once; it tidies in as OpenRound would.
func (s *Store) CheckRound(ctx context.Context, in *RoundInput) error {
	errs, _, err := s.checkRound(ctx, s.DB, in, s.Now().UTC().Truncate(time.Second))
	if err != nil {
		return err
	}
	return errs.Err()
}

// checkRound validates in as of now and returns its programs by id.
func (s *Store) checkRound(ctx context.Context, q db.Querier, in *RoundInput, now time.Time) (valid.Errors, map[int64]Program, error) {
	var errs valid.Errors
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		errs.Add("title", "required")
	case n > 120:
		errs.Add("title", "too_long", "max", 120)
	}
	in.ClosesAt = in.ClosesAt.UTC().Truncate(time.Second)
	switch {
	case !in.ClosesAt.After(now):
		errs.Add("closes_at", "closes_past")
	case in.ClosesAt.After(now.AddDate(1, 0, 0)):
		errs.Add("closes_at", "closes_far")
	}
	in.Programs = uniqueIDs(in.Programs)
	if len(in.Programs) == 0 {
		errs.Add("programs", "programs_required")
	}
	byID, err := s.programsByID(ctx, q, in.Programs)
	if err != nil {
		return nil, nil, err
	}
	busy, err := programsInOpenRounds(ctx, q, in.Programs)
	if err != nil {
		return nil, nil, err
	}
	for _, pid := range in.Programs {
		p, ok := byID[pid]
		switch {
		case !ok:
			errs.Add("programs", "program_unknown", "id", pid)
		case in.ProviderID != 0 && p.ProviderID != in.ProviderID:
			errs.Add("programs", "program_other_provider", "program", p.Title)
		case busy[pid]:
			// One open round per program: two would split its seats, and
			// an applicant could hold a seat in both.
			errs.Add("programs", "program_in_round", "program", p.Title)
		}
	}
	return errs, byID, nil
}

// programsInOpenRounds reports which of ids are in a round not yet
// allocated.
func programsInOpenRounds(ctx context.Context, q db.Querier, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		rows, err := q.QueryContext(ctx, `SELECT DISTINCT rp.program_id FROM round_programs rp
			JOIN intake_rounds r ON r.id = rp.round_id
			WHERE r.allocated_at IS NULL AND rp.program_id IN (`+placeholders(len(chunk))+`)`, int64Args(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("open rounds of programs: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("open rounds of programs: %w", err)
			}
			out[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("open rounds of programs: %w", err)
		}
	}
	return out, nil
}

// OpenRound opens an intake round for programs, closing at in.ClosesAt. A
// provider's round is opened by its staff; a province-wide round (ProviderID
// 0) by an officer. A fresh random seed is drawn and only its hash is shown
// until the round is allocated.
func (s *Store) OpenRound(ctx context.Context, actorID int64, in RoundInput) (Round, error) {
	a, err := actorByID(ctx, s.DB, actorID)
	if err != nil {
		return Round{}, err
	}
	if err := a.runRound(in.ProviderID); err != nil {
		return Round{}, err
	}
	now := s.Now().UTC().Truncate(time.Second)
	seed := make([]byte, SeedSize)
	rand.Read(seed) // never fails (crypto/rand since Go 1.24)
	var id int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		errs, byID, err := s.checkRound(ctx, tx, &in, now)
		if err != nil {
			return err
		}
		if err := errs.Err(); err != nil {
			return err
		}
		id, err = db.InsertID(ctx, tx, `INSERT INTO intake_rounds (provider_id, title, opens_at, closes_at, seed, seed_hash, opened_by)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, nullID(in.ProviderID), in.Title, now, in.ClosesAt, s.Box.Seal(seed, seedContext),
			alloc.SeedHash(seed), nullID(actorID))
		if err != nil {
			return fmt.Errorf("open round: %w", err)
		}
		for _, pid := range in.Programs {
			p := byID[pid]
			if _, err := tx.ExecContext(ctx, `INSERT INTO round_programs (round_id, program_id, seats, partner_id,
				partner_interviews, partner_hires, priority) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, pid, p.Seats, nullID(p.PartnerID), p.PartnerInterviews, p.PartnerHires, strings.Join(p.Priority, ",")); err != nil {
				return fmt.Errorf("open round: program %d: %w", pid, err)
			}
		}
		if err := s.tellFollowers(ctx, tx, id, byID, in.Programs, closesText(in)); err != nil {
			return err
		}
		if _, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.RoundOpened, At: now, Fields: map[string]any{
			"round_id": id, "provider_id": in.ProviderID, "programs": in.Programs,
			"closes_at": in.ClosesAt.Format(time.RFC3339), "seed_hash": alloc.SeedHash(seed)}}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.round.open",
			SubjectType: "round", SubjectID: id, Detail: "seed_hash " + alloc.SeedHash(seed)})
	})
	if err != nil {
		return Round{}, err
	}
	return s.Round(ctx, id)
}

func uniqueIDs(in []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range in {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
