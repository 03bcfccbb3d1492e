package omicall

import "cmp"

// A call reaches you through two doors: as events to your webhook
// (CallEvent, whose last is the record, StateCDR) and as a record of the
// call history (Transaction). Both answer the questions an integration
// asks the same way, whichever door the call came through and whichever
// shape its sender used:
//
//   - AgentExtension: the agent's extension;
//   - CustomerNumber: the customer's phone number;
//   - HotlineNumber: the business's number the call used;
//   - Answered: whether someone answered.
//
// An empty string means the record or event does not say.

// AgentExtension returns the extension of the agent on the call: sip_user,
// else the extension of the internal destination or of the creator, else
// the number on the business's side (from_number on an outbound call,
// to_number on an inbound one).
func (t *Transaction) AgentExtension() string {
	ext := t.SIPUser
	if ext == "" && t.InternalDestination != nil {
		ext = t.InternalDestination.Extension
	}
	if ext == "" && t.CreateBy != nil {
		ext = t.CreateBy.Extension
	}
	switch t.Direction {
	case DirectionOutbound:
		ext = cmp.Or(ext, t.FromNumber)
	case DirectionInbound:
		ext = cmp.Or(ext, t.ToNumber)
	}
	return ext
}

// CustomerNumber returns the customer's phone number: phone_number, else
// the number on the customer's side (to_number or destination_number on an
// outbound call, from_number or source_number on an inbound one).
func (t *Transaction) CustomerNumber() string {
	switch t.Direction {
	case DirectionOutbound:
		return cmp.Or(t.PhoneNumber, t.ToNumber, t.DestinationNumber)
	case DirectionInbound:
		return cmp.Or(t.PhoneNumber, t.FromNumber, t.SourceNumber)
	}
	return t.PhoneNumber
}

// HotlineNumber returns the business's number the call used: hotline, else
// sip_number, else source_number on an outbound call and
// destination_number on an inbound one.
func (t *Transaction) HotlineNumber() string {
	switch t.Direction {
	case DirectionOutbound:
		return cmp.Or(t.Hotline, t.SIPNumber, t.SourceNumber)
	case DirectionInbound:
		return cmp.Or(t.Hotline, t.SIPNumber, t.DestinationNumber)
	}
	return cmp.Or(t.Hotline, t.SIPNumber)
}

// Answered reports whether the call was answered: its disposition says
// so, it has an answer time, or seconds were billed or talked. (A CDR
// carries no disposition; its bill seconds tell.)
func (t *Transaction) Answered() bool {
	return t.Disposition == DispositionAnswered || !t.TimeAnswerStart.IsZero() || t.BillSec > 0 || t.AnswerSec > 0
}

// AgentExtension returns the agent's extension: the event's Extension,
// else its record's (a CDR).
func (ev *CallEvent) AgentExtension() string {
	if ev.Extension == "" && ev.CDR != nil {
		return ev.CDR.AgentExtension()
	}
	return ev.Extension
}

// CustomerNumber returns the customer's number: the event's PhoneNumber,
// else its record's.
func (ev *CallEvent) CustomerNumber() string {
	if ev.PhoneNumber == "" && ev.CDR != nil {
		return ev.CDR.CustomerNumber()
	}
	return ev.PhoneNumber
}

// HotlineNumber returns the business's number: the event's Hotline, else
// its record's.
func (ev *CallEvent) HotlineNumber() string {
	if ev.Hotline == "" && ev.CDR != nil {
		return ev.CDR.HotlineNumber()
	}
	return ev.Hotline
}

// Answered reports whether the call was answered, as far as this event
// tells: an answered event, or a record that says so. A ringing or hangup
// event alone does not tell (false).
func (ev *CallEvent) Answered() bool {
	return ev.State == StateAnswered || (ev.CDR != nil && ev.CDR.Answered())
}
