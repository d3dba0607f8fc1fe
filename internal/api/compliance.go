package api

import (
	"net/http"
)

// ComplianceCountJSON is one category of an employer's compliance record.
type ComplianceCountJSON struct {
	Category string `json:"category"`
	Findings int    `json:"findings"`
	Cases    int    `json:"cases"`
}

// PublicFindingJSON is a substantiated finding on the public record.
type PublicFindingJSON struct {
	Category string `json:"category"`
	Summary  string `json:"summary"`
	Outcome  string `json:"outcome"`
	FinalAt  string `json:"final_at"`
	// AtWorksite: a case against an outsourcing company or agency about
	// work done at this employer (alih daya).
	AtWorksite bool `json:"at_worksite"`
}

// compliance is an employer's public compliance record; anyone may read it.
func (s *Server) compliance(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	rec, err := s.App.Complaints.Compliance(c.Context(), id)
	if err != nil {
		return err
	}
	counts, findings := []ComplianceCountJSON{}, []PublicFindingJSON{}
	for _, x := range rec.ByCategory {
		counts = append(counts, ComplianceCountJSON{x.Category, x.Findings, x.Cases})
	}
	for _, f := range rec.Findings {
		findings = append(findings, PublicFindingJSON{f.Category, f.Summary, f.Outcome, rfc3339(f.FinalAt), f.AtWorksite})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"employer_id": id, "by_category": counts, "findings": findings})
}
