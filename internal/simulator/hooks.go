package simulator

// hookState holds the webhook registrations.
type hookState struct{}

func (s *Server) initHooks() {}

func (s *Server) hookRoutes() []route { return nil }

// emitState delivers a call-state hook (ringing, answered, hangup) for rec.
// It is called without s.mu held, in call order.
func (s *Server) emitState(rec *callRecord, state string) {}

// emitCDR delivers the finished-call record of rec. It is called without s.mu
// held, after the state hooks.
func (s *Server) emitCDR(rec *callRecord) {}

// waitHooks waits for deliveries in flight (called by Start's stop).
func (s *Server) waitHooks() { s.WaitCalls() }
