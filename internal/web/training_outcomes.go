package web

import (
	"net/http"

	"github.com/bursa-banten/bursa/internal/auth"
	"github.com/bursa-banten/bursa/internal/training"
)

// What became of the participants: each program of the user's providers
// (/lembaga/hasil) and the programs of each regency and city
// (/pelatihan/hasil). Who may read them is the training store's rule.

// providerOutcomes is /lembaga/hasil: each program's completion,
// certification, placement and wage, and its partner's promise against its
// hires.
func (s *Server) providerOutcomes(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	ps, err := s.App.Training.ProvidersOf(r.Context(), r.User)
	if err != nil {
		return err
	}
	reports := make([]training.ProviderReport, len(ps))
	for i, p := range ps {
		if reports[i], err = s.App.Training.ProviderOutcomes(r.Context(), r.User, p.ID); err != nil {
			return err
		}
	}
	b := s.newBase(w, r, "outcomes.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "provider_outcomes", b, reports)
}

type regionOutcomesData struct {
	Regions   []training.RegionOutcome
	CanRounds bool // the officers' link
}

// regionOutcomes is /pelatihan/hasil, for officers and analysts.
func (s *Server) regionOutcomes(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	rs, err := s.App.Training.RegionOutcomes(r.Context(), r.User)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "region_outcomes.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "region_outcomes", b, regionOutcomesData{Regions: rs, CanRounds: r.User.Can(auth.ManageRounds)})
}
