package web

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/vacancy"
)

// searchRoutes registers the admin's page for the search's synonyms.
func (s *Server) searchRoutes(mux *http.ServeMux) {
	mux.Handle("GET /admin/sinonim", s.page(s.synonyms))
	mux.Handle("POST /admin/sinonim", s.page(s.addSynonyms))
	mux.Handle("POST /admin/sinonim/{id}/hapus", s.page(s.removeSynonyms))
}

type synonymsData struct {
	Groups  []vacancy.SynonymGroup
	Shipped int
	Max     int
}

func (s *Server) synonymsPage(w http.ResponseWriter, r *req, b base, status int) error {
	list, err := s.App.Vacancies.SynonymGroups(r.Context(), r.User)
	if err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "admin_synonyms", b, synonymsData{Groups: list, Shipped: vacancy.ShippedSynonymGroups(), Max: vacancy.MaxSynonymMembers})
}

func (s *Server) synonyms(w http.ResponseWriter, r *req) error {
	return s.synonymsPage(w, r, s.newBase(w, r, "search.synonyms.title"), http.StatusOK)
}

func (s *Server) addSynonyms(w http.ResponseWriter, r *req) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	_, err := s.App.Vacancies.AddSynonyms(r.Context(), r.User, vacancy.SynonymInput{Members: r.PostFormValue("members"), Source: r.PostFormValue("source")})
	if b, isValid := s.withErrors(s.newBase(w, r, "search.synonyms.title"), r, err); isValid {
		b.Form = r.PostForm
		return s.synonymsPage(w, r, b, http.StatusUnprocessableEntity)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "search.synonyms.added")
	http.Redirect(w, r.Request, "/admin/sinonim", http.StatusSeeOther)
	return nil
}

func (s *Server) removeSynonyms(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	if err := s.App.Vacancies.RemoveSynonyms(r.Context(), r.User, id); err != nil {
		return err
	}
	s.flash(w, r, "search.synonyms.removed")
	http.Redirect(w, r.Request, "/admin/sinonim", http.StatusSeeOther)
	return nil
}
