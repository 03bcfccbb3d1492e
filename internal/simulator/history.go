package simulator

// initHistory seeds the call history.
func (s *Server) initHistory() {}

func (s *Server) historyRoutes() []route { return nil }
