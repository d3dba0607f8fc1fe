package complaint

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/valid"
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

// authorize loads case id and u's actor and checks act.
func (s *Store) authorize(ctx context.Context, u *auth.User, id int64, act Action) (CaseSummary, Actor, error) {
	c, err := s.getCase(ctx, s.DB, id)
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	a, err := s.ActorFor(ctx, u)
	if err != nil {
		return CaseSummary{}, Actor{}, err
	}
	if !Allowed(a, act, c.facts()) {
		return CaseSummary{}, Actor{}, ErrForbidden
	}
	return c, a, nil
}

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
// content only through OpenComplaint, which is audited).
type CaseDetail struct {
	CaseSummary
	Events     []CaseEvent
	Findings   []Finding
	Sessions   []Session
	Responses  []Response
	Complaints []int64
}

// Case shows case id to an officer allowed to view it.
func (s *Store) Case(ctx context.Context, u *auth.User, id int64) (CaseDetail, error) {
	c, _, err := s.authorize(ctx, u, id, ActView)
	if err != nil {
		return CaseDetail{}, err
	}
	d := CaseDetail{CaseSummary: c}
	rows, err := s.DB.QueryContext(ctx, `SELECT ev.at, COALESCE(ev.actor_id, 0), COALESCE(u.name, ''), ev.kind, ev.from_state,
		ev.to_state, ev.reason, ev.deadline FROM case_events ev LEFT JOIN users u ON u.id = ev.actor_id
		WHERE ev.case_id = ? ORDER BY ev.at, ev.id`, id)
	if err != nil {
		return CaseDetail{}, fmt.Errorf("case %d events: %w", id, err)
	}
	for rows.Next() {
		var e CaseEvent
		var dl sql.NullTime
		if err := rows.Scan(&e.At, &e.ActorID, &e.ActorName, &e.Kind, &e.From, &e.To, &e.Reason, &dl); err != nil {
			rows.Close()
			return CaseDetail{}, err
		}
		e.Deadline = dl.Time
		d.Events = append(d.Events, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
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
	crow, err := s.DB.QueryContext(ctx, `SELECT id FROM complaints WHERE case_id = ? ORDER BY id`, id)
	if err != nil {
		return CaseDetail{}, err
	}
	defer crow.Close()
	for crow.Next() {
		var cid int64
		if err := crow.Scan(&cid); err != nil {
			return CaseDetail{}, err
		}
		d.Complaints = append(d.Complaints, cid)
	}
	return d, crow.Err()
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

// MoveInput is a change of state.
type MoveInput struct {
	To     string
	Reason string // why; required, and shown to complainants when the case ends
	// Date: the inspection visit (pemeriksaan_dijadwalkan, required), or
	// the compliance day a nota names (nota_1, nota_2; else the default
	// period), as a WIB civil date.
	Date time.Time
	// Place of the inspection visit.
	Place string
	// Ref: the agreement's registration number at the PHI
	// (perjanjian_bersama) or the court case number (gugatan_phi).
	Ref string
	// Officer: whom to assign when moving to ditugaskan or mediasi
	// (0 picks by coverage and load, as Assign does).
	Officer int64
}

func checkReason(errs *valid.Errors, reason string) string {
	reason = strings.TrimSpace(reason)
	switch n := utf8.RuneCountInString(reason); {
	case n == 0:
		errs.Add("reason", "reason_required")
	case n > 2000:
		errs.Add("reason", "too_long", "max", 2000)
	}
	return reason
}

// Move changes case id's state, as the transition table allows, recording
// who, when and why, and the new state's deadline (working days, from
// today in WIB). Before anyone is assigned only a supervisor may move a
// case; after, the assignee or a supervisor.
func (s *Store) Move(ctx context.Context, u *auth.User, id int64, in MoveInput) error {
	c, err := s.getCase(ctx, s.DB, id)
	if err != nil {
		return err
	}
	a, err := s.ActorFor(ctx, u)
	if err != nil {
		return err
	}
	act := ActWork
	if c.AssigneeID == 0 {
		act = ActManage
	}
	if !Allowed(a, act, c.facts()) {
		return ErrForbidden
	}
	if in.To == Ditugaskan || in.To == Mediasi {
		if !CanMove(c.Kind, c.State, in.To) {
			return valid.New("to", "status_change_invalid")
		}
		_, err := s.assign(ctx, a, c, in.Officer, in.Reason)
		return err
	}
	return s.move(ctx, a.UserID, c, in)
}

func (s *Store) move(ctx context.Context, actor int64, c CaseSummary, in MoveInput) error {
	var errs valid.Errors
	if !CanMove(c.Kind, c.State, in.To) {
		errs.Add("to", "status_change_invalid")
		return errs
	}
	in.Reason = checkReason(&errs, in.Reason)
	today := s.today()
	in.Ref = cleanText(in.Ref)
	in.Place = cleanText(in.Place)
	switch in.To {
	case PemeriksaanDijadwalkan:
		switch {
		case in.Date.IsZero():
			errs.Add("date", "required")
		case wib.Date(in.Date).Before(today):
			errs.Add("date", "date_past")
		}
		if utf8.RuneCountInString(in.Place) > 300 {
			errs.Add("place", "too_long", "max", 300)
		}
	case Nota1, Nota2:
		if !in.Date.IsZero() && !wib.Date(in.Date).After(today) {
			errs.Add("date", "deadline_past")
		}
	case PerjanjianBersama, GugatanPHI:
		if in.Ref == "" {
			errs.Add("ref", "required")
		} else if utf8.RuneCountInString(in.Ref) > 100 {
			errs.Add("ref", "too_long", "max", 100)
		}
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if c.Kind == KindInspection {
			fs, err := s.findings(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			substantiated := 0
			for _, f := range fs {
				if f.Substantiated {
					substantiated++
				}
			}
			switch in.To {
			case Temuan:
				if len(fs) == 0 {
					errs.Add("to", "finding_required")
				}
			case Nota1, Nota2, Selesai, DilimpahkanPPNS:
				if substantiated == 0 {
					errs.Add("to", "finding_not_substantiated")
				}
			case DitutupTidakTerbukti:
				if substantiated > 0 {
					errs.Add("to", "finding_substantiated")
				}
			}
		}
		if err := errs.Err(); err != nil {
			return err
		}
		from := today
		if in.To == PemeriksaanDijadwalkan {
			from = wib.Date(in.Date)
		}
		deadline, _ := s.deadlines().Due(c.Kind, in.To, from)
		if (in.To == Nota1 || in.To == Nota2) && !in.Date.IsZero() {
			deadline = wib.Date(in.Date)
		}
		var closed any
		if IsFinal(c.Kind, in.To) {
			closed = now
		}
		res, err := tx.ExecContext(ctx, `UPDATE cases SET state = ?, deadline = ?, escalated_at = NULL, escalated_to = NULL,
			outcome_ref = CASE WHEN ? <> '' THEN ? ELSE outcome_ref END, closed_at = ?, updated_at = ?
			WHERE id = ? AND state = ?`, in.To, nullDate(deadline), in.Ref, in.Ref, closed, now, c.ID, c.State)
		if err != nil {
			return fmt.Errorf("move case %d: %w", c.ID, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			// Someone moved it meanwhile.
			return valid.New("to", "status_change_invalid")
		}
		reason := in.Reason
		if in.Ref != "" {
			reason += " (" + in.Ref + ")"
		}
		if in.To == PemeriksaanDijadwalkan {
			if _, err := tx.ExecContext(ctx, `INSERT INTO case_sessions (case_id, kind, at, place, note, created_by, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, KindInspection, in.Date.UTC(), in.Place, in.Reason, nullID(actor), now); err != nil {
				return err
			}
		}
		return addEvent(ctx, tx, c.ID, now, actor, "status", c.State, in.To, reason, deadline)
	})
}

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
		}
		return addEvent(ctx, tx, c.ID, now, a.UserID, "tugas", "", "", fmt.Sprintf("%s: %s", pick.Name, reason), time.Time{})
	})
	if err != nil {
		return 0, err
	}
	return pick.UserID, nil
}

// FindingInput is one finding of an inspection.
type FindingInput struct {
	Category      string
	Substantiated bool
	Summary       string // for the public record once final: what was found, naming no worker
}

// RecordFinding adds a finding to an inspection case during or after the
// visit (pemeriksaan_dijadwalkan or temuan).
func (s *Store) RecordFinding(ctx context.Context, u *auth.User, id int64, in FindingInput) error {
	c, a, err := s.authorize(ctx, u, id, ActWork)
	if err != nil {
		return err
	}
	var errs valid.Errors
	if c.Kind != KindInspection || (c.State != PemeriksaanDijadwalkan && c.State != Temuan) {
		errs.Add("to", "status_change_invalid")
	}
	if !contains(Categories, in.Category) {
		errs.Add("category", "choose_one")
	}
	in.Summary = strings.TrimSpace(in.Summary)
	switch n := utf8.RuneCountInString(in.Summary); {
	case n < minNarrative:
		errs.Add("summary", "narrative_short", "min", minNarrative)
	case n > 2000:
		errs.Add("summary", "too_long", "max", 2000)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	now := s.Now().UTC()
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO case_findings (case_id, category, substantiated, summary, recorded_by, recorded_at)
			VALUES (?, ?, ?, ?, ?, ?)`, id, in.Category, in.Substantiated, in.Summary, a.UserID, now); err != nil {
			return fmt.Errorf("finding on %d: %w", id, err)
		}
		verdict := "tidak terbukti"
		if in.Substantiated {
			verdict = "terbukti"
		}
		return addEvent(ctx, tx, id, now, a.UserID, "temuan", "", "", in.Category+" "+verdict, time.Time{})
	})
}

// SessionInput schedules a mediation session.
type SessionInput struct {
	At    time.Time
	Place string
	Note  string
}

// ScheduleSession adds a mediation session to a dispute in mediation.
func (s *Store) ScheduleSession(ctx context.Context, u *auth.User, id int64, in SessionInput) (int64, error) {
	c, a, err := s.authorize(ctx, u, id, ActWork)
	if err != nil {
		return 0, err
	}
	var errs valid.Errors
	if c.Kind != KindDispute || c.State != Mediasi {
		errs.Add("at", "session_not_now")
	}
	if in.At.IsZero() {
		errs.Add("at", "required")
	} else if in.At.Before(s.Now()) {
		errs.Add("at", "date_past")
	}
	in.Place, in.Note = cleanText(in.Place), strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(in.Place) > 300 {
		errs.Add("place", "too_long", "max", 300)
	}
	if utf8.RuneCountInString(in.Note) > 2000 {
		errs.Add("note", "too_long", "max", 2000)
	}
	if err := errs.Err(); err != nil {
		return 0, err
	}
	now := s.Now().UTC()
	var sid int64
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		sid, err = db.InsertID(ctx, tx, `INSERT INTO case_sessions (case_id, kind, at, place, note, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, id, Mediasi, in.At.UTC(), in.Place, in.Note, a.UserID, now)
		if err != nil {
			return fmt.Errorf("session on %d: %w", id, err)
		}
		return addEvent(ctx, tx, id, now, a.UserID, "sidang", "", "", in.At.In(wib.Zone).Format("2006-01-02 15:04")+" "+in.Place, time.Time{})
	})
	return sid, err
}
