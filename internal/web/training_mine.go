package web

import (
	"fmt"
	"net/http"

	"github.com/bursa-banten/bursa/internal/db"
	"github.com/bursa-banten/bursa/internal/training"
)

// A job seeker's own training: their applications and results with the
// cutoffs that explain them, their appeals, courses and certificates.

type myTrainingData struct {
	training.SeekerTraining
	Open        []training.Round
	AppealRound int64 // the round whose appeal form shows errors
}

// myTraining is /pencari/pelatihan.
func (s *Server) myTraining(w http.ResponseWriter, r *req) error {
	return s.renderMyTraining(w, r, http.StatusOK, s.newBase(w, r, "mytraining.title"), 0)
}

func (s *Server) renderMyTraining(w http.ResponseWriter, r *req, status int, b base, appealRound int64) error {
	if err := signedIn(r); err != nil {
		return err
	}
	st, ok, err := s.App.Training.SeekerTraining(r.Context(), r.User)
	if err != nil {
		return err
	}
	if !ok {
		http.Redirect(w, r.Request, "/pencari/profil", http.StatusSeeOther)
		return nil
	}
	d := myTrainingData{SeekerTraining: st, AppealRound: appealRound}
	if d.Open, err = s.App.Training.OpenRounds(r.Context()); err != nil {
		return err
	}
	b.Robots = "noindex"
	return s.render(w, status, "training_mine", b, d)
}

// trainingAppeal files the seeker's appeal against a round's result.
func (s *Server) trainingAppeal(w http.ResponseWriter, r *req) error {
	id, sk, ok, err := s.seekerPost(w, r)
	if err != nil {
		return err
	}
	if !ok {
		return db.ErrNotFound // no profile, so no round applied in
	}
	_, err = s.App.Training.FileAppeal(r.Context(), id, sk.ID, r.PostFormValue("body"))
	if b, bad := s.withErrors(s.newBase(w, r, "mytraining.title"), r, err); bad {
		return s.renderMyTraining(w, r, http.StatusUnprocessableEntity, b, id)
	} else if err != nil {
		return err
	}
	s.flash(w, r, "flash.appeal_filed")
	http.Redirect(w, r.Request, fmt.Sprintf("/pencari/pelatihan#gelombang-%d", id), http.StatusSeeOther)
	return nil
}
