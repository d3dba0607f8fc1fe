package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/bursa-banten/bursa/internal/audit"
	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/seeker"
	"github.com/bursa-banten/bursa/internal/valid"
)

type queueData struct {
	Employers []employer.Employer
	Seekers   []seeker.Seeker
	CanIssue  bool
}

// officerQueue is the petugas's work list: employers to verify and seekers
// waiting for their AK/1 card.
func (s *Server) officerQueue(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.VerifyEmployer); err != nil {
		return err
	}
	es, err := s.App.Employers.Pending(r.Context(), 100)
	if err != nil {
		return err
	}
	d := queueData{Employers: es, CanIssue: r.User.Can(auth.IssueAK1)}
	if d.CanIssue {
		if d.Seekers, err = s.App.Seekers.Queue(r.Context(), 100); err != nil {
			return err
		}
	}
	b := s.newBase(w, r, "officer.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "officer", b, d)
}

func (s *Server) officerDecideEmployer(w http.ResponseWriter, r *req) error {
	id, err := formAction(w, r, auth.VerifyEmployer)
	if err != nil {
		return err
	}
	verify := r.PostFormValue("decision") == "verify"
	err = s.App.Employers.Decide(r.Context(), id, r.User.ID, verify, r.PostFormValue("reason"))
	s.App.Vacancies.Changed() // a rejection closes the employer's vacancies
	if ve, ok := valid.As(err); ok {
		s.flashErr(w, r, ve[0])
	} else if err != nil {
		return err
	} else if verify {
		s.flash(w, r, "flash.employer_verified")
	} else {
		s.flash(w, r, "flash.employer_rejected")
	}
	http.Redirect(w, r.Request, "/petugas", http.StatusSeeOther)
	return nil
}

type officerSeekerData struct {
	S       seeker.Seeker
	NIK     string
	Card    seeker.Card
	HasCard bool
	Audit   []audit.Entry
}

// officerSeeker shows one seeker to a petugas with the full NIK, to check it
// against the person's KTP; the opening is recorded in the audit trail.
func (s *Server) officerSeeker(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.ReadNIK); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	sk, err := s.App.Seekers.Get(r.Context(), id)
	if err != nil {
		return err
	}
	d := officerSeekerData{S: sk}
	if d.NIK, err = s.App.Seekers.NIKForOfficer(r.Context(), id, r.User.ID, "verifikasi AK/1"); err != nil {
		return err
	}
	if d.Card, d.HasCard, err = s.App.Seekers.Card(r.Context(), id); err != nil {
		return err
	}
	if d.Audit, err = audit.For(r.Context(), s.App.DB, "seeker", id, 20); err != nil {
		return err
	}
	b := s.newBase(w, r, "officer_seeker.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "officer_seeker", b, d)
}

func (s *Server) officerIssueAK1(w http.ResponseWriter, r *req) error {
	if err := need(r, auth.IssueAK1); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	_, err = s.App.Seekers.Issue(r.Context(), id, r.User.ID)
	switch {
	case errors.Is(err, seeker.ErrHasCard):
		s.flash(w, r, "flash.has_card")
	case err != nil:
		return err
	default:
		s.flash(w, r, "flash.card_issued")
	}
	http.Redirect(w, r.Request, fmt.Sprintf("/petugas/pencari/%d", id), http.StatusSeeOther)
	return nil
}
