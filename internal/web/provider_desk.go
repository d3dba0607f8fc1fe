package web

import "net/http"

// providerDashboard is /lembaga: the provider staff's desk, each provider
// they act for with its programs, rounds and undecided appeals.
func (s *Server) providerDashboard(w http.ResponseWriter, r *req) error {
	if err := signedIn(r); err != nil {
		return err
	}
	desk, err := s.App.Training.StaffDesk(r.Context(), r.User)
	if err != nil {
		return err
	}
	b := s.newBase(w, r, "provider.title")
	b.Robots = "noindex"
	return s.render(w, http.StatusOK, "provider", b, desk)
}
