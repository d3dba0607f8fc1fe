package api

// alertAPI lists the endpoints for saved searches and job alerts.
func (s *Server) alertAPI() []route { return nil }
