package simulator

// agentState holds the agents and their PBX extensions.
type agentState struct{}

func (s *Server) initAgents() {}

func (s *Server) agentRoutes() []route { return nil }

// extensionExists reports whether ext is a known extension. s.mu is held.
func (s *Server) extensionExists(ext string) bool { return isDigits(ext) }

// extensionRegistered reports whether ext is enabled (registered on the PBX).
// s.mu is held.
func (s *Server) extensionRegistered(ext string) bool { return true }

// agentName returns the name of the agent on extension ext. s.mu is held.
func (s *Server) agentName(ext string) string { return "Agent " + ext }
