package training

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/alloc"
	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// MaxChoices is how many programs an applicant may rank in one round.
const MaxChoices = 5

// seedContext binds a sealed seed to its column.
const seedContext = "intake_rounds.seed"

// SeedSize is the size of a round's lottery seed in bytes.
const SeedSize = 32

// Round is an intake round.
type Round struct {
	ID         int64
	ProviderID int64 // 0 = province-wide
	Title      string
	OpensAt    time.Time
	ClosesAt   time.Time
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

// CloseDay is the civil day (WIB) on which eligibility and priority are
// judged: the day the round closes.
func (r Round) CloseDay() time.Time { return wib.Date(r.ClosesAt) }

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
	// Priority is the program's priority order when the round opened.
	Priority []string
}

// RoundInput opens a round.
type RoundInput struct {
	ProviderID int64 // 0 = province-wide
	Title      string
	Programs   []int64
	ClosesAt   time.Time
}

// OpenRound opens an intake round for programs, closing at in.ClosesAt. A
// provider's round is opened by its staff; a province-wide round (ProviderID
// 0) by an officer, which the caller checks. A fresh random seed is drawn
// and only its hash is shown until the round is allocated.
func (s *Store) OpenRound(ctx context.Context, actorID int64, in RoundInput) (Round, error) {
	now := s.Now().UTC().Truncate(time.Second)
	if in.ProviderID != 0 {
		if _, err := s.Provider(ctx, in.ProviderID); err != nil {
			return Round{}, err
		}
		if err := mustBeStaff(ctx, s.DB, in.ProviderID, actorID); err != nil {
			return Round{}, err
		}
	}
	var errs valid.Errors
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		errs.Add("title", "required")
	case n > 120:
		errs.Add("title", "too_long", "max", 120)
	}
	closes := in.ClosesAt.UTC().Truncate(time.Second)
	switch {
	case !closes.After(now):
		errs.Add("closes_at", "closes_past")
	case closes.After(now.AddDate(1, 0, 0)):
		errs.Add("closes_at", "closes_far")
	}
	ids := uniqueIDs(in.Programs)
	if len(ids) == 0 {
		errs.Add("programs", "programs_required")
	}
	seed := make([]byte, SeedSize)
	rand.Read(seed) // never fails (crypto/rand since Go 1.24)
	var id int64
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		byID := map[int64]Program{}
		if len(ids) > 0 {
			ps, err := s.programs(ctx, tx, "programs of new round", `SELECT `+programCols+programFrom+
				` WHERE p.id IN (`+placeholders(len(ids))+`)`, int64Args(ids), nil)
			if err != nil {
				return err
			}
			for _, p := range ps {
				byID[p.ID] = p
			}
		}
		for _, pid := range ids {
			p, ok := byID[pid]
			switch {
			case !ok:
				errs.Add("programs", "program_unknown", "id", pid)
				continue
			case in.ProviderID != 0 && p.ProviderID != in.ProviderID:
				errs.Add("programs", "program_other_provider", "program", p.Title)
				continue
			}
			var n int
			// One open round per program: two would split its seats, and
			// an applicant could hold a seat in both.
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM round_programs rp JOIN intake_rounds r ON r.id = rp.round_id
				WHERE rp.program_id = ? AND r.allocated_at IS NULL`, pid).Scan(&n); err != nil {
				return fmt.Errorf("rounds of program %d: %w", pid, err)
			}
			if n > 0 {
				errs.Add("programs", "program_in_round", "program", p.Title)
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		var err error
		id, err = db.InsertID(ctx, tx, `INSERT INTO intake_rounds (provider_id, title, opens_at, closes_at, seed, seed_hash, opened_by)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, nullID(in.ProviderID), in.Title, now, closes, s.Box.Seal(seed, seedContext),
			alloc.SeedHash(seed), nullID(actorID))
		if err != nil {
			return fmt.Errorf("open round: %w", err)
		}
		for _, pid := range ids {
			p := byID[pid]
			if _, err := tx.ExecContext(ctx, `INSERT INTO round_programs (round_id, program_id, seats, partner_id,
				partner_interviews, partner_hires, priority) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, pid, p.Seats, nullID(p.PartnerID), p.PartnerInterviews, p.PartnerHires, strings.Join(p.Priority, ",")); err != nil {
				return fmt.Errorf("open round: program %d: %w", pid, err)
			}
		}
		if _, err := ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.RoundOpened, At: now, Fields: map[string]any{
			"round_id": id, "provider_id": in.ProviderID, "programs": ids, "closes_at": closes.UTC().Format(time.RFC3339),
			"seed_hash": alloc.SeedHash(seed)}}); err != nil {
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

const roundCols = `r.id, COALESCE(r.provider_id, 0), r.title, r.opens_at, r.closes_at, r.seed, r.seed_hash, r.allocated_at,
	r.proposals, (SELECT count(*) FROM round_applications a WHERE a.round_id = r.id)`

func scanRound(sc interface{ Scan(...any) error }) (Round, error) {
	var r Round
	var allocated sql.NullTime
	err := sc.Scan(&r.ID, &r.ProviderID, &r.Title, &r.OpensAt, &r.ClosesAt, &r.Seed, &r.SeedHash, &allocated,
		&r.Proposals, &r.Applicants)
	r.AllocatedAt = allocated.Time
	// The seed is kept back until allocation: while applications are open,
	// knowing it would let someone work out who wins every tie.
	if !r.Allocated() {
		r.Seed = nil
	}
	return r, err
}

func (s *Store) round(ctx context.Context, q db.Querier, id int64) (Round, error) {
	r, err := scanRound(q.QueryRowContext(ctx, `SELECT `+roundCols+` FROM intake_rounds r WHERE r.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Round{}, fmt.Errorf("round %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Round{}, fmt.Errorf("round %d: %w", id, err)
	}
	rows, err := q.QueryContext(ctx, `SELECT rp.program_id, p.title, pr.name, rp.seats, rp.admitted, rp.is_full,
		rp.cutoff_class, rp.cutoff_seeker, rp.priority FROM round_programs rp JOIN programs p ON p.id = rp.program_id
		JOIN providers pr ON pr.id = p.provider_id WHERE rp.round_id = ? ORDER BY rp.program_id`, id)
	if err != nil {
		return Round{}, fmt.Errorf("programs of round %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var rp RoundProgram
		var class, seeker sql.NullInt64
		var priority string
		if err := rows.Scan(&rp.ProgramID, &rp.Title, &rp.ProviderName, &rp.Seats, &rp.Admitted, &rp.Full,
			&class, &seeker, &priority); err != nil {
			return Round{}, fmt.Errorf("programs of round %d: %w", id, err)
		}
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
	if err := rows.Err(); err != nil {
		return Round{}, fmt.Errorf("programs of round %d: %w", id, err)
	}
	return r, nil
}

// Round returns round id with its programs and, once allocated, their
// cutoffs and the revealed seed.
func (s *Store) Round(ctx context.Context, id int64) (Round, error) { return s.round(ctx, s.DB, id) }

func (s *Store) rounds(ctx context.Context, what, where string, args ...any) ([]Round, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT r.id FROM intake_rounds r WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	out := make([]Round, 0, len(ids))
	for _, id := range ids {
		r, err := s.Round(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// RoundsByProvider lists, newest first, a provider's own rounds and the
// province-wide rounds that include its programs; providerID 0 lists all
// province-wide rounds.
func (s *Store) RoundsByProvider(ctx context.Context, providerID int64) ([]Round, error) {
	if providerID == 0 {
		return s.rounds(ctx, "province-wide rounds", `r.provider_id IS NULL ORDER BY r.closes_at DESC, r.id DESC`)
	}
	return s.rounds(ctx, "rounds of provider", `r.provider_id = ? OR (r.provider_id IS NULL AND EXISTS (
		SELECT 1 FROM round_programs rp JOIN programs p ON p.id = rp.program_id WHERE rp.round_id = r.id AND p.provider_id = ?))
		ORDER BY r.closes_at DESC, r.id DESC`, providerID, providerID)
}

// OpenRounds lists the rounds taking applications now, soonest closing first.
func (s *Store) OpenRounds(ctx context.Context) ([]Round, error) {
	now := s.Now().UTC()
	return s.rounds(ctx, "open rounds", `r.allocated_at IS NULL AND r.opens_at <= ? AND r.closes_at > ?
		ORDER BY r.closes_at, r.id`, now, now)
}

// RoundsForSeeker lists the rounds a seeker applied in, newest first.
func (s *Store) RoundsForSeeker(ctx context.Context, seekerID int64) ([]Round, error) {
	return s.rounds(ctx, "rounds of seeker", `r.id IN (SELECT round_id FROM round_applications WHERE seeker_id = ?)
		ORDER BY r.closes_at DESC, r.id DESC`, seekerID)
}

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

// seekerFacts reads what eligibility needs from the seeker's profile.
func seekerFacts(ctx context.Context, q db.Querier, seekerID int64) (Applicant, error) {
	var a Applicant
	err := q.QueryRowContext(ctx, `SELECT birth_date, education, domicile_region FROM seekers WHERE id = ?`, seekerID).
		Scan(&a.BirthDate, &a.Education, &a.Domicile)
	if errors.Is(err, sql.ErrNoRows) {
		return Applicant{}, fmt.Errorf("seeker %d: %w", seekerID, db.ErrNotFound)
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
	a, err := seekerFacts(ctx, s.DB, seekerID)
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
	app := Application{RoundID: roundID, SeekerID: seekerID}
	var unemployed sql.NullTime
	err := s.DB.QueryRowContext(ctx, `SELECT dtks, unemployed_since, submitted_at FROM round_applications
		WHERE round_id = ? AND seeker_id = ?`, roundID, seekerID).Scan(&app.DTKS, &unemployed, &app.SubmittedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Application{}, false, nil
	}
	if err != nil {
		return Application{}, false, fmt.Errorf("application in round %d: %w", roundID, err)
	}
	app.UnemployedSince = unemployed.Time
	rows, err := s.DB.QueryContext(ctx, `SELECT program_id FROM round_choices WHERE round_id = ? AND seeker_id = ?
		ORDER BY preference`, roundID, seekerID)
	if err != nil {
		return Application{}, false, fmt.Errorf("application in round %d: %w", roundID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var pid int64
		if err := rows.Scan(&pid); err != nil {
			return Application{}, false, fmt.Errorf("application in round %d: %w", roundID, err)
		}
		app.Programs = append(app.Programs, pid)
	}
	return app, true, rows.Err()
}

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
// ErrAllocated. A provider's round is allocated by its staff; a
// province-wide round by an officer, which the caller checks.
func (s *Store) CloseAndAllocate(ctx context.Context, actorID, roundID int64) (Round, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Round{}, err
	}
	if r.ProviderID != 0 {
		if err := mustBeStaff(ctx, s.DB, r.ProviderID, actorID); err != nil {
			return Round{}, err
		}
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
		facts, err := applicants(ctx, tx, roundID)
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

// applicants reads the facts of every applicant of a round, as they stood
// when they applied.
func applicants(ctx context.Context, q db.Querier, roundID int64) (map[int64]Applicant, error) {
	rows, err := q.QueryContext(ctx, `SELECT a.seeker_id, sk.birth_date, a.education, a.domicile_region, a.dtks,
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
		if err := rows.Scan(&id, &a.BirthDate, &a.Education, &a.Domicile, &a.DTKS, &unemployed); err != nil {
			return nil, fmt.Errorf("applicants of round %d: %w", roundID, err)
		}
		a.UnemployedSince = unemployed.Time
		out[id] = a
	}
	return out, rows.Err()
}

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
	res := SeatResult{RoundID: roundID, SeekerID: seekerID, Seed: r.Seed, SeedHash: r.SeedHash,
		Lottery: alloc.Lottery(r.Seed, seekerID)}
	var seat sql.NullInt64
	err = s.DB.QueryRowContext(ctx, `SELECT program_id FROM round_results WHERE round_id = ? AND seeker_id = ?`,
		roundID, seekerID).Scan(&seat)
	if errors.Is(err, sql.ErrNoRows) {
		return SeatResult{}, fmt.Errorf("result of seeker %d in round %d: %w", seekerID, roundID, db.ErrNotFound)
	}
	if err != nil {
		return SeatResult{}, fmt.Errorf("result of seeker %d in round %d: %w", seekerID, roundID, err)
	}
	res.ProgramID = seat.Int64
	var ln sql.NullInt64
	if err := s.DB.QueryRowContext(ctx, `SELECT ledger_n, ledger_salt FROM round_applications WHERE round_id = ? AND seeker_id = ?`,
		roundID, seekerID).Scan(&ln, &res.Salt); err != nil {
		return SeatResult{}, fmt.Errorf("seat record of seeker %d in round %d: %w", seekerID, roundID, err)
	}
	res.LedgerN, res.Logged = ln.Int64, ln.Valid
	rps := map[int64]RoundProgram{}
	for _, rp := range r.Programs {
		rps[rp.ProgramID] = rp
	}
	rows, err := s.DB.QueryContext(ctx, `SELECT preference, program_id, priority_class FROM round_choices
		WHERE round_id = ? AND seeker_id = ? ORDER BY preference`, roundID, seekerID)
	if err != nil {
		return SeatResult{}, fmt.Errorf("result of seeker %d in round %d: %w", seekerID, roundID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c ChoiceResult
		if err := rows.Scan(&c.Preference, &c.ProgramID, &c.Class); err != nil {
			return SeatResult{}, fmt.Errorf("result of seeker %d in round %d: %w", seekerID, roundID, err)
		}
		rp := rps[c.ProgramID]
		c.Title, c.Seats, c.Admitted, c.Full, c.Cutoff, c.HasCutoff = rp.Title, rp.Seats, rp.Admitted, rp.Full, rp.Cutoff, rp.HasCutoff
		c.Key = alloc.Key{Class: uint16(c.Class), Lottery: res.Lottery, ApplicantID: seekerID}
		c.Seated = c.ProgramID == res.ProgramID
		c.Admits = !c.Full || (c.HasCutoff && !c.Cutoff.Less(c.Key))
		res.Choices = append(res.Choices, c)
	}
	return res, rows.Err()
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
