package api

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// AppealJSON is an appeal and its decision.
type AppealJSON struct {
	ID        int64  `json:"id"`
	RoundID   int64  `json:"round_id"`
	SeekerID  int64  `json:"seeker_id"`
	Seeker    string `json:"seeker,omitempty"`
	Body      string `json:"body"`
	FiledAt   string `json:"filed_at"`
	Decided   bool   `json:"decided"`
	Upheld    *bool  `json:"upheld"`
	Decision  string `json:"decision,omitempty"`
	DecidedBy string `json:"decided_by,omitempty"`
	DecidedAt string `json:"decided_at,omitempty"`
}

func appealJSON(a training.Appeal, withName bool) AppealJSON {
	j := AppealJSON{ID: a.ID, RoundID: a.RoundID, SeekerID: a.SeekerID, Body: a.Body, FiledAt: rfc3339(a.FiledAt),
		Decided: a.Decided, Decision: a.Decision, DecidedBy: a.DeciderName, DecidedAt: rfc3339(a.DecidedAt)}
	if withName {
		j.Seeker = a.SeekerName
	}
	if a.Decided {
		up := a.Upheld
		j.Upheld = &up
	}
	return j
}

// AppealItemJSON is an appeal as its reader sees it.
type AppealItemJSON struct {
	Appeal    AppealJSON `json:"appeal"`
	MayDecide bool       `json:"may_decide"`
}

func appealItemJSON(c training.AppealCase) AppealItemJSON {
	return AppealItemJSON{Appeal: appealJSON(c.Appeal, true), MayDecide: c.MayDecide}
}

func (s *Server) fileAppeal(w http.ResponseWriter, c *call) error {
	var b struct {
		Body string `json:"body"`
	}
	id, sk, err := s.seekerPost(w, c, &b)
	if err != nil {
		return err
	}
	a, err := s.App.Training.FileAppeal(c.Context(), id, sk.ID, b.Body)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, appealJSON(a, false))
}

// listAppeals lists the appeals the caller may read: a seeker's own, their
// providers' (lembaga), those of province-wide rounds (petugas).
func (s *Server) listAppeals(w http.ResponseWriter, c *call) error {
	cs, err := s.App.Training.AppealsVisibleTo(c.Context(), c.User, c.URL.Query().Get("pending") == "true")
	if err != nil {
		return err
	}
	items := []AppealItemJSON{}
	for _, a := range cs {
		items = append(items, appealItemJSON(a))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": items, "total": len(items)})
}

// getAppeal is one appeal the caller may read; anyone else's is not found.
func (s *Server) getAppeal(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	a, err := s.App.Training.AppealFor(c.Context(), c.User, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, appealItemJSON(a))
}

func (s *Server) decideAppeal(w http.ResponseWriter, c *call) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	if _, err := s.App.Training.AppealToDecide(c.Context(), c.User, id); err != nil {
		return err
	}
	var b struct {
		Upheld   *bool  `json:"upheld"`
		Decision string `json:"decision"`
	}
	if err := decode(w, c, &b); err != nil {
		return err
	}
	if b.Upheld == nil {
		return valid.New("upheld", "required")
	}
	if err := s.App.Training.DecideAppeal(c.Context(), id, c.User.ID, *b.Upheld, b.Decision); err != nil {
		return err
	}
	a, err := s.App.Training.Appeal(c.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, appealJSON(a, true))
}
