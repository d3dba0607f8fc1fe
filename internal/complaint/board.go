package complaint

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wib"
)

// Filter narrows an officer's case list.
type Filter struct {
	Kind        string // "" for both
	State       string // "" for any
	Open        bool   // only cases not final
	OnlyOverdue bool
	Mine        bool // only cases assigned to the user
}

// Cases lists the cases u may view (assigned to them, or supervised by
// them), soonest deadline first: "my cases" for an officer, the work queue
// and board of a supervisor. Only case officers may list cases.
func (s *Store) Cases(ctx context.Context, u *auth.User, f Filter) ([]CaseSummary, error) {
	a, err := s.actorFor(ctx, u, caseOfficers)
	if err != nil {
		return nil, err
	}
	return s.cases(ctx, a, f)
}

func (s *Store) cases(ctx context.Context, a Actor, f Filter) ([]CaseSummary, error) {
	conds := []string{"k.assignee_id = ?", "k.supervisor_id = ?"}
	args := []any{a.UserID, a.UserID}
	for _, o := range a.Officers {
		if o.Supervisor && o.Active {
			conds = append(conds, "k.kind = ?")
			if o.Kind == string(auth.Mediator) {
				args = append(args, KindDispute)
			} else {
				args = append(args, KindInspection)
			}
		}
	}
	where := "(" + strings.Join(conds, " OR ") + ")"
	if f.Kind != "" {
		where += " AND k.kind = ?"
		args = append(args, f.Kind)
	}
	if f.State != "" {
		where += " AND k.state = ?"
		args = append(args, f.State)
	}
	if f.Mine {
		where += " AND k.assignee_id = ?"
		args = append(args, a.UserID)
	}
	list, err := s.listCases(ctx, where+` ORDER BY CASE WHEN k.deadline IS NULL THEN 1 ELSE 0 END, k.deadline, k.id`, args...)
	if err != nil {
		return nil, err
	}
	var out []CaseSummary
	for _, c := range list {
		if !Allowed(a, ActView, c.facts()) || (f.Open && IsFinal(c.Kind, c.State)) || (f.OnlyOverdue && !c.Overdue) {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

// Desk is an officer's work on one page: their own cases, a supervisor's
// queue of the other cases they oversee, the overdue ones among both, and
// the coming visits and sessions.
type Desk struct {
	Mine       []CaseSummary
	Queue      []CaseSummary // cases u supervises and is not assigned to
	Overdue    []CaseSummary
	Sessions   []Session
	Supervisor bool // u supervises the cases of some region
	Registered bool // u has an entry in the officer registry
}

// Desk assembles u's open work; only case officers have one.
func (s *Store) Desk(ctx context.Context, u *auth.User) (Desk, error) {
	a, err := s.actorFor(ctx, u, caseOfficers)
	if err != nil {
		return Desk{}, err
	}
	d := Desk{Registered: len(a.Officers) > 0}
	for _, o := range a.Officers {
		d.Supervisor = d.Supervisor || (o.Supervisor && o.Active)
	}
	open, err := s.cases(ctx, a, Filter{Open: true})
	if err != nil {
		return Desk{}, err
	}
	for _, c := range open {
		if c.AssigneeID == a.UserID {
			d.Mine = append(d.Mine, c)
		} else {
			d.Queue = append(d.Queue, c)
		}
		if c.Overdue {
			d.Overdue = append(d.Overdue, c)
		}
	}
	if d.Sessions, err = s.calendar(ctx, a.UserID, time.Time{}, time.Time{}); err != nil {
		return Desk{}, err
	}
	return d, nil
}

// Overdue lists every case not final whose deadline passed before now's
// WIB day, oldest deadline first: the board of late cases. It carries no
// complainant's data.
func (s *Store) Overdue(ctx context.Context, now time.Time) ([]CaseSummary, error) {
	fin := finalStates()
	list, err := s.listCases(ctx, `k.deadline < ? AND k.state NOT IN (`+placeholders(len(fin))+`)
		ORDER BY k.deadline, k.id`, append([]any{wib.Date(now)}, stringArgs(fin)...)...)
	for i := range list {
		list[i].Overdue = true
	}
	return list, err
}

// Escalate sends every overdue case not yet escalated for its current
// deadline to a supervisor: the assignee's, or one covering the region
// when nobody is assigned. A new deadline (the next state) clears the
// escalation. Run it periodically; it returns how many cases it escalated.
func (s *Store) Escalate(ctx context.Context, now time.Time) (int, error) {
	late, err := s.Overdue(ctx, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range late {
		if !c.EscalatedAt.IsZero() {
			continue
		}
		err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			to := c.SupervisorID
			if to == 0 {
				var err error
				if to, err = s.regionSupervisor(ctx, tx, c.Kind, c.Region); err != nil {
					return err
				}
			}
			res, err := tx.ExecContext(ctx, `UPDATE cases SET escalated_at = ?, escalated_to = ? WHERE id = ? AND state = ?
				AND escalated_at IS NULL`, now.UTC(), nullID(to), c.ID, c.State)
			if err != nil {
				return fmt.Errorf("escalate case %d: %w", c.ID, err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				return nil
			}
			n++
			reason := fmt.Sprintf("tenggat %s terlewati", c.Deadline.Format(time.DateOnly))
			if err := addEvent(ctx, tx, c.ID, now.UTC(), 0, "eskalasi", c.State, c.State, reason, c.Deadline); err != nil {
				return err
			}
			return s.tellOverdue(ctx, tx, c, to)
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// CalendarDays is how far ahead a calendar looks when not told.
const CalendarDays = 60

// Calendar lists the inspection visits and mediation sessions of the
// cases assigned to u from from until to; a zero from is the start of today
// (WIB), a zero to CalendarDays after from. Only case officers keep one.
func (s *Store) Calendar(ctx context.Context, u *auth.User, from, to time.Time) ([]Session, error) {
	if err := caseOfficers.check(u); err != nil {
		return nil, err
	}
	return s.calendar(ctx, u.ID, from, to)
}

func (s *Store) calendar(ctx context.Context, userID int64, from, to time.Time) ([]Session, error) {
	if from.IsZero() {
		today := s.today()
		from = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, wib.Zone)
	}
	if to.IsZero() {
		to = from.AddDate(0, 0, CalendarDays)
	}
	return s.sessions(ctx, `k.assignee_id = ? AND s.at >= ? AND s.at < ?`, userID, from.UTC(), to.UTC())
}
