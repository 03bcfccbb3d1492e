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
// event (ringing, answered, hangup) or, when the call has ended, the call's
// record (state "cdr").
type CallEvent struct {
	// State is the event kind: StateRinging, StateAnswered, StateHangup or
	// StateCDR. A state this package does not know is passed through as
	// sent, so a new kind of event is not lost.
	State CallState
	// CallID identifies the call: call_uuid in state events, transaction_id
	// in the CDR (the same id, also returned by click-to-call).
	CallID string
	// Direction is inbound, outbound or local.
	Direction Direction
	// From is from_number (the agent's extension on an outbound call), or
	// source_number when from_number is absent.
	From string
	// To is to_number (the customer's number on an outbound call), or
	// destination_number when to_number is absent.
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
// in one pass: the CDR fields are the Transaction's, and the state-event
// fields that Transaction lacks sit beside it.
type callEventWire struct {
	Transaction
	State       CallState `json:"state"`
	CallUUID    string    `json:"call_uuid"`
	CreatedTime Time      `json:"created_time"` // seconds
	DateTime    Time      `json:"date_time"`    // milliseconds
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
// JSON value that is not an object, and an object without a "state"; a
// field of an unexpected type is left zero. Raw is a copy of body. Use it
// with your own router; NewWebhookHandler calls it for you.
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
	w := new(callEventWire)
	if err := decodeLenient(body, w); err != nil {
		return nil, &invalidEventError{reason: "body is not JSON", err: errors.Unwrap(err)}
	}
	if strings.TrimSpace(string(w.State)) == "" {
		return nil, &invalidEventError{reason: "no state"}
	}
	ev := &CallEvent{
		State:     w.State,
		CallID:    cmp.Or(w.CallUUID, w.TransactionID),
		Direction: w.Direction,
		From:      cmp.Or(w.FromNumber, w.SourceNumber),
		To:        cmp.Or(w.ToNumber, w.DestinationNumber),
		Hotline:   cmp.Or(w.Hotline, w.SIPNumber),
		Raw:       body,
	}
	if w.State == StateCDR {
		if w.TransactionID == "" {
			w.TransactionID = ev.CallID
		}
		ev.CDR = &w.Transaction
		ev.Time = firstTime(w.TimeEndCall, w.LastUpdatedDate, w.DateTime, w.CreatedTime)
	} else {
		ev.Time = firstTime(w.DateTime, w.CreatedTime, w.TimeEndCall, w.LastUpdatedDate)
	}
	return ev, nil
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
