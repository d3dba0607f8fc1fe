package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/vacancy"
)

// alertAPI lists the endpoints for saved searches and job alerts.
func (s *Server) alertAPI() []route {
	return []route{
		{"GET", "/api/v1/me/saved-searches", s.listSavedSearches},
		{"POST", "/api/v1/me/saved-searches", s.saveSearch},
		{"PUT", "/api/v1/me/saved-searches/{id}", s.setSearchAlert},
		{"DELETE", "/api/v1/me/saved-searches/{id}", s.deleteSavedSearch},
		{"GET", "/api/v1/me/digest", s.getDigest},
		{"PUT", "/api/v1/me/digest", s.setDigest},
	}
}

// SavedSearchJSON is a saved vacancy search: the list's filters and the alert.
type SavedSearchJSON struct {
	ID        int64  `json:"id"`
	Q         string `json:"q"`
	Region    string `json:"region"`
	KBJI      string `json:"kbji"`
	Education string `json:"education"`
	MinWage   int64  `json:"min_wage"`
	Contract  string `json:"contract"`
	Alert     string `json:"alert"`
	URL       string `json:"url"`
	CreatedAt string `json:"created_at"`
}

func savedSearchJSON(ss alert.SavedSearch) SavedSearchJSON {
	f := ss.Filter
	return SavedSearchJSON{ID: ss.ID, Q: f.Q, Region: f.Region, KBJI: f.KBJI, Education: f.Education, MinWage: f.MinWage,
		Contract: f.Contract, Alert: ss.Alert, URL: ss.Link(), CreatedAt: ss.CreatedAt.UTC().Format(time.RFC3339)}
}

// SavedSearchInput is the body of POST /api/v1/me/saved-searches.
type SavedSearchInput struct {
	Q         string `json:"q"`
	Region    string `json:"region"`
	KBJI      string `json:"kbji"`
	Education string `json:"education"`
	MinWage   int64  `json:"min_wage"`
	Contract  string `json:"contract"`
	Alert     string `json:"alert"`
}

func (s *Server) listSavedSearches(w http.ResponseWriter, c *call) error {
	list, err := s.App.Alerts.List(c.Context(), c.User)
	if err != nil {
		return err
	}
	items := make([]SavedSearchJSON, 0, len(list))
	for _, ss := range list {
		items = append(items, savedSearchJSON(ss))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) saveSearch(w http.ResponseWriter, c *call) error {
	var in SavedSearchInput
	if err := decode(w, c, &in); err != nil {
		return err
	}
	ss, err := s.App.Alerts.Save(c.Context(), c.User, alert.Input{Alert: in.Alert, Filter: vacancy.Filter{Q: in.Q,
		Region: in.Region, KBJI: in.KBJI, Education: in.Education, MinWage: in.MinWage, Contract: in.Contract}})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/me/saved-searches/"+strconv.FormatInt(ss.ID, 10))
	return writeJSON(w, http.StatusCreated, savedSearchJSON(ss))
}

type alertBody struct {
	Alert string `json:"alert"`
}

func (s *Server) setSearchAlert(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	var b alertBody
	if err := decode(w, c, &b); err != nil {
		return err
	}
	ss, err := s.App.Alerts.SetAlert(c.Context(), c.User, id, b.Alert)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, savedSearchJSON(ss))
}

func (s *Server) deleteSavedSearch(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if err := s.App.Alerts.Delete(c.Context(), c.User, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// DigestJSON says whether the daily "Lowongan untuk Anda" digest is on.
type DigestJSON struct {
	Enabled bool `json:"enabled"`
}

func (s *Server) getDigest(w http.ResponseWriter, c *call) error {
	on, err := s.App.Alerts.DigestEnabled(c.Context(), c.User)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, DigestJSON{Enabled: on})
}

func (s *Server) setDigest(w http.ResponseWriter, c *call) error {
	var b DigestJSON
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if err := s.App.Alerts.SetDigest(c.Context(), c.User, b.Enabled); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, b)
}
