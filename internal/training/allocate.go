package training

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

// instance is a round as alloc sees it, with the ids behind its indices.
type instance struct {
	alloc.Instance
	programIDs []int64 // by program index
}

// storedChoice is one row of round_choices.
type storedChoice struct {
	seekerID, programID int64
	preference, class   int
}

// loadChoices reads a round's choices ordered by seeker and preference.
func loadChoices(ctx context.Context, q db.Querier, roundID int64) ([]storedChoice, error) {
	rows, err := q.QueryContext(ctx, `SELECT seeker_id, program_id, preference, COALESCE(priority_class, -1)
		FROM round_choices WHERE round_id = ? ORDER BY seeker_id, preference`, roundID)
	if err != nil {
		return nil, fmt.Errorf("choices of round %d: %w", roundID, err)
	}
	defer rows.Close()
	var out []storedChoice
	for rows.Next() {
		var c storedChoice
		if err := rows.Scan(&c.seekerID, &c.programID, &c.preference, &c.class); err != nil {
			return nil, fmt.Errorf("choices of round %d: %w", roundID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// buildInstance turns a round's programs (ordered by id) and choices
// (ordered by seeker, preference) into an alloc instance; class gives each
// choice's priority class.
func buildInstance(programs []RoundProgram, choices []storedChoice, seed []byte, class func(storedChoice) int) instance {
	in := instance{}
	index := map[int64]int32{}
	for i, rp := range programs {
		index[rp.ProgramID] = int32(i)
		in.programIDs = append(in.programIDs, rp.ProgramID)
		in.Programs = append(in.Programs, alloc.Program{ID: rp.ProgramID, Seats: rp.Seats})
	}
	for _, c := range choices {
		n := len(in.Applicants)
		if n == 0 || in.Applicants[n-1].ID != c.seekerID {
			in.Applicants = append(in.Applicants, alloc.Applicant{ID: c.seekerID, Lottery: alloc.Lottery(seed, c.seekerID)})
			n++
		}
		ap := &in.Applicants[n-1]
		ap.Choices = append(ap.Choices, alloc.Choice{Program: index[c.programID], Class: uint16(class(c))})
	}
	return in
}

// CloseAndAllocate allocates the seats of a round whose closing time has
// passed, in one transaction: it computes each applicant's priority class at
// each program they ranked from the program's declared order, draws their
// lottery numbers from the round's seed, runs deferred acceptance, and
// stores every seat, each program's cutoff and the classes; from then on the
// seed is shown. A round is allocated once: a second call returns
// ErrAllocated. Who may allocate is MayRunRound's rule: a provider's round
// by its staff, a province-wide round by an officer.
func (s *Store) CloseAndAllocate(ctx context.Context, actorID, roundID int64) (Round, error) {
	r, err := s.roundToRun(ctx, actorID, roundID)
	if err != nil {
		return Round{}, err
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		// Claiming the round first makes a second allocation, even a
		// concurrent one, find nothing to claim.
		res, err := tx.ExecContext(ctx, `UPDATE intake_rounds SET allocated_at = ?, allocated_by = ?
			WHERE id = ? AND allocated_at IS NULL AND closes_at <= ?`, now, nullID(actorID), roundID, now)
		if err != nil {
			return fmt.Errorf("allocate round %d: %w", roundID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			cur, err := s.round(ctx, tx, roundID)
			switch {
			case err != nil:
				return err
			case cur.Allocated():
				return fmt.Errorf("round %d: %w", roundID, ErrAllocated)
			default:
				return valid.New("round", "round_still_open")
			}
		}
		var sealed []byte
		if err := tx.QueryRowContext(ctx, `SELECT seed FROM intake_rounds WHERE id = ?`, roundID).Scan(&sealed); err != nil {
			return fmt.Errorf("seed of round %d: %w", roundID, err)
		}
		seed, err := s.Box.Open(sealed, seedContext)
		if err != nil {
			return fmt.Errorf("seed of round %d: %w", roundID, err)
		}
		programs, err := s.roundPrograms(ctx, tx, roundID)
		if err != nil {
			return err
		}
		byID := map[int64]Program{}
		for _, p := range programs {
			byID[p.ID] = p
		}
		facts, err := s.applicants(ctx, tx, roundID)
		if err != nil {
			return err
		}
		choices, err := loadChoices(ctx, tx, roundID)
		if err != nil {
			return err
		}
		day := r.CloseDay()
		for i, c := range choices {
			choices[i].class = byID[c.programID].Class(facts[c.seekerID], day)
		}
		in := buildInstance(r.Programs, choices, seed, func(c storedChoice) int { return c.class })
		result, err := alloc.Allocate(in.Instance)
		if err != nil {
			return fmt.Errorf("allocate round %d: %w", roundID, err)
		}
		// The choices are rewritten with their classes in bulk: a
		// province-wide round can hold hundreds of thousands.
		if _, err := tx.ExecContext(ctx, `DELETE FROM round_choices WHERE round_id = ?`, roundID); err != nil {
			return fmt.Errorf("allocate round %d: %w", roundID, err)
		}
		cb := db.NewBulk(tx, "round_choices", "round_id", "seeker_id", "preference", "program_id", "priority_class")
		for _, c := range choices {
			if err := cb.Add(ctx, roundID, c.seekerID, c.preference, c.programID, c.class); err != nil {
				return err
			}
		}
		if err := cb.Flush(ctx); err != nil {
			return err
		}
		rb := db.NewBulk(tx, "round_results", "round_id", "seeker_id", "program_id")
		for a, ap := range in.Applicants {
			var seat any
			if p := result.Seat[a]; p >= 0 {
				seat = in.programIDs[p]
			}
			if err := rb.Add(ctx, roundID, ap.ID, seat); err != nil {
				return err
			}
		}
		if err := rb.Flush(ctx); err != nil {
			return err
		}
		seats := make(map[int64]int64, len(in.Applicants))
		for a, ap := range in.Applicants {
			if p := result.Seat[a]; p >= 0 {
				seats[ap.ID] = in.programIDs[p]
			} else {
				seats[ap.ID] = 0
			}
		}
		if err := s.tellResults(ctx, tx, r, byID, seats); err != nil {
			return err
		}
		for p, pid := range in.programIDs {
			var class, seeker any
			if result.Full[p] && result.Admitted[p] > 0 {
				class, seeker = int(result.Cutoff[p].Class), result.Cutoff[p].ApplicantID
			}
			if _, err := tx.ExecContext(ctx, `UPDATE round_programs SET admitted = ?, is_full = ?, cutoff_class = ?,
				cutoff_seeker = ? WHERE round_id = ? AND program_id = ?`,
				int(result.Admitted[p]), result.Full[p], class, seeker, roundID, pid); err != nil {
				return fmt.Errorf("allocate round %d: program %d: %w", roundID, pid, err)
			}
		}
		if err := logAllocation(ctx, tx, roundID, seed, in, result, now); err != nil {
			return err
		}
		// The seed is revealed (stored in the clear) with the result.
		if _, err := tx.ExecContext(ctx, `UPDATE intake_rounds SET proposals = ?, seed = ? WHERE id = ?`, result.Proposals, seed, roundID); err != nil {
			return fmt.Errorf("allocate round %d: %w", roundID, err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actorID, Action: "training.round.allocate",
			SubjectType: "round", SubjectID: roundID,
			Detail: fmt.Sprintf("%d applicants, %d proposals", len(in.Applicants), result.Proposals)})
	})
	if err != nil {
		return Round{}, err
	}
	return s.Round(ctx, roundID)
}

// roundToRun loads round id for actorID if they may run it (MayRunRound).
// The roles are asked first: a role that never runs rounds learns nothing
// about them.
func (s *Store) roundToRun(ctx context.Context, actorID, id int64) (Round, error) {
	u, err := userByID(ctx, s.DB, actorID)
	if err != nil {
		return Round{}, err
	}
	if err := (actor{user: u}).need(auth.ManageRounds, auth.ManageTraining); err != nil {
		return Round{}, err
	}
	r, err := s.Round(ctx, id)
	if err != nil {
		return Round{}, err
	}
	if err := s.MayRunRound(ctx, u, r); err != nil {
		return Round{}, fmt.Errorf("round %d: %w", id, err)
	}
	return r, nil
}

// applicants reads the facts of every applicant of a round, as they stood
// when they applied. Each birth date is opened in full: the class of an
// applicant who turns 31 the day before the round closes is not that of one
// who turns 31 the day after.
func (s *Store) applicants(ctx context.Context, q db.Querier, roundID int64) (map[int64]Applicant, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.seeker_id, sk.birth_enc, a.education, a.domicile_region, a.dtks,
		a.unemployed_since FROM round_applications a JOIN seekers sk ON sk.id = a.seeker_id WHERE a.round_id = ?`, roundID)
	if err != nil {
		return nil, fmt.Errorf("applicants of round %d: %w", roundID, err)
	}
	defer rows.Close()
	out := map[int64]Applicant{}
	for rows.Next() {
		var id int64
		var a Applicant
		var unemployed sql.NullTime
		var birth []byte
		if err := rows.Scan(&id, &birth, &a.Education, &a.Domicile, &a.DTKS, &unemployed); err != nil {
			return nil, fmt.Errorf("applicants of round %d: %w", roundID, err)
		}
		var err error
		if a.BirthDate, err = seeker.OpenBirthDate(s.Box, birth); err != nil {
			return nil, fmt.Errorf("applicants of round %d: seeker %d: %w", roundID, id, err)
		}
		a.UnemployedSince = unemployed.Time
		out[id] = a
	}
	return out, rows.Err()
}
