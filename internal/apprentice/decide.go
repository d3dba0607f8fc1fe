package apprentice

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/ledger"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Queue is the officers' list: programs waiting for a decision, the
// nearest deadline first (overdue ones are flagged), and the last ones
// decided.
type Queue struct {
	Waiting []Program
	Decided []Program
	Overdue int
}

// Queue returns the decision queue for an officer.
func (s *Store) Queue(ctx context.Context, u *auth.User) (Queue, error) {
	if err := auth.Require(u, auth.DecideApprenticeship); err != nil {
		return Queue{}, err
	}
	var q Queue
	var err error
	if q.Waiting, err = s.list(ctx, `p.status = ? ORDER BY p.decide_by, p.id`, Diajukan); err != nil {
		return Queue{}, err
	}
	for _, p := range q.Waiting {
		if p.Overdue {
			q.Overdue++
		}
	}
	q.Decided, err = s.list(ctx, `p.status <> ? ORDER BY p.decided_at DESC, p.id DESC LIMIT 20`, Diajukan)
	return q, err
}

// Decide approves or rejects program id (an officer). A rejection says
// why (the company reads it); an approval is public in the log with the
// program's terms.
func (s *Store) Decide(ctx context.Context, u *auth.User, id int64, approve *bool, reason string) (Program, error) {
	if err := auth.Require(u, auth.DecideApprenticeship); err != nil {
		return Program{}, err
	}
	p, err := s.get(ctx, id)
	if err != nil {
		return Program{}, err
	}
	reason = clean(reason)
	var errs valid.Errors
	switch {
	case p.Status != Diajukan:
		errs.Add("approve", "appr_decided")
	case approve == nil:
		errs.Add("approve", "required")
	case !*approve && utf8.RuneCountInString(reason) < 10:
		errs.Add("reason", "appr_reason", "min", 10)
	}
	if utf8.RuneCountInString(reason) > 1000 {
		errs.Add("reason", "too_long", "max", 1000)
	}
	if err := errs.Err(); err != nil {
		return Program{}, err
	}
	status := Ditolak
	if *approve {
		status = Disetujui
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE apprenticeships SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ? AND status = ?`,
			status, reason, u.ID, now, id, Diajukan)
		if err != nil {
			return fmt.Errorf("decide apprenticeship %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("approve", "appr_decided") // decided meanwhile
		}
		if status != Disetujui {
			return nil
		}
		_, err = ledger.Append(ctx, tx, ledger.Entry{Kind: ledger.ApprenticeshipApproved, At: now, Fields: map[string]any{
			"apprenticeship_id": p.ID, "employer_id": p.EmployerID, "employer": p.EmployerName, "title": p.Title,
			"occupation": p.Occupation, "standard": p.Standard, "region": p.Region, "seats": p.Seats, "months": p.Months,
			"theory_share": p.TheoryShare, "allowance": p.Allowance, "insurance": p.Insurance,
			"start_on": p.StartOn.Format(time.DateOnly), "decide_by": p.DecideBy.Format(time.DateOnly),
			"on_time": !now.After(endOfDay(p.DecideBy))}})
		return err
	})
	if err != nil {
		return Program{}, err
	}
	return s.get(ctx, id)
}

// DecidedLate reports whether the office decided after the last day it had.
func (p Program) DecidedLate() bool {
	return !p.DecidedAt.IsZero() && p.DecidedAt.After(endOfDay(p.DecideBy))
}

// endOfDay is the last instant of civil date d (kept as midnight UTC) in
// WIB: a decision made on its last day, in WIB, is on time.
func endOfDay(d time.Time) time.Time { return d.Add(24*time.Hour - 7*time.Hour) }
