package training

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Appeal is a seeker's objection to a round's result (a wrong fact, a
// choice refused) and the provider's or office's written decision on it.
type Appeal struct {
	ID          int64
	RoundID     int64
	SeekerID    int64
	SeekerName  string
	Body        string
	FiledAt     time.Time
	Decided     bool
	Upheld      bool
	Decision    string
	DecidedBy   int64
	DeciderName string
	DecidedAt   time.Time
}

const maxAppeal = 4000

// FileAppeal records a seeker's appeal against an allocated round they
// applied in; one appeal per seeker and round.
func (s *Store) FileAppeal(ctx context.Context, roundID, seekerID int64, body string) (Appeal, error) {
	body = strings.TrimSpace(body)
	switch n := utf8.RuneCountInString(body); {
	case n < 10:
		return Appeal{}, valid.New("body", "appeal_short", "min", 10)
	case n > maxAppeal:
		return Appeal{}, valid.New("body", "too_long", "max", maxAppeal)
	}
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Appeal{}, err
	}
	if !r.Allocated() {
		return Appeal{}, valid.New("round", "appeal_not_allocated")
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM round_applications WHERE round_id = ? AND seeker_id = ?`,
		roundID, seekerID).Scan(&n); err != nil {
		return Appeal{}, fmt.Errorf("appeal in round %d: %w", roundID, err)
	}
	if n == 0 {
		return Appeal{}, valid.New("round", "appeal_not_applicant")
	}
	a := Appeal{RoundID: roundID, SeekerID: seekerID, Body: body, FiledAt: s.Now().UTC()}
	a.ID, err = db.InsertID(ctx, s.DB, `INSERT INTO round_appeals (round_id, seeker_id, body, filed_at) VALUES (?, ?, ?, ?)`,
		roundID, seekerID, body, a.FiledAt)
	if db.IsUniqueViolation(err) {
		return Appeal{}, valid.New("body", "appeal_exists")
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("appeal in round %d: %w", roundID, err)
	}
	return a, nil
}

// DecideAppeal records the decision on an appeal, with who made it and
// when; the decision text is shown to the seeker. The decider must see the
// appeal and may run its round (MayRunRound): in a provider's round its
// staff, in a province-wide round an officer. A decision is final.
func (s *Store) DecideAppeal(ctx context.Context, appealID, deciderID int64, upheld bool, decision string) error {
	a, err := actorByID(ctx, s.DB, deciderID)
	if err != nil {
		return err
	}
	if _, err := s.appealToDecide(ctx, a, appealID); err != nil {
		return err
	}
	decision = strings.TrimSpace(decision)
	if decision == "" {
		return valid.New("decision", "reason_required")
	}
	if utf8.RuneCountInString(decision) > maxAppeal {
		return valid.New("decision", "too_long", "max", maxAppeal)
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE round_appeals SET upheld = ?, decision = ?, decided_by = ?, decided_at = ?
			WHERE id = ? AND decided_at IS NULL`, upheld, decision, nullID(deciderID), now, appealID)
		if err != nil {
			return fmt.Errorf("decide appeal %d: %w", appealID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return valid.New("decision", "appeal_decided")
		}
		action := "training.appeal.reject"
		if upheld {
			action = "training.appeal.uphold"
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: deciderID, Action: action,
			SubjectType: "appeal", SubjectID: appealID, Detail: decision})
	})
}

const appealCols = `ap.id, ap.round_id, ap.seeker_id, sk.full_name, ap.body, ap.filed_at, ap.upheld, ap.decision,
	COALESCE(ap.decided_by, 0), COALESCE(u.name, ''), ap.decided_at`

const appealFrom = ` FROM round_appeals ap JOIN seekers sk ON sk.id = ap.seeker_id LEFT JOIN users u ON u.id = ap.decided_by`

func scanAppeal(sc interface{ Scan(...any) error }) (Appeal, error) {
	var a Appeal
	var upheld sql.NullBool
	var decided sql.NullTime
	err := sc.Scan(&a.ID, &a.RoundID, &a.SeekerID, &a.SeekerName, &a.Body, &a.FiledAt, &upheld, &a.Decision,
		&a.DecidedBy, &a.DeciderName, &decided)
	a.Decided, a.Upheld, a.DecidedAt = decided.Valid, upheld.Bool, decided.Time
	return a, err
}

// Appeal returns appeal id.
func (s *Store) Appeal(ctx context.Context, id int64) (Appeal, error) {
	a, err := scanAppeal(s.DB.QueryRowContext(ctx, `SELECT `+appealCols+appealFrom+` WHERE ap.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Appeal{}, fmt.Errorf("appeal %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return Appeal{}, fmt.Errorf("appeal %d: %w", id, err)
	}
	return a, nil
}

// AppealFilter picks appeals: those of one round, of one seeker, or those a
// provider must see (its own rounds', and in province-wide rounds those of
// applicants who ranked one of its programs). Zero fields do not filter.
type AppealFilter struct {
	RoundID     int64
	ProviderID  int64
	SeekerID    int64 // a seeker's own appeals
	OnlyPending bool
}

// providersSee is the condition (on round_appeals ap) that the appeal is
// one the providers listed by the SQL in ids (taking one argument, given
// twice) must see: in their own rounds, and in province-wide rounds those of
// applicants who ranked one of their programs.
func providersSee(ids string) string {
	return `(ap.round_id IN (SELECT id FROM intake_rounds WHERE provider_id IN (` + ids + `))
		OR EXISTS (SELECT 1 FROM round_choices c JOIN programs p ON p.id = c.program_id
			JOIN intake_rounds r ON r.id = c.round_id
			WHERE c.round_id = ap.round_id AND c.seeker_id = ap.seeker_id AND r.provider_id IS NULL
			AND p.provider_id IN (` + ids + `)))`
}

// AppealsFor lists appeals, oldest first.
func (s *Store) AppealsFor(ctx context.Context, f AppealFilter) ([]Appeal, error) {
	var where []string
	var args []any
	if f.RoundID != 0 {
		where = append(where, `ap.round_id = ?`)
		args = append(args, f.RoundID)
	}
	if f.ProviderID != 0 {
		where = append(where, providersSee(`?`))
		args = append(args, f.ProviderID, f.ProviderID)
	}
	if f.SeekerID != 0 {
		where = append(where, `ap.seeker_id = ?`)
		args = append(args, f.SeekerID)
	}
	if f.OnlyPending {
		where = append(where, `ap.decided_at IS NULL`)
	}
	q := `1 = 1`
	if len(where) > 0 {
		q = strings.Join(where, " AND ")
	}
	return s.appeals(ctx, q, args...)
}

// appeals lists the appeals matching where (a condition on round_appeals
// ap), oldest first.
func (s *Store) appeals(ctx context.Context, where string, args ...any) ([]Appeal, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+appealCols+appealFrom+` WHERE `+where+` ORDER BY ap.filed_at, ap.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list appeals: %w", err)
	}
	defer rows.Close()
	var out []Appeal
	for rows.Next() {
		a, err := scanAppeal(rows)
		if err != nil {
			return nil, fmt.Errorf("list appeals: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
