package simulator

// contactState holds the contacts (customers) and their notes.
type contactState struct{}

// ticketState holds the tickets and ticket categories.
type ticketState struct{}

func (s *Server) initCRM() {}

func (s *Server) crmRoutes() []route { return nil }
