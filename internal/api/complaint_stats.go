package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
)

// complaintStats are the public figures: aggregated counts only.
func (s *Server) complaintStats(w http.ResponseWriter, c *call) error {
	cs, err := s.App.Complaints.PublicCounts(c.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"complaints": countJSON(cs.Complaints), "by_category": countsJSON(cs.ByCategory),
		"by_region": countsJSON(cs.ByRegion), "by_state": countsJSON(cs.ByState), "disputes": countJSON(cs.Disputes),
		"by_dispute_type": countsJSON(cs.ByDispute), "by_dispute_state": countsJSON(cs.ByOutcome)})
}

// countsJSON maps each key to its count; a withheld cell is a string, "<5"
// for a small one and "–" for one hidden because it would give a small one
// back, never its number.
func countsJSON(list []complaint.Count) map[string]any {
	out := map[string]any{}
	for _, x := range list {
		out[x.Key] = countJSON(x)
	}
	return out
}

func countJSON(x complaint.Count) any {
	if x.Few || x.Hidden {
		return x.Shown()
	}
	return x.N
}
