package complaint

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/wib"
)

// CaseSummary is a case as officers' lists and boards show it: no
// complainant's identity or narrative.
type CaseSummary struct {
	ID           int64
	Kind         string
	Category     string // inspection cases
	DisputeType  string // disputes
	Region       string
	EmployerID   int64
	EmployerName string
	State        string
	Deadline     time.Time // of the current state; zero when none
	Overdue      bool      // the deadline has passed (WIB), judged at the store's Now
	AssigneeID   int64
	AssigneeName string
	SupervisorID int64
	EscalatedTo  int64
	EscalatedAt  time.Time
	Pooled       bool
	Retaliation  bool
	LinkedCaseID int64
	Reports      int  // complaints in the case
	Workers      int  // workers affected, summed over its complaints
	BelowUMK     bool // a complaint reported a wage below the UMK
	OutcomeRef   string
	OpenedAt     time.Time
	UpdatedAt    time.Time
	ClosedAt     time.Time
}

// Number is the case number officers quote: PK (pemeriksaan) or PHI
// (perselisihan), the year opened (WIB) and the id.
func (c CaseSummary) Number() string {
	p := "PK"
	if c.Kind == KindDispute {
		p = "PHI"
	}
	return fmt.Sprintf("%s-%d-%05d", p, c.OpenedAt.In(wib.Zone).Year(), c.ID)
}

func (c CaseSummary) facts() CaseFacts {
	return CaseFacts{Kind: c.Kind, State: c.State, Region: c.Region, AssigneeID: c.AssigneeID,
		AssigneeSupervisorID: c.SupervisorID, EmployerID: c.EmployerID}
}

const caseCols = `k.id, k.kind, k.category, k.dispute_type, k.region, COALESCE(k.employer_id, 0),
	COALESCE(e.name, k.employer_name), k.state, k.deadline, COALESCE(k.assignee_id, 0), COALESCE(ua.name, ''),
	COALESCE(k.supervisor_id, 0), COALESCE(k.escalated_to, 0), k.escalated_at, k.pooled, k.retaliation,
	COALESCE(k.linked_case_id, 0), k.outcome_ref, k.opened_at, k.updated_at, k.closed_at,
	(SELECT count(*) FROM complaints c WHERE c.case_id = k.id),
	(SELECT COALESCE(sum(c.workers_affected), 0) FROM complaints c WHERE c.case_id = k.id),
	(SELECT count(*) FROM complaints c WHERE c.case_id = k.id AND c.below_umk = TRUE)`

const caseFrom = ` FROM cases k LEFT JOIN employers e ON e.id = k.employer_id LEFT JOIN users ua ON ua.id = k.assignee_id`

func (s *Store) scanCase(sc interface{ Scan(...any) error }) (CaseSummary, error) {
	var c CaseSummary
	var deadline, escalated, closed sql.NullTime
	var below int
	err := sc.Scan(&c.ID, &c.Kind, &c.Category, &c.DisputeType, &c.Region, &c.EmployerID, &c.EmployerName, &c.State,
		&deadline, &c.AssigneeID, &c.AssigneeName, &c.SupervisorID, &c.EscalatedTo, &escalated, &c.Pooled, &c.Retaliation,
		&c.LinkedCaseID, &c.OutcomeRef, &c.OpenedAt, &c.UpdatedAt, &closed, &c.Reports, &c.Workers, &below)
	if err != nil {
		return CaseSummary{}, err
	}
	c.Deadline, c.EscalatedAt, c.ClosedAt, c.BelowUMK = deadline.Time, escalated.Time, closed.Time, below > 0
	c.Overdue = !c.Deadline.IsZero() && c.Deadline.Before(s.today()) && !IsFinal(c.Kind, c.State)
	return c, nil
}

func (s *Store) getCase(ctx context.Context, q db.Querier, id int64) (CaseSummary, error) {
	c, err := s.scanCase(q.QueryRowContext(ctx, `SELECT `+caseCols+caseFrom+` WHERE k.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return CaseSummary{}, fmt.Errorf("case %d: %w", id, db.ErrNotFound)
	}
	if err != nil {
		return CaseSummary{}, fmt.Errorf("case %d: %w", id, err)
	}
	return c, nil
}

func (s *Store) listCases(ctx context.Context, where string, args ...any) ([]CaseSummary, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT `+caseCols+caseFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	var out []CaseSummary
	for rows.Next() {
		c, err := s.scanCase(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
