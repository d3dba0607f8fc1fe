package complaint

import (
	"context"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Assign gives case id to officer (0: pick the officer covering its region
// with the fewest open cases). A verified inspection case moves to
// ditugaskan and a registered dispute to mediasi; a case already under way
// is reassigned without changing state. Only a supervisor may. Returns the
// assignee.
func (s *Store) Assign(ctx context.Context, u *auth.User, id, officer int64, reason string) (int64, error) {
	c, a, err := s.authorize(ctx, u, id, ActManage)
	if err != nil {
		return 0, err
	}
	return s.assign(ctx, a, c, officer, reason)
}

func (s *Store) assign(ctx context.Context, a Actor, c CaseSummary, officer int64, reason string) (int64, error) {
	var errs valid.Errors
	reason = checkReason(&errs, reason)
	to := Ditugaskan
	if c.Kind == KindDispute {
		to = Mediasi
	}
	first := CanMove(c.Kind, c.State, to)
	if !first && (c.AssigneeID == 0 || IsFinal(c.Kind, c.State)) {
		errs.Add("to", "status_change_invalid")
	}
	if err := errs.Err(); err != nil {
		return 0, err
	}
	role := string(OfficerRole(c.Kind))
	cands, err := s.queryOfficers(ctx, s.DB, `o.kind = ? AND o.active = ? AND EXISTS (SELECT 1 FROM user_roles r
		WHERE r.user_id = o.user_id AND r.role = o.kind)`, role, true)
	if err != nil {
		return 0, err
	}
	var pick Officer
	if officer == 0 {
		var ok bool
		if pick, ok = PickOfficer(cands, c.Region); !ok {
			return 0, valid.New("officer", "officer_unavailable")
		}
	} else {
		ok := false
		for _, o := range cands {
			if o.UserID == officer && covers(o.Regions, c.Region) {
				pick, ok = o, true
			}
		}
		if !ok {
			return 0, valid.New("officer", "officer_not_covering")
		}
	}
	supervisor := pick.SupervisorID
	if supervisor == 0 {
		supervisor = a.UserID
	}
	now := s.Now().UTC()
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		state, deadline := c.State, c.Deadline
		if first {
			state = to
			deadline, _ = s.deadlines().Due(c.Kind, to, s.today())
		}
		res, err := tx.ExecContext(ctx, `UPDATE cases SET state = ?, assignee_id = ?, supervisor_id = ?, deadline = ?,
			escalated_at = CASE WHEN ? THEN NULL ELSE escalated_at END, escalated_to = CASE WHEN ? THEN NULL ELSE escalated_to END,
			updated_at = ? WHERE id = ? AND state = ?`,
			state, pick.UserID, supervisor, nullDate(deadline), first, first, now, c.ID, c.State)
		if err != nil {
			return fmt.Errorf("assign case %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return valid.New("to", "status_change_invalid")
		}
		if first {
			if err := addEvent(ctx, tx, c.ID, now, a.UserID, "status", c.State, state, reason, deadline); err != nil {
				return err
			}
			// The complainant sees the state change.
			if err := s.tellCaseNews(ctx, tx, c.ID); err != nil {
				return err
			}
		}
		return addEvent(ctx, tx, c.ID, now, a.UserID, "tugas", "", "", fmt.Sprintf("%s: %s", pick.Name, reason), time.Time{})
	})
	if err != nil {
		return 0, err
	}
	return pick.UserID, nil
}
