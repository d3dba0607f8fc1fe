package api

// accountAPI lists the endpoints for accounts, contact verification and password recovery.
func (s *Server) accountAPI() []route { return nil }
