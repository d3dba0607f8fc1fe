package training

import (
	"context"
	"encoding/hex"
	"fmt"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/db"
)

// SeatResult is what a seeker learns after allocation: their seat and, for
// every program they ranked, their own key there and the program's cutoff,
// so they can check that each program ranked above their seat was full with
// people of higher priority.
type SeatResult struct {
	RoundID   int64
	SeekerID  int64
	ProgramID int64 // the seat; 0 = none
	Seed      []byte
	SeedHash  string
	Lottery   uint64
	Choices   []ChoiceResult // in the seeker's order
	// LedgerN is the applicant's seat record in the public log (Logged);
	// Salt opens its commitment: SeatCommitment(Salt, seeker, round).
	LedgerN int64
	Logged  bool
	Salt    string
}

// ChoiceResult is one ranked program in a SeatResult.
type ChoiceResult struct {
	Preference int // 1 = most wanted
	ProgramID  int64
	Title      string
	Class      int       // the seeker's priority class there
	Key        alloc.Key // the seeker's full key there
	Seated     bool      // this is the seat
	Seats      int
	Admitted   int
	Full       bool
	Cutoff     alloc.Key // the worst admitted key, when HasCutoff
	HasCutoff  bool
	// Admits is the published rule applied to the seeker's key: a program
	// that is not full admits everyone, a full one those with a key no worse
	// than its cutoff. For every program ranked above the seat it is false.
	Admits bool
	// Priority is the program's order in the round, which names the
	// classes: see Criterion.
	Priority []string
}

// Criterion names priority class c of a program whose order is priority:
// the criterion met, or "none" for applicants who meet none of them.
func Criterion(priority []string, c int) string {
	if c >= 0 && c < len(priority) {
		return priority[c]
	}
	return "none"
}

// SeedHex is the round's revealed seed in hex.
func (r SeatResult) SeedHex() string { return hex.EncodeToString(r.Seed) }

// SeatTitle is the title of the program seated, "" for none.
func (r SeatResult) SeatTitle() string {
	for _, c := range r.Choices {
		if c.Seated {
			return c.Title
		}
	}
	return ""
}

// Above returns the choices ranked above the seat (all of them when the
// seeker got none): the ones the seeker may want explained.
func (r SeatResult) Above() []ChoiceResult {
	for i, c := range r.Choices {
		if c.Seated {
			return r.Choices[:i]
		}
	}
	return r.Choices
}

// Results returns a seeker's result in an allocated round; ErrNotAllocated
// before allocation, db.ErrNotFound when they did not apply.
func (s *Store) Results(ctx context.Context, roundID, seekerID int64) (SeatResult, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return SeatResult{}, err
	}
	if !r.Allocated() {
		return SeatResult{}, fmt.Errorf("round %d: %w", roundID, ErrNotAllocated)
	}
	rows, err := s.applications(ctx, `a.round_id = ? AND a.seeker_id = ?`, roundID, seekerID)
	if err != nil {
		return SeatResult{}, err
	}
	row := rows[appKey{roundID, seekerID}]
	if row == nil || !row.resulted {
		return SeatResult{}, fmt.Errorf("result of seeker %d in round %d: %w", seekerID, roundID, db.ErrNotFound)
	}
	return seatResult(r, row), nil
}

// seatResult is an allocated round's result for one of its applications.
func seatResult(r Round, row *appRow) SeatResult {
	res := SeatResult{RoundID: r.ID, SeekerID: row.SeekerID, ProgramID: row.seat, Seed: r.Seed, SeedHash: r.SeedHash,
		Lottery: alloc.Lottery(r.Seed, row.SeekerID), LedgerN: row.ledgerN.Int64, Logged: row.ledgerN.Valid, Salt: row.salt}
	for i, pid := range row.Programs {
		rp, _ := r.Line(pid)
		c := ChoiceResult{Preference: row.preferences[i], ProgramID: pid, Class: row.classes[i], Title: rp.Title,
			Seats: rp.Seats, Admitted: rp.Admitted, Full: rp.Full, Cutoff: rp.Cutoff, HasCutoff: rp.HasCutoff,
			Priority: rp.Priority}
		c.Key = alloc.Key{Class: uint16(c.Class), Lottery: res.Lottery, ApplicantID: row.SeekerID}
		c.Seated = pid == res.ProgramID
		c.Admits = !c.Full || (c.HasCutoff && !c.Cutoff.Less(c.Key))
		res.Choices = append(res.Choices, c)
	}
	return res
}

// VerifyRound recomputes an allocated round from what is stored (the
// classes, the revealed seed, the seats) with alloc's plain reference
// implementation and reports any difference from the stored seats and
// cutoffs. Anyone holding the published data can do the same.
func (s *Store) VerifyRound(ctx context.Context, roundID int64) error {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return err
	}
	if !r.Allocated() {
		return fmt.Errorf("round %d: %w", roundID, ErrNotAllocated)
	}
	choices, err := loadChoices(ctx, s.DB, roundID)
	if err != nil {
		return err
	}
	in := buildInstance(r.Programs, choices, r.Seed, func(c storedChoice) int { return c.class })
	want, err := alloc.Reference(in.Instance)
	if err != nil {
		return fmt.Errorf("verify round %d: %w", roundID, err)
	}
	seats := map[int64]int64{}
	rows, err := s.DB.QueryContext(ctx, `SELECT seeker_id, COALESCE(program_id, 0) FROM round_results WHERE round_id = ?`, roundID)
	if err != nil {
		return fmt.Errorf("verify round %d: %w", roundID, err)
	}
	for rows.Next() {
		var sk, p int64
		if err := rows.Scan(&sk, &p); err != nil {
			rows.Close()
			return fmt.Errorf("verify round %d: %w", roundID, err)
		}
		seats[sk] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("verify round %d: %w", roundID, err)
	}
	if len(seats) != len(in.Applicants) {
		return fmt.Errorf("verify round %d: %d results stored for %d applicants", roundID, len(seats), len(in.Applicants))
	}
	for a, ap := range in.Applicants {
		var p int64
		if want.Seat[a] >= 0 {
			p = in.programIDs[want.Seat[a]]
		}
		if got, ok := seats[ap.ID]; !ok || got != p {
			return fmt.Errorf("verify round %d: seeker %d holds program %d, reference gives %d", roundID, ap.ID, got, p)
		}
	}
	for p, rp := range r.Programs {
		hasCut := want.Full[p] && want.Admitted[p] > 0
		if rp.Admitted != int(want.Admitted[p]) || rp.Full != want.Full[p] || rp.HasCutoff != hasCut ||
			(hasCut && rp.Cutoff != want.Cutoff[p]) {
			return fmt.Errorf("verify round %d: program %d stored %d admitted, full %v, cutoff %+v; reference %d, %v, %+v",
				roundID, rp.ProgramID, rp.Admitted, rp.Full, rp.Cutoff, want.Admitted[p], want.Full[p], want.Cutoff[p])
		}
	}
	return nil
}
