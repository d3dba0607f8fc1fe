package complaint

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
)

// CaseEvent is one change of a case, with who made it and why.
type CaseEvent struct {
	At        time.Time
	ActorID   int64
	ActorName string // "" for the system
	Kind      string // status, tugas, eskalasi, sidang, temuan, tanggapan, gabung
	From, To  string
	Reason    string
	Deadline  time.Time
}

// Finding is what an inspection found in one category.
type Finding struct {
	ID            int64
	Category      string
	Substantiated bool
	Summary       string // public once the case is final; names no worker
	RecordedAt    time.Time
}

// Session is an inspection visit or a mediation session.
type Session struct {
	ID     int64
	CaseID int64
	Kind   string // "pemeriksaan" or "mediasi"
	At     time.Time
	Place  string
	Note   string
}

// Response is an employer's answer to findings.
type Response struct {
	Body string
	At   time.Time
}

// CaseDetail is a case as its officers see it: the timeline, findings,
// sessions, the employer's responses and the complaints in it (by id; their
// content only through OpenComplaint, which is audited), with what the
// viewer may do to it now.
type CaseDetail struct {
	CaseSummary
	Events     []CaseEvent
	Findings   []Finding
	Sessions   []Session
	Responses  []Response
	Complaints []int64
	Permits
	// Worksite is the company where the work happens, when the case came
	// from a complaint about an outsourced vacancy (worksite.go).
	Worksite
}

// Permits are what the viewer of a case may do to it now: the forms a page
// offers. Each store method checks its own rule again when called; these
// only spare the viewer a form that would be refused.
type Permits struct {
	Next             []string  // states the viewer may move the case to
	CanAssign        bool      // choose who takes the case (when assigning or reassigning)
	CanReassign      bool      // reassign a case already under way
	CanRecordFinding bool      // add a finding (RecordFinding)
	CanSchedule      bool      // schedule a mediation session (ScheduleSession)
	Officers         []Officer // who may take the case, when CanAssign
}

// permits works out what a may do to case c.
func (s *Store) permits(ctx context.Context, a Actor, c CaseSummary) (Permits, error) {
	f := c.facts()
	work, manage := Allowed(a, ActWork, f), Allowed(a, ActManage, f)
	var p Permits
	if work {
		p.Next = NextStates(c.Kind, c.State)
	}
	p.CanAssign = manage && !IsFinal(c.Kind, c.State)
	p.CanReassign = p.CanAssign && c.AssigneeID != 0
	p.CanRecordFinding = work && findingsOpen(c)
	p.CanSchedule = work && sessionsOpen(c)
	if p.CanAssign {
		var err error
		if p.Officers, err = s.officersCovering(ctx, string(OfficerRole(c.Kind)), c.Region); err != nil {
			return Permits{}, err
		}
	}
	return p, nil
}

// Case shows case id to an officer allowed to view it; another officer's
// case is not found.
func (s *Store) Case(ctx context.Context, u *auth.User, id int64) (CaseDetail, error) {
	c, a, err := s.authorize(ctx, u, id, ActView)
	if err != nil {
		return CaseDetail{}, err
	}
	d := CaseDetail{CaseSummary: c}
	if d.Events, err = s.events(ctx, id); err != nil {
		return CaseDetail{}, err
	}
	if d.Findings, err = s.findings(ctx, s.DB, id); err != nil {
		return CaseDetail{}, err
	}
	if d.Sessions, err = s.sessions(ctx, `s.case_id = ?`, id); err != nil {
		return CaseDetail{}, err
	}
	if d.Responses, err = s.responses(ctx, id); err != nil {
		return CaseDetail{}, err
	}
	if d.Complaints, err = s.caseComplaints(ctx, id); err != nil {
		return CaseDetail{}, err
	}
	if d.Permits, err = s.permits(ctx, a, c); err != nil {
		return CaseDetail{}, err
	}
	if d.Worksite, err = worksiteOf(ctx, s.DB, id); err != nil {
		return CaseDetail{}, err
	}
	return d, nil
}

func (s *Store) events(ctx context.Context, caseID int64) ([]CaseEvent, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT ev.at, COALESCE(ev.actor_id, 0), COALESCE(u.name, ''), ev.kind, ev.from_state,
		ev.to_state, ev.reason, ev.deadline FROM case_events ev LEFT JOIN users u ON u.id = ev.actor_id
		WHERE ev.case_id = ? ORDER BY ev.at, ev.id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("case %d events: %w", caseID, err)
	}
	defer rows.Close()
	var out []CaseEvent
	for rows.Next() {
		var e CaseEvent
		var dl sql.NullTime
		if err := rows.Scan(&e.At, &e.ActorID, &e.ActorName, &e.Kind, &e.From, &e.To, &e.Reason, &dl); err != nil {
			return nil, err
		}
		e.Deadline = dl.Time
		out = append(out, e)
	}
	return out, rows.Err()
}

// caseComplaints lists the ids of the complaints in case caseID.
func (s *Store) caseComplaints(ctx context.Context, caseID int64) ([]int64, error) {
	ids, err := queryIDs(ctx, s.DB, `SELECT id FROM complaints WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("complaints of case %d: %w", caseID, err)
	}
	return ids, nil
}

func (s *Store) findings(ctx context.Context, q db.Querier, caseID int64) ([]Finding, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, category, substantiated, summary, recorded_at FROM case_findings
		WHERE case_id = ? ORDER BY id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("findings of %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []Finding
	for rows.Next() {
		var f Finding
		if err := rows.Scan(&f.ID, &f.Category, &f.Substantiated, &f.Summary, &f.RecordedAt); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

func (s *Store) sessions(ctx context.Context, where string, args ...any) ([]Session, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT s.id, s.case_id, s.kind, s.at, s.place, s.note FROM case_sessions s
		JOIN cases k ON k.id = s.case_id WHERE `+where+` ORDER BY s.at, s.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var se Session
		if err := rows.Scan(&se.ID, &se.CaseID, &se.Kind, &se.At, &se.Place, &se.Note); err != nil {
			return nil, err
		}
		out = append(out, se)
	}
	return out, rows.Err()
}

func (s *Store) responses(ctx context.Context, caseID int64) ([]Response, error) {
	rows, err := s.DB.QueryContext(ctx, `SELECT body, created_at FROM case_responses WHERE case_id = ? ORDER BY created_at, id`, caseID)
	if err != nil {
		return nil, fmt.Errorf("responses of %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []Response
	for rows.Next() {
		var r Response
		if err := rows.Scan(&r.Body, &r.At); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
