package web

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/valid"
)

// Aspirasi: workers and unions propose policy to the province and the
// tripartite body; officials answer in public; anyone with an account
// supports a proposal once.

const aspirationsPerPage = 20

type aspirationsData struct {
	List      []complaint.Aspiration
	Audiences []string
	CanPost   bool
	Union     bool
	Page      int
	More      bool
}

func (s *Server) aspirationsData(r *req) (aspirationsData, error) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	list, err := s.App.Complaints.Aspirations(r.Context(), aspirationsPerPage+1, (page-1)*aspirationsPerPage)
	if err != nil {
		return aspirationsData{}, err
	}
	d := aspirationsData{List: list, Audiences: complaint.Audiences, CanPost: complaint.CanPostAspiration(r.User),
		Union: complaint.CanFileForUnion(r.User), Page: page}
	if len(d.List) > aspirationsPerPage {
		d.List, d.More = d.List[:aspirationsPerPage], true
	}
	return d, nil
}

func (s *Server) aspirations(w http.ResponseWriter, r *req) error {
	d, err := s.aspirationsData(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "aspirations", s.newBase(w, r, "aspiration.title"), d)
}

func (s *Server) aspirationPost(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := s.App.Complaints.PostAspiration(r.Context(), r.User, complaint.AspirationInput{Title: r.PostFormValue("title"),
		Body: r.PostFormValue("body"), Audience: r.PostFormValue("audience"), UnionName: r.PostFormValue("union_name")})
	if b, ok := s.withErrors(s.newBase(w, r, "aspiration.title"), r, err); ok {
		d, derr := s.aspirationsData(r)
		if derr != nil {
			return derr
		}
		return s.render(w, http.StatusUnprocessableEntity, "aspirations", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.aspiration_posted")
	http.Redirect(w, r.Request, "/aspirasi/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

type aspirationData struct {
	A         complaint.Aspiration
	CanAnswer bool
	CanReact  bool // logged in: may support
}

func (s *Server) renderAspiration(w http.ResponseWriter, r *req, status int, b base, id int64) error {
	a, err := s.App.Complaints.GetAspiration(r.Context(), id)
	if err != nil {
		return err
	}
	b.Title = a.Title
	return s.render(w, status, "aspiration", b, aspirationData{A: a, CanAnswer: complaint.CanAnswerAspiration(r.User), CanReact: r.User != nil})
}

func (s *Server) aspiration(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderAspiration(w, r, http.StatusOK, s.newBase(w, r, "aspiration.title"), id)
}

func (s *Server) aspirationSupport(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = s.App.Complaints.SupportAspiration(r.Context(), r.User, id)
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else {
		s.flash(w, r, "flash.aspiration_supported")
	}
	http.Redirect(w, r.Request, "/aspirasi/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}

func (s *Server) aspirationAnswer(w http.ResponseWriter, r *req) error {
	id, err := accountFormID(w, r)
	if err != nil {
		return err
	}
	err = s.App.Complaints.AnswerAspiration(r.Context(), r.User, id, r.PostFormValue("body"))
	if b, ok := s.withErrors(s.newBase(w, r, "aspiration.title"), r, err); ok {
		return s.renderAspiration(w, r, http.StatusUnprocessableEntity, b, id)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.aspiration_answered")
	http.Redirect(w, r.Request, "/aspirasi/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
