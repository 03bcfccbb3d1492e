package simulator

// callCenterState holds hotline assignments, internal groups, IVR scripts and
// greetings.
type callCenterState struct{}

func (s *Server) initCallCenter() {}

func (s *Server) callCenterRoutes() []route { return nil }
