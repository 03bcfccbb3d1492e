package omicall

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// ErrInvalidCallEvent matches every error of ParseCallEvent: the body is
// empty, is not JSON, is JSON but not an object, or is an object without a
// state. Such a body is not a call hook; the webhook handler answers it 400.
var ErrInvalidCallEvent = errors.New("omicall: invalid call event")

// CallEvent is one call hook that OMICall POSTs to the partner: a live state
// event (create, early, ringing, answered, hangup) or, when the call has
// ended, the call's record (state "cdr").
//
// Live events come in two shapes, both read: the documented one
// (call_uuid, from_number, to_number, hotline, created_time, date_time;
// docs/api.md §14.1) and the smaller one integrators receive in 2026
// (call_uuid or transaction_id, extension, phone_number, state, direction;
// §18.4). Extension, PhoneNumber, From and To are filled from whichever
// arrived.
type CallEvent struct {
	// State is the event kind: StateCreate, StateEarly, StateRinging,
	// StateAnswered, StateHangup or StateCDR. A state this package does not
	// know is passed through as sent, so a new kind of event is not lost.
	State CallState
	// CallID identifies the call: transaction_id, else call_uuid. The
	// transaction id is the call's for its whole life and the key of its
	// history record (Transaction.TransactionID); a call_uuid can name one
	// leg of a call that has several (a transfer, a ring group), so key
	// stored calls by CallID.
	CallID string
	// CallUUID is call_uuid, the leg this event is about; it equals CallID
	// on a call of one leg, and is empty when the body has none.
	CallUUID string
	// Direction is inbound, outbound or local.
	Direction Direction
	// Extension is the agent's extension: extension, else sip_user, else
	// From on an outbound call.
	Extension string
	// PhoneNumber is the customer's number: phone_number, else To on an
	// outbound call and From on an inbound one.
	PhoneNumber string
	// From is from_number (the agent's extension on an outbound call), or
	// source_number when from_number is absent; in the 2026 shape, the
	// extension on an outbound call and the customer's number on an inbound
	// one.
	From string
	// To is to_number (the customer's number on an outbound call), or
	// destination_number when to_number is absent; in the 2026 shape, the
	// customer's number on an outbound call and the extension on an inbound
	// one.
	To string
	// Hotline is the business's number used for the call: hotline, or
	// sip_number when hotline is absent.
	Hotline string
	// Time is when the event happened. State events: date_time (Unix
	// milliseconds, when the hook was emitted), else created_time (Unix
	// seconds, when the call was created). CDR: time_end_call (Unix
	// seconds, when the call ended), else last_updated_date (Unix
	// milliseconds). Either unit is recognised by magnitude, so a field sent
	// in the other unit still decodes. In UTC; zero when the body carries
	// none.
	Time time.Time
	// CDR is the finished-call record, set when State is StateCDR. It is the
	// same type as a call-history item. The CDR sends the recording URL as
	// RecordingFileURL, the delivery attempt as SendNumRetry, and no
	// Disposition (BillSec > 0 means the call was answered).
	CDR *Transaction
	// Raw is the body as received, for fields this type does not carry.
	Raw json.RawMessage
}

// callEventWire is every field of both hook kinds, so that a body is decoded
// in one pass: the CDR fields are the Transaction's (in its wire form,
// whose lists are bounded), and the state-event fields that Transaction
// lacks sit beside it.
type callEventWire struct {
	transactionWire
	Extension   numText `json:"extension"`
	CreatedTime Time    `json:"created_time"` // seconds
	DateTime    Time    `json:"date_time"`    // milliseconds
}

// invalidEventError says why a body is not a call event. Its message never
// quotes the body.
type invalidEventError struct {
	reason string
	err    error // the JSON error, if any
}

func (e *invalidEventError) Error() string        { return "omicall: invalid call event: " + e.reason }
func (e *invalidEventError) Unwrap() error        { return e.err }
func (e *invalidEventError) Is(target error) bool { return target == ErrInvalidCallEvent }

// ParseCallEvent decodes the body of a call hook. It fails, with an error
// matching ErrInvalidCallEvent, on an empty body, a body that is not JSON, a
// JSON value that is not an object, an object without a "state", and a
// body of more than MaxCallEventValues JSON values (a call event has about a
// hundred); a field of an unexpected type is left zero. Raw is a copy of
// body. Use it with your own router; NewWebhookHandler calls it for you.
//
// What parsing allocates is bounded by a small multiple of the body's size
// plus a constant, whatever the body holds: the value limit, and the list
// limits of Transaction (MaxCallUsers, MaxTags), keep a body of many small
// values (such as {"user":[{},{},...]}) from decoding into far more memory
// than it takes.
func ParseCallEvent(body []byte) (*CallEvent, error) {
	return parseCallEvent(bytes.Clone(body))
}

// parseCallEvent decodes body, which the event keeps as Raw.
func parseCallEvent(body []byte) (*CallEvent, error) {
	trimmed := bytes.TrimLeft(body, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, &invalidEventError{reason: "empty body"}
	case trimmed[0] != '{':
		if !json.Valid(trimmed) {
			return nil, &invalidEventError{reason: "body is not JSON"}
		}
		return nil, &invalidEventError{reason: "body is not a JSON object"}
	}
	if countValues(trimmed, MaxCallEventValues+1) > MaxCallEventValues {
		return nil, &invalidEventError{reason: "too many JSON values"}
	}
	body = unwrapPayload(body)
	w := new(callEventWire)
	if err := decodeLenient(body, w); err != nil {
		return nil, &invalidEventError{reason: "body is not JSON", err: errors.Unwrap(err)}
	}
	if strings.TrimSpace(string(w.State)) == "" {
		return nil, &invalidEventError{reason: "no state"}
	}
	tx := w.transaction()
	ev := &CallEvent{
		State:       w.State,
		CallID:      cmp.Or(tx.TransactionID, tx.CallUUID),
		CallUUID:    tx.CallUUID,
		Direction:   w.Direction,
		Extension:   cmp.Or(string(w.Extension), tx.SIPUser),
		PhoneNumber: tx.PhoneNumber,
		From:        cmp.Or(tx.FromNumber, tx.SourceNumber),
		To:          cmp.Or(tx.ToNumber, tx.DestinationNumber),
		Hotline:     cmp.Or(tx.Hotline, tx.SIPNumber),
		Raw:         body,
	}
	ev.fillParties()
	if w.State == StateCDR {
		tx.TransactionID = ev.CallID
		tx.Raw = body
		ev.CDR = &tx
		ev.Time = firstTime(tx.TimeEndCall, tx.LastUpdatedDate, w.DateTime, w.CreatedTime)
	} else {
		ev.Time = firstTime(w.DateTime, w.CreatedTime, w.TimeEndCall, w.LastUpdatedDate)
	}
	return ev, nil
}

// unwrapPayload returns the object under "payload" when body is a JSON
// object whose only member is payload and that object (some relays wrap a
// hook as {"payload": {...}}), else body.
func unwrapPayload(body []byte) []byte {
	if !bytes.Contains(body, []byte(`"payload"`)) {
		return body
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil || len(m) != 1 {
		return body
	}
	inner := bytes.TrimSpace(m["payload"])
	if len(inner) == 0 || inner[0] != '{' {
		return body
	}
	return inner
}

// fillParties completes Extension, PhoneNumber, From and To from one
// another by direction (docs/api.md §18.4): an outbound call goes from the
// extension to the customer, an inbound one from the customer to the
// extension.
func (ev *CallEvent) fillParties() {
	inbound := ev.Direction == DirectionInbound
	if ev.Extension == "" && !inbound && ev.Direction != DirectionLocal {
		ev.Extension = ev.From
	}
	if ev.PhoneNumber == "" {
		switch ev.Direction {
		case DirectionOutbound:
			ev.PhoneNumber = ev.To
		case DirectionInbound:
			ev.PhoneNumber = ev.From
		}
	}
	agent, customer := ev.Extension, ev.PhoneNumber
	if inbound {
		agent, customer = customer, agent
	}
	ev.From = cmp.Or(ev.From, agent)
	ev.To = cmp.Or(ev.To, customer)
}

// MaxCallEventValues is the most JSON values (object members and array
// elements, nested ones included) a call-event body may hold; ParseCallEvent
// refuses a body with more. A 2026 CDR holds about a hundred.
const MaxCallEventValues = 4096

// countValues returns how many JSON values the JSON text b holds beyond the
// outermost one (every comma and every opening bracket outside strings
// starts one), counting no further than limit. It allocates nothing.
func countValues(b []byte, limit int) int {
	n, inString := 0, false
	for i := 0; i < len(b) && n < limit; i++ {
		c := b[i]
		switch {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == ',' || c == '{' || c == '[':
			n++
		}
	}
	return n
}

// firstTime returns the first non-zero time.
func firstTime(ts ...Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t.Time
		}
	}
	return time.Time{}
}
