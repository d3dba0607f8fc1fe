package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
)

// The officer registry: officers read it, the admin keeps it.

// OfficerJSON is an entry of the officer registry.
type OfficerJSON struct {
	UserID       int64    `json:"user_id"`
	Name         string   `json:"name"`
	Kind         string   `json:"kind"`
	Supervisor   bool     `json:"supervisor"`
	SupervisorID int64    `json:"supervisor_id,omitempty"`
	Regions      []string `json:"regions"`
	Active       bool     `json:"active"`
	OpenCases    int      `json:"open_cases"`
}

func officerJSON(o complaint.Officer) OfficerJSON {
	return OfficerJSON{UserID: o.UserID, Name: o.Name, Kind: o.Kind, Supervisor: o.Supervisor,
		SupervisorID: o.SupervisorID, Regions: nonNil(o.Regions), Active: o.Active, OpenCases: o.OpenCases}
}

func (s *Server) listOfficers(w http.ResponseWriter, c *call) error {
	q := c.URL.Query()
	offs, err := s.App.Complaints.Officers(c.Context(), c.User, q.Get("kind"), q.Get("region"))
	if err != nil {
		return err
	}
	out := []OfficerJSON{}
	for _, o := range offs {
		out = append(out, officerJSON(o))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

type officerBody struct {
	Kind         string   `json:"kind"`
	Supervisor   bool     `json:"supervisor"`
	SupervisorID int64    `json:"supervisor_id"`
	Regions      []string `json:"regions"`
	Active       bool     `json:"active"`
}

// setOfficer registers or updates user {id} in the registry and answers
// with the entry as saved.
func (s *Server) setOfficer(w http.ResponseWriter, c *call) error {
	var b officerBody
	id, err := idAndBody(w, c, &b)
	if err != nil {
		return err
	}
	if err := s.App.Complaints.SetOfficer(c.Context(), c.User, complaint.OfficerInput{UserID: id, Kind: b.Kind, Supervisor: b.Supervisor,
		SupervisorID: b.SupervisorID, Regions: b.Regions, Active: b.Active}); err != nil {
		return err
	}
	o, err := s.App.Complaints.Officer(c.Context(), c.User, id, b.Kind)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, officerJSON(o))
}
