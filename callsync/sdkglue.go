package callsync

// How a call's row is read from what the SDK gives: the key of a live event
// (CallEvent.CallID, the transaction_id), the record's JSON
// (Transaction.Raw), whether the call was answered (Transaction.Answered),
// and the created_time of a live event, which CallEvent does not name.

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/omicall-go/omicall"
)

// eventGlue is what is read from a live event's body beside CallEvent.
type eventGlue struct {
	CreatedTime omicall.Time `json:"created_time"` // seconds: when the call was created
}

// readEventGlue reads the body of ev; a body that does not decode gives
// the zero value (CallEvent already decoded it once).
func readEventGlue(ev *omicall.CallEvent) eventGlue {
	var g eventGlue
	_ = json.Unmarshal(ev.Raw, &g)
	return g
}

// callKey is the key of the call an event belongs to: its record's
// transaction_id, else CallEvent.CallID (the transaction_id, else the
// call_uuid).
func callKey(ev *omicall.CallEvent, _ eventGlue) string {
	if ev.CDR != nil && ev.CDR.TransactionID != "" {
		return ev.CDR.TransactionID
	}
	return ev.CallID
}

// recordJSON is a history record as JSON: the record as received
// (Transaction.Raw). A record made by hand, without Raw, is encoded,
// deterministically (the same record gives the same bytes), times in Unix
// milliseconds, without the members that hold zero values.
func recordJSON(tx *omicall.Transaction) json.RawMessage {
	if len(tx.Raw) > 0 {
		return tx.Raw
	}
	b, err := json.Marshal(tx)
	if err != nil { // every Transaction encodes; keep the row writable regardless
		return json.RawMessage(`{"transaction_id":` + strconv.Quote(tx.TransactionID) + `}`)
	}
	return dropZeroMembers(b)
}

// answered reports whether the call was answered.
func answered(tx *omicall.Transaction) bool { return tx.Answered() }

// createdTime is the created_time of a live event (zero when absent).
func createdTime(g eventGlue) time.Time { return g.CreatedTime.Time }
