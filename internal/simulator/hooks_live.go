package simulator

// The live call-state events (create, early, ringing, answered, hangup)
// sent to the call webhooks while a placed call runs.

import (
	"encoding/json"
	"strconv"
)

// WithLiveEvents2023 makes placed calls send their live events in the
// documented 2023 shape (docs/api.md §14.1: call_uuid, from_number,
// to_number, hotline, created_time, date_time; states ringing, answered,
// hangup). By default they come in the shape integrators receive in 2026
// (§18.4): {call_uuid or transaction_id, extension, phone_number, state,
// direction}, no times and no hotline, with the states create and early
// before ringing.
func WithLiveEvents2023() Option { return func(c *config) { c.liveEvents2026 = false } }

// WithNumericLiveFields makes the live events send the agent's extension
// and the customer's number as JSON numbers ("extension":106), as some
// captures show them (docs/api.md §18.9): extension and phone_number in the
// 2026 shape, from_number and to_number in the 2023 one. A number loses
// its leading zero (0901234567 is sent as 901234567); a value that is not
// all digits stays a string. CDRs and the REST records keep strings.
func WithNumericLiveFields() Option { return func(c *config) { c.numericLive = true } }

// liveField is v as a live event sends it: a JSON number with
// WithNumericLiveFields when v is all digits, else the string.
func (s *Server) liveField(v string) any {
	if !s.cfg.numericLive || !isDigits(v) {
		return v
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil { // too long for a number
		return v
	}
	return json.Number(strconv.FormatUint(n, 10))
}

// stateEvent is a call-state hook (docs/api.md §14.1). A call of several
// legs adds transaction_id, the call's id, as call_uuid names the leg.
type stateEvent struct {
	CallUUID      string `json:"call_uuid"`
	TransactionID string `json:"transaction_id,omitempty"`
	State         string `json:"state"`
	Direction     string `json:"direction"`
	FromNumber    any    `json:"from_number"` // a string, or a number with WithNumericLiveFields
	ToNumber      any    `json:"to_number"`
	Hotline       string `json:"hotline"`
	CreatedTime   int64  `json:"created_time"` // s: when the call was created
	DateTime      int64  `json:"date_time"`    // ms: when the state was reached
}

// liveEvent is one live event of a call: its state, the extension it is
// about (the one ringing, or the agent's), when the call reached the state
// on its simulated timeline (Unix ms) and, on a call of several legs, the
// leg (its call_uuid). A call of one leg leaves leg empty: its one leg is
// named by the transaction id.
type liveEvent struct {
	state string
	ext   string
	at    int64
	leg   string
}

// emitState delivers a live event of rec. It is called without s.mu held,
// in call order.
func (s *Server) emitState(rec *callRecord, ev liveEvent) {
	if s.cfg.liveEvents2026 {
		s.emitState2026(rec, ev)
		return
	}
	out := stateEvent{
		CallUUID: rec.TransactionID, State: ev.state, Direction: rec.Direction,
		FromNumber: s.liveField(ev.ext), ToNumber: s.liveField(rec.ToNumber), Hotline: rec.Hotline,
		CreatedTime: rec.CreatedDate / 1000, DateTime: ev.at,
	}
	if ev.leg != "" {
		out.CallUUID, out.TransactionID = ev.leg, rec.TransactionID
	}
	body, err := json.Marshal(out)
	if err != nil {
		return
	}
	s.deliverAll(ev.state, rec.TransactionID, func(int) []byte { return body })
}

// stateEvent2026 is a live event in the integrators' shape. On a call of
// one leg the call id is sent as call_uuid, except on answered and hangup,
// which carry it as transaction_id: both keys are seen (solar-routes reads
// either). On a call of several legs every event carries both: the call's
// transaction_id and the leg's call_uuid (docs/api.md §18.9).
type stateEvent2026 struct {
	CallUUID      string `json:"call_uuid,omitempty"`
	TransactionID string `json:"transaction_id,omitempty"`
	Extension     any    `json:"extension"`    // a string, or a number with WithNumericLiveFields
	PhoneNumber   any    `json:"phone_number"` // a string, or a number with WithNumericLiveFields
	State         string `json:"state"`
	Direction     string `json:"direction"`
}

// emitState2026 delivers a live event of rec in the 2026 shape.
func (s *Server) emitState2026(rec *callRecord, ev liveEvent) {
	out := stateEvent2026{Extension: s.liveField(ev.ext), PhoneNumber: s.liveField(rec.PhoneNumber), State: ev.state, Direction: rec.Direction}
	switch {
	case ev.leg != "":
		out.CallUUID, out.TransactionID = ev.leg, rec.TransactionID
	case ev.state == "answered" || ev.state == "hangup":
		out.TransactionID = rec.TransactionID
	default:
		out.CallUUID = rec.TransactionID
	}
	body, err := json.Marshal(out)
	if err != nil {
		return
	}
	s.deliverAll(ev.state, rec.TransactionID, func(int) []byte { return body })
}
