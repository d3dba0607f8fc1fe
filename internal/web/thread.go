package web

import (
	"fmt"
	"net/http"
)

// threadRoutes registers an application's message thread, the same page for
// its seeker and its company, and the seeker's choice of shared contacts.
func (s *Server) threadRoutes(mux *http.ServeMux) {
	mux.Handle("GET /lamaran/{id}/pesan", s.page(s.threadPage))
	mux.Handle("POST /lamaran/{id}/pesan", s.page(s.threadWrite))
	mux.Handle("POST /lamaran/{id}/kontak", s.page(s.threadShare))
}

func (s *Server) threadPage(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := s.App.Vacancies.Thread(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "thread.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "thread", b, t)
}

func (s *Server) threadWrite(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	_, err = s.App.Vacancies.WriteMessage(r.Context(), r.User, id, r.PostFormValue("body"))
	if err := s.flashOutcome(w, r, err, "thread.sent"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/lamaran/%d/pesan#tulis", id), http.StatusSeeOther)
	return nil
}

func (s *Server) threadShare(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	err = s.App.Vacancies.ShareContacts(r.Context(), r.User, id, r.PostFormValue("phone") == "1", r.PostFormValue("email") == "1")
	if err := s.flashOutcome(w, r, err, "thread.shared"); err != nil {
		return err
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/lamaran/%d/pesan#kontak", id), http.StatusSeeOther)
	return nil
}
