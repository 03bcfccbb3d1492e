package simulator

// domainState is what the domains of the API keep, one field each. It is
// part of the Server, whose mutex guards it; each domain's seed readies its
// field.
type domainState struct {
	agents   agentState
	cc       callCenterState
	history  history
	hooks    hookState
	contacts contactState
	tickets  ticketState
	speech   speechState
	partner  partnerState
}
