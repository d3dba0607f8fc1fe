package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
)

// Findings of inspections: the officer records them; the employer they are
// addressed to reads them, without the complainants unless they consented,
// and answers. Another company's findings are not found.

// FindingJSON is what an inspection found in one category.
type FindingJSON struct {
	ID            int64  `json:"id,omitempty"`
	Category      string `json:"category"`
	Substantiated bool   `json:"substantiated"`
	Summary       string `json:"summary"`
	RecordedAt    string `json:"recorded_at,omitempty"`
}

// ResponseJSON is an employer's answer to findings.
type ResponseJSON struct {
	Body string `json:"body"`
	At   string `json:"at"`
}

func findingsJSON(fs []complaint.Finding) []FindingJSON {
	out := []FindingJSON{}
	for _, f := range fs {
		out = append(out, FindingJSON{ID: f.ID, Category: f.Category, Substantiated: f.Substantiated, Summary: f.Summary, RecordedAt: rfc3339(f.RecordedAt)})
	}
	return out
}

func responsesJSON(rs []complaint.Response) []ResponseJSON {
	out := []ResponseJSON{}
	for _, r := range rs {
		out = append(out, ResponseJSON{Body: r.Body, At: rfc3339(r.At)})
	}
	return out
}

func (s *Server) recordFinding(w http.ResponseWriter, c *call) error {
	var b FindingJSON
	return s.caseChange(w, c, &b, func(id int64) error {
		return s.App.Complaints.RecordFinding(c.Context(), c.User, id, complaint.FindingInput{Category: b.Category,
			Substantiated: b.Substantiated, Summary: b.Summary})
	})
}

// EmployerCaseJSON is a case as the employer it concerns sees it.
type EmployerCaseJSON struct {
	ID           int64          `json:"id"`
	Number       string         `json:"number"`
	Category     string         `json:"category"`
	State        string         `json:"state"`
	ComplyBy     string         `json:"comply_by,omitempty"`
	Findings     []FindingJSON  `json:"findings"`
	Responses    []ResponseJSON `json:"responses"`
	Complainants []string       `json:"complainants"`
}

func (s *Server) employerFindings(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	list, err := s.App.Complaints.EmployerCases(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	out := []EmployerCaseJSON{}
	for _, k := range list {
		out = append(out, EmployerCaseJSON{ID: k.ID, Number: k.Number, Category: k.Category, State: k.State, ComplyBy: isoDate(k.Deadline),
			Findings: findingsJSON(k.Findings), Responses: responsesJSON(k.Responses), Complainants: nonNil(k.Complainants)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func (s *Server) respondFindings(w http.ResponseWriter, c *call) error {
	var b messageBody
	id, err := idAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Complaints.Respond(c.Context(), c.User, id, b.Body); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
