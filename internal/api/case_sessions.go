package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/complaint"
)

// SessionJSON is an inspection visit or a mediation session.
type SessionJSON struct {
	ID     int64  `json:"id"`
	CaseID int64  `json:"case_id"`
	Kind   string `json:"kind"`
	At     string `json:"at"`
	Place  string `json:"place"`
	Note   string `json:"note"`
}

func sessionsJSON(ss []complaint.Session) []SessionJSON {
	out := []SessionJSON{}
	for _, x := range ss {
		out = append(out, SessionJSON{ID: x.ID, CaseID: x.CaseID, Kind: x.Kind, At: rfc3339(x.At), Place: x.Place, Note: x.Note})
	}
	return out
}

type sessionBody struct {
	At    string `json:"at"`
	Place string `json:"place"`
	Note  string `json:"note"`
}

// scheduleSession adds a mediation session to a dispute in mediation.
func (s *Server) scheduleSession(w http.ResponseWriter, c *call) error {
	var b sessionBody
	return s.caseChange(w, c, &b, func(id int64) error {
		at, err := parseWhen("at", b.At)
		if err != nil {
			return err
		}
		_, err = s.App.Complaints.ScheduleSession(c.Context(), c.User, id, complaint.SessionInput{At: at, Place: b.Place, Note: b.Note})
		return err
	})
}
