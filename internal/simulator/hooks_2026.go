package simulator

import "encoding/json"

// WithLiveEvents2023 makes placed calls send their live events in the
// documented 2023 shape (REFERENCE §14.1: call_uuid, from_number,
// to_number, hotline, created_time, date_time; states ringing, answered,
// hangup). By default they come in the shape integrators receive in 2026
// (§18.4): {call_uuid or transaction_id, extension, phone_number, state,
// direction}, no times and no hotline, with the states create and early
// before ringing.
func WithLiveEvents2023() Option { return func(c *config) { c.liveEvents2026 = false } }

// WithTwoLegCalls makes every answered placed call a call of two legs (the
// agent's, then the customer's), each followed by a CDR for the same
// transaction_id (REFERENCE §18.6): the first for the agent's leg, without
// a recording yet, and the second for the whole call, later and complete.
// By default a call sends one CDR.
func WithTwoLegCalls() Option { return func(c *config) { c.twoLegCalls = true } }

// stateEvent2026 is a live event in the integrators' shape. The call id is
// sent as call_uuid, except on answered and hangup, which carry it as
// transaction_id: both keys are seen (solar-routes reads either).
type stateEvent2026 struct {
	CallUUID      string `json:"call_uuid,omitempty"`
	TransactionID string `json:"transaction_id,omitempty"`
	Extension     string `json:"extension"`
	PhoneNumber   string `json:"phone_number"`
	State         string `json:"state"`
	Direction     string `json:"direction"`
}

// emitState2026 delivers a live event of rec in the 2026 shape.
func (s *Server) emitState2026(rec *callRecord, state string) {
	ev := stateEvent2026{Extension: rec.SIPUser, PhoneNumber: rec.PhoneNumber, State: state, Direction: rec.Direction}
	if state == "answered" || state == "hangup" {
		ev.TransactionID = rec.TransactionID
	} else {
		ev.CallUUID = rec.TransactionID
	}
	body, err := json.Marshal(ev)
	if err != nil {
		return
	}
	s.mu.Lock()
	targets := s.hookTargets(state)
	s.mu.Unlock()
	for _, u := range targets {
		s.deliver(u, state, rec.TransactionID, func(int) []byte { return body })
	}
}

// agentLeg returns the record of the first leg of a two-leg call: the
// agent's leg, which ends when the customer's begins, before the recording
// is ready.
func agentLeg(rec *callRecord) *callRecord {
	leg := *rec
	ring := int(rec.TimeStartToAnswer - rec.TimeStartCall)
	leg.Duration, leg.BillSec, leg.RecordSeconds, leg.AnswerSec = ring, 0, 0, 0
	leg.TimeEndCall = rec.TimeStartToAnswer
	leg.LastUpdatedDate = rec.CreatedDate + int64(ring)*1000
	leg.RecordingFile = ""
	return &leg
}
