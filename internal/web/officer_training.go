package web

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/training"
)

type officerTrainingData struct {
	training.ProvinceDesk
	ErrFor int64 // the appeal whose decision form shows errors
}

// officerTraining is /petugas/pelatihan: the officers' desk with the
// province-wide rounds, their appeals and the providers.
func (s *Server) officerTraining(w http.ResponseWriter, r *req) error {
	return s.renderOfficerTraining(w, r, http.StatusOK, s.newBase(w, r, "officer_training.title"), 0)
}

func (s *Server) renderOfficerTraining(w http.ResponseWriter, r *req, status int, b base, errFor int64) error {
	if err := signedIn(r); err != nil {
		return err
	}
	desk, err := s.App.Training.ProvinceDesk(r.Context(), r.User)
	if err != nil {
		return err
	}
	desk.Appeals = pendingFirst(desk.Appeals)
	b.Robots = "noindex"
	return s.render(w, status, "officer_training", b, officerTrainingData{ProvinceDesk: desk, ErrFor: errFor})
}
