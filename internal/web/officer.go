package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/bursa-banten/bursa/internal/employer"
	"github.com/bursa-banten/bursa/internal/seeker"
)

type queueData struct {
	Employers []employer.Employer
	Seekers   []seeker.Queued
	CanIssue  bool
}

// officerQueue is the petugas's work list: employers to verify and, for
// those who issue cards, seekers waiting for their AK/1 card.
func (s *Server) officerQueue(w http.ResponseWriter, r *req) error {
	es, err := s.App.Employers.Queue(r.Context(), r.User, 100)
	if err != nil {
		return err
	}
	d := queueData{Employers: es, CanIssue: seeker.MayIssue(r.User)}
	if d.CanIssue {
		if d.Seekers, err = s.App.Seekers.Queue(r.Context(), r.User, 100); err != nil {
			return err
		}
	}
	b := s.newBase(w, r, "officer.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "officer", b, d)
}

func (s *Server) officerDecideEmployer(w http.ResponseWriter, r *req) error {
	id, err := postedID(w, r)
	if err != nil {
		return err
	}
	verify := r.PostFormValue("decision") == "verify"
	err = s.App.Employers.DecideAs(r.Context(), r.User, id, verify, r.PostFormValue("reason"))
	s.App.Vacancies.Changed() // a rejection closes the employer's vacancies
	done := "flash.employer_rejected"
	if verify {
		done = "flash.employer_verified"
	}
	if err := s.flashOutcome(w, r, err, done); err != nil {
		return err
	}
	http.Redirect(w, r.Request, "/petugas", http.StatusSeeOther)
	return nil
}

// officerSeeker shows one seeker to a petugas with the full NIK, to check it
// against the person's KTP; the opening is recorded in the audit trail.
func (s *Server) officerSeeker(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	v, err := s.App.Seekers.ForOfficer(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	d := officerSeekerData{OfficerView: v}
	if d.HasPhoto, err = s.App.Documents.HasPhoto(r.Context(), id); err != nil {
		return err
	}
	b := s.newBase(w, r, "officer_seeker.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "officer_seeker", b, d)
}

func (s *Server) officerIssueAK1(w http.ResponseWriter, r *req) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	_, err = s.App.Seekers.Issue(r.Context(), r.User, id)
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
