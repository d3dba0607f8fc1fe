package web

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/alert"
	"github.com/bursa-banten/bursa/internal/vacancy"
	"github.com/bursa-banten/bursa/internal/valid"
)

// alertRoutes registers saved searches and job alerts.
func (s *Server) alertRoutes(mux *http.ServeMux) {
	mux.Handle("GET /pencari/pencarian", s.page(s.savedSearches))
	mux.Handle("POST /pencari/pencarian", s.page(s.saveSearch))
	mux.Handle("POST /pencari/pencarian/{id}/kabar", s.page(s.setSearchAlert))
	mux.Handle("POST /pencari/pencarian/{id}/hapus", s.page(s.deleteSavedSearch))
	mux.Handle("POST /pencari/pencarian/untuk-anda", s.page(s.setDigest))
}

type savedSearchesData struct {
	Searches []alert.SavedSearch
	Alerts   []string
	Digest   bool
	Max      int
}

func (s *Server) savedSearches(w http.ResponseWriter, r *req) error {
	list, err := s.App.Alerts.List(r.Context(), r.User)
	if err != nil {
		return err
	}
	on, err := s.App.Alerts.DigestEnabled(r.Context(), r.User)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "saved.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "saved_searches", b, savedSearchesData{Searches: list, Alerts: alert.Alerts, Digest: on, Max: alert.MaxSaved})
}

// saveSearch keeps the search the list page shows (its filters come as
// hidden fields, read by the list's own parser).
func (s *Server) saveSearch(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	f, err := vacancy.ParseFilter(r.PostForm)
	if err == nil {
		_, err = s.App.Alerts.Save(r.Context(), r.User, alert.Input{Filter: f, Alert: r.PostFormValue("alert")})
	}
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
		http.Redirect(w, r.Request, "/lowongan?"+alert.FilterQuery(f).Encode(), http.StatusSeeOther)
		return nil
	}
	if err != nil {
		return err
	}
	s.flash(w, r, "flash.search_saved")
	http.Redirect(w, r.Request, "/pencari/pencarian", http.StatusSeeOther)
	return nil
}

func (s *Server) setSearchAlert(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Alerts.SetAlert(r.Context(), r.User, id, r.PostFormValue("alert"))
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.search_alert_set")
	}
	http.Redirect(w, r.Request, "/pencari/pencarian", http.StatusSeeOther)
	return nil
}

func (s *Server) deleteSavedSearch(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	if err := s.App.Alerts.Delete(r.Context(), r.User, id); err != nil {
		return err
	}
	s.flash(w, r, "flash.search_deleted")
	http.Redirect(w, r.Request, "/pencari/pencarian", http.StatusSeeOther)
	return nil
}

func (s *Server) setDigest(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	on := r.PostFormValue("enabled") == "1"
	if err := s.App.Alerts.SetDigest(r.Context(), r.User, on); err != nil {
		return err
	}
	key := "flash.digest_off"
	if on {
		key = "flash.digest_on"
	}
	s.flash(w, r, key)
	http.Redirect(w, r.Request, "/pencari/pencarian", http.StatusSeeOther)
	return nil
}
