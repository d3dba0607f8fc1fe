package api

// notifyAPI lists the endpoints for the inbox and notification settings.
func (s *Server) notifyAPI() []route { return nil }
