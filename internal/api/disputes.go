package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
)

// DisputeBody registers an industrial dispute.
type DisputeBody struct {
	Type             string   `json:"type"`
	EmployerID       int64    `json:"employer_id"`
	EmployerName     string   `json:"employer_name"`
	Region           string   `json:"region"`
	Narrative        string   `json:"narrative"`
	BipartiteStarted string   `json:"bipartite_started"`
	UnionName        string   `json:"union_name"`
	WorkersAffected  int      `json:"workers_affected"`
	Files            []string `json:"files"`
}

func (s *Server) fileDispute(w http.ResponseWriter, c *call) error {
	// Who may register a dispute is asked before a large upload is read.
	if err := complaint.CheckDisputeParty(c.User); err != nil {
		return err
	}
	var b DisputeBody
	files, err := decodeWithFiles(w, c, &b, &b.Files)
	defer complaint.CloseUploads(files)
	if err != nil {
		return err
	}
	r, err := s.App.Complaints.OpenDispute(c.Context(), c.User, complaint.DisputeInput{Type: b.Type, EmployerID: b.EmployerID,
		EmployerName: b.EmployerName, Region: b.Region, Narrative: b.Narrative, BipartiteStarted: b.BipartiteStarted,
		UnionName: b.UnionName, WorkersAffected: b.WorkersAffected, Files: files})
	if err != nil {
		return err
	}
	return writeNoStore(w, http.StatusCreated, receiptJSON(r))
}
