package simulator

import (
	"slices"
	"strings"
)

// Calls in: a customer calls a hotline and the call is put through to an
// internal group, which rings its extensions.

// InboundCall is a call from a customer to a hotline, put through to an
// internal group (a ring group). ReceiveCall plays it.
type InboundCall struct {
	Phone   string // the customer's number; required
	Hotline string // the hotline called; default: the tenant's first
	Group   string // the internal group, by _id or group_number; default: the first group (the seeded one holds every agent)
}

// ReceiveCall plays a call in as the PBX does, in the background: every
// registered extension of the group rings at once, with a ringing live
// event each (the same call, each its own extension); one of them answers,
// or none (a missed call); the call hangs up, joins the history (inbound,
// through the group) and its CDR is sent. The call is played at once, so
// it ends when it is received. Each extension rings on a leg of its own
// (its call_uuid); every hook carries the call's transaction_id, and the
// answer, the hangup and the CDR name the answering extension's leg. It returns the call's transaction id, or
// data_is_required (no or a malformed phone), number_call_out_invalid (not
// a hotline of the tenant), not_found (no such group) or
// user_not_registered (no extension of the group can ring).
func (s *Server) ReceiveCall(c InboundCall) (string, error) {
	if !isDigits(strings.TrimPrefix(c.Phone, "+")) {
		return "", fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hotlines := s.hotlines()
	if c.Hotline == "" && len(hotlines) > 0 {
		c.Hotline = hotlines[0]
	}
	if !slices.Contains(hotlines, c.Hotline) {
		return "", fail("number_call_out_invalid")
	}
	i := 0
	if c.Group != "" {
		i = slices.IndexFunc(s.cc.groups, func(g *ccGroup) bool { return g.ID == c.Group || g.GroupNumber == c.Group })
	}
	if i < 0 || i >= len(s.cc.groups) {
		return "", errNotFound
	}
	g := s.cc.groups[i]
	var ringing []string
	for _, ext := range g.SIPMembers {
		if s.extensionRegistered(ext) {
			ringing = append(ringing, ext)
		}
	}
	if len(ringing) == 0 {
		return "", fail("user_not_registered")
	}
	agent := ringing[s.rng.IntN(len(ringing))] // who answers, if anyone does
	rec := s.newPlacedCall("inbound", agent, c.Hotline, c.Phone)
	rec.queue = g.GroupNumber
	s.history.wg.Add(1)
	go s.runCall(rec, ringing)
	return rec.TransactionID, nil
}
