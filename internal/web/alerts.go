package web

import "net/http"

// alertRoutes registers saved searches and job alerts.
func (s *Server) alertRoutes(mux *http.ServeMux) {}
