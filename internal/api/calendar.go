package api

import (
	"net/http"
	"time"

	"github.com/bursa-banten/bursa/internal/valid"
	"github.com/bursa-banten/bursa/internal/wib"
)

// calendar lists the caller's inspection visits and mediation sessions
// from ?from= to ?to= (civil dates in WIB, both included); the store
// chooses the window when they are left out.
func (s *Server) calendar(w http.ResponseWriter, c *call) error {
	q := c.URL.Query()
	var from, to time.Time
	var errs valid.Errors
	if v := q.Get("from"); v != "" {
		if d, err := wib.ParseDate(v); err == nil {
			from = wibMidnight(d)
		} else {
			errs.Add("from", "date_invalid")
		}
	}
	if v := q.Get("to"); v != "" {
		if d, err := wib.ParseDate(v); err == nil {
			to = wibMidnight(d.AddDate(0, 0, 1))
		} else {
			errs.Add("to", "date_invalid")
		}
	}
	if err := errs.Err(); err != nil {
		return err
	}
	ss, err := s.App.Complaints.Calendar(c.Context(), c.User, from, to)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": sessionsJSON(ss)})
}

// wibMidnight is the instant civil day d (a WIB date) begins.
func wibMidnight(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, wib.Zone)
}
