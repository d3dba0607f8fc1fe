package web

import (
	"net/http"
	"strconv"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/complaint"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/valid"
)

// The employer's side of inspections: the findings addressed to its company
// and its answers (/perusahaan/temuan). Complainants are never named here
// unless they agreed to be.

type findingsData struct {
	E     employer.Employer
	Cases []complaint.EmployerCase
}

func (s *Server) employerFindingsData(r *req) (findingsData, bool, error) {
	e, ok, err := s.myEmployer(r)
	if err != nil || !ok {
		return findingsData{}, ok, err
	}
	cs, err := s.App.Complaints.EmployerCases(r.Context(), r.User, e.ID)
	return findingsData{E: e, Cases: cs}, true, err
}

func (s *Server) employerFindings(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.PostVacancy); err != nil {
		return err
	}
	d, ok, err := s.employerFindingsData(r)
	if err != nil {
		return err
	}
	if !ok {
		http.Redirect(w, r.Request, "/perusahaan/daftar", http.StatusSeeOther)
		return nil
	}
	b := s.newBase(w, r, "findings.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "employer_findings", b, d)
}

func (s *Server) employerRespond(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.PostVacancy); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = s.App.Complaints.Respond(r.Context(), r.User, id, r.PostFormValue("body"))
	if ve, ok := valid.As(err); ok {
		d, _, derr := s.employerFindingsData(r)
		if derr != nil {
			return derr
		}
		b, _ := s.withErrors(s.newBase(w, r, "findings.title"), r, ve)
		b.Robots = "noindex"
		return s.render(w, http.StatusUnprocessableEntity, "employer_findings", b, d)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.response_sent")
	http.Redirect(w, r.Request, "/perusahaan/temuan#kasus-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
