package web

import (
	"net/http"
	"strconv"

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

// employerFindingsData loads the findings addressed to the user's company;
// ok is false when they own none yet. The store refuses (403) a user whose
// roles never read findings, whether or not they own a company.
func (s *Server) employerFindingsData(r *req) (d findingsData, ok bool, err error) {
	d.E, ok, err = s.myEmployer(r)
	if err != nil {
		return findingsData{}, false, err
	}
	// d.E.ID is 0 without a company: the store then only checks the role.
	if d.Cases, err = s.App.Complaints.EmployerCases(r.Context(), r.User, d.E.ID); err != nil {
		return findingsData{}, false, err
	}
	return d, ok, nil
}

func (s *Server) employerFindings(w http.ResponseWriter, r *req) error {
	if r.User == nil {
		return errLogin
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
	id, err := accountFormID(w, r)
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
