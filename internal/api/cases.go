package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// The officers' cases (/pengawasan on the pages): lists, one case with its
// history, and its moves and assignment. Another officer's case is not
// found; a caller whose role never handles cases is refused (403).

// CaseJSON is a case as officers' lists show it: no complainant's data.
type CaseJSON struct {
	ID           int64    `json:"id"`
	Number       string   `json:"number"`
	Kind         string   `json:"kind"`
	Category     string   `json:"category,omitempty"`
	DisputeType  string   `json:"dispute_type,omitempty"`
	Region       string   `json:"region"`
	EmployerID   int64    `json:"employer_id,omitempty"`
	Employer     string   `json:"employer"`
	State        string   `json:"state"`
	NextStates   []string `json:"next_states"`
	Deadline     string   `json:"deadline,omitempty"`
	Overdue      bool     `json:"overdue"`
	AssigneeID   int64    `json:"assignee_id,omitempty"`
	Assignee     string   `json:"assignee,omitempty"`
	SupervisorID int64    `json:"supervisor_id,omitempty"`
	EscalatedAt  string   `json:"escalated_at,omitempty"`
	Pooled       bool     `json:"pooled"`
	Retaliation  bool     `json:"retaliation"`
	LinkedCaseID int64    `json:"linked_case_id,omitempty"`
	Reports      int      `json:"reports"`
	Workers      int      `json:"workers"`
	BelowUMK     bool     `json:"below_umk"`
	OutcomeRef   string   `json:"outcome_ref,omitempty"`
	OpenedAt     string   `json:"opened_at"`
	UpdatedAt    string   `json:"updated_at"`
	ClosedAt     string   `json:"closed_at,omitempty"`
	URL          string   `json:"url"`
}

func caseJSON(k complaint.CaseSummary) CaseJSON {
	return CaseJSON{ID: k.ID, Number: k.Number(), Kind: k.Kind, Category: k.Category, DisputeType: k.DisputeType, Region: k.Region,
		EmployerID: k.EmployerID, Employer: k.EmployerName, State: k.State, NextStates: nonNil(complaint.NextStates(k.Kind, k.State)),
		Deadline: isoDate(k.Deadline), Overdue: k.Overdue, AssigneeID: k.AssigneeID, Assignee: k.AssigneeName, SupervisorID: k.SupervisorID,
		EscalatedAt: rfc3339(k.EscalatedAt), Pooled: k.Pooled, Retaliation: k.Retaliation, LinkedCaseID: k.LinkedCaseID,
		Reports: k.Reports, Workers: k.Workers, BelowUMK: k.BelowUMK, OutcomeRef: k.OutcomeRef, OpenedAt: rfc3339(k.OpenedAt),
		UpdatedAt: rfc3339(k.UpdatedAt), ClosedAt: rfc3339(k.ClosedAt), URL: fmt.Sprintf("/pengawasan/kasus/%d", k.ID)}
}

func boolParam(c *call, name string) (bool, error) {
	v := c.URL.Query().Get(name)
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, valid.New(name, "choose_one")
	}
	return b, nil
}

// caseFilter reads the query of a case list.
func caseFilter(c *call) (complaint.Filter, error) {
	q := c.URL.Query()
	f := complaint.Filter{Kind: q.Get("kind"), State: q.Get("state")}
	var errs valid.Errors
	if f.Kind != "" && f.Kind != complaint.KindInspection && f.Kind != complaint.KindDispute {
		errs.Add("kind", "choose_one")
	}
	var err error
	for name, dst := range map[string]*bool{"open": &f.Open, "overdue": &f.OnlyOverdue, "mine": &f.Mine} {
		if *dst, err = boolParam(c, name); err != nil {
			errs.Add(name, "choose_one")
		}
	}
	return f, errs.Err()
}

func (s *Server) listCases(w http.ResponseWriter, c *call) error {
	f, err := caseFilter(c)
	if err != nil {
		return err
	}
	list, err := s.App.Complaints.Cases(c.Context(), c.User, f)
	if err != nil {
		return err
	}
	out := []CaseJSON{}
	for _, k := range list {
		out = append(out, caseJSON(k))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// CaseDetailJSON is a case with its history, findings, sessions, the
// employer's responses and its complaints (ids only).
type CaseDetailJSON struct {
	CaseJSON
	Events     []CaseEventJSON `json:"events"`
	Findings   []FindingJSON   `json:"findings"`
	Sessions   []SessionJSON   `json:"sessions"`
	Responses  []ResponseJSON  `json:"responses"`
	Complaints []int64         `json:"complaints"`
}

// CaseEventJSON is one change of a case.
type CaseEventJSON struct {
	At       string `json:"at"`
	Actor    string `json:"actor,omitempty"`
	Kind     string `json:"kind"`
	From     string `json:"from,omitempty"`
	To       string `json:"to,omitempty"`
	Reason   string `json:"reason,omitempty"`
	Deadline string `json:"deadline,omitempty"`
}

// writeCase answers with case id as the caller may see it.
func (s *Server) writeCase(w http.ResponseWriter, c *call, id int64) error {
	k, err := s.App.Complaints.Case(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	j := CaseDetailJSON{CaseJSON: caseJSON(k.CaseSummary), Events: []CaseEventJSON{}, Findings: findingsJSON(k.Findings),
		Sessions: sessionsJSON(k.Sessions), Responses: responsesJSON(k.Responses), Complaints: k.Complaints}
	if j.Complaints == nil {
		j.Complaints = []int64{}
	}
	for _, e := range k.Events {
		j.Events = append(j.Events, CaseEventJSON{At: rfc3339(e.At), Actor: e.ActorName, Kind: e.Kind, From: e.From, To: e.To,
			Reason: e.Reason, Deadline: isoDate(e.Deadline)})
	}
	return writeJSON(w, http.StatusOK, j)
}

func (s *Server) getCase(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return s.writeCase(w, c, id)
}

// caseChange reads case {id} and the body into b, runs the change and
// answers with the case as it now stands. The change itself is the store's
// call, which decides who may make it.
func (s *Server) caseChange(w http.ResponseWriter, c *call, b any, change func(id int64) error) error {
	id, err := idAndBody(w, c, b)
	if err != nil {
		return err
	}
	if err := change(id); err != nil {
		return err
	}
	return s.writeCase(w, c, id)
}

// parseWhen reads an RFC 3339 time, or a YYYY-MM-DD civil date (WIB).
func parseWhen(field, v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if d, err := wib.ParseDate(v); err == nil {
		return d, nil
	}
	return time.Time{}, valid.New(field, "date_invalid")
}

type caseMoveBody struct {
	To      string `json:"to"`
	Reason  string `json:"reason"`
	Date    string `json:"date"`
	Place   string `json:"place"`
	Ref     string `json:"ref"`
	Officer int64  `json:"officer_id"`
}

func (s *Server) moveCase(w http.ResponseWriter, c *call) error {
	var b caseMoveBody
	return s.caseChange(w, c, &b, func(id int64) error {
		date, err := parseWhen("date", b.Date)
		if err != nil {
			return err
		}
		return s.App.Complaints.Move(c.Context(), c.User, id, complaint.MoveInput{To: b.To, Reason: b.Reason, Date: date,
			Place: b.Place, Ref: b.Ref, Officer: b.Officer})
	})
}

type assignBody struct {
	Officer int64  `json:"officer_id"`
	Reason  string `json:"reason"`
}

func (s *Server) assignCase(w http.ResponseWriter, c *call) error {
	var b assignBody
	return s.caseChange(w, c, &b, func(id int64) error {
		_, err := s.App.Complaints.Assign(c.Context(), c.User, id, b.Officer, b.Reason)
		return err
	})
}
