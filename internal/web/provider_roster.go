package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/bursa-banten/bursa/internal/training"
	"github.com/bursa-banten/bursa/internal/valid"
)

// A program's roster for its provider's staff (/lembaga/program/{id}): its
// intakes, participants and their course — attendance, completion, BNSP
// certificate — and its outcome.

type rosterData struct {
	training.Roster
	Today  string
	ErrFor int64 // the enrollment whose form the errors belong to
}

func (s *Server) renderRoster(w http.ResponseWriter, r *req, status int, b base, programID, errFor int64) error {
	ro, err := s.App.Training.RosterFor(r.Context(), r.User, programID)
	if err != nil {
		return err
	}
	b.Title, b.Robots = ro.Program.Title, "noindex"
	return s.render(w, status, "roster", b, rosterData{Roster: ro, Today: dateInput(s.App.Now()), ErrFor: errFor})
}

// roster is /lembaga/program/{id}.
func (s *Server) roster(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return s.renderRoster(w, r, http.StatusOK, s.newBase(w, r, "roster.title"), id, 0)
}

// enrollSeated enrolls every seat holder of an allocated intake.
func (s *Server) enrollSeated(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// Whose program it is is asked before the form is read.
	if _, err := s.App.Training.ProgramToManage(r.Context(), r.User, id); err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	roundID, err := strconv.ParseInt(r.PostFormValue("round"), 10, 64)
	if err != nil {
		return errBadInput
	}
	n, err := s.App.Training.EnrollSeated(r.Context(), r.User.ID, roundID, id)
	if err != nil {
		return err
	}
	setFlash(w, "+"+s.Catalog.T(r.Lang, "flash.enrolled", "n", n))
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d#peserta", id), http.StatusSeeOther)
	return nil
}

// enrollmentAction runs one change on the path's enrollment, which the user
// must keep, and returns to the roster; validation errors are shown beside
// the participant's fields.
func (s *Server) enrollmentAction(w http.ResponseWriter, r *req, do func(e training.Enrollment) error) error {
	if err := signedIn(r); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	e, err := s.App.Training.EnrollmentToManage(r.Context(), r.User, id)
	if err != nil {
		return err
	}
	if err := parseForm(w, r); err != nil {
		return err
	}
	err = do(e)
	if b, bad := s.withErrors(s.newBase(w, r, "roster.title"), r, err); bad {
		return s.renderRoster(w, r, http.StatusUnprocessableEntity, b, e.ProgramID, e.ID)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.saved")
	http.Redirect(w, r.Request, fmt.Sprintf("/lembaga/program/%d#peserta-%d", e.ProgramID, e.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) recordAttendance(w http.ResponseWriter, r *req) error {
	return s.enrollmentAction(w, r, func(e training.Enrollment) error {
		var errs valid.Errors
		num := func(field, errField string) int {
			n, ok := formInt(r, field)
			if !ok && !errs.Has(errField) {
				errs.Add(errField, "number_invalid")
			}
			return int(n)
		}
		a := training.Attendance{Attended: num("attended", "sessions"), Held: num("held", "sessions"),
			Percent: num("percent", "attendance")}
		if strings.TrimSpace(r.PostFormValue("percent")) == "" && a.Held == 0 && a.Attended == 0 && len(errs) == 0 {
			errs.Add("attendance", "required")
		}
		if err := errs.Err(); err != nil {
			return err
		}
		return s.App.Training.RecordAttendance(r.Context(), r.User.ID, e.ID, a)
	})
}

func (s *Server) completeCourse(w http.ResponseWriter, r *req) error {
	return s.enrollmentAction(w, r, func(e training.Enrollment) error {
		return s.App.Training.Complete(r.Context(), r.User.ID, e.ID, r.PostFormValue("completed_on"))
	})
}

func (s *Server) certify(w http.ResponseWriter, r *req) error {
	return s.enrollmentAction(w, r, func(e training.Enrollment) error {
		return s.App.Training.Certify(r.Context(), r.User.ID, e.ID, r.PostFormValue("certificate_number"), r.PostFormValue("certified_on"))
	})
}
