package callsync

// How a call's row is read from what the SDK gives: the key of a live event
// (CallEvent.CallID, the transaction_id), the record's JSON
// (Transaction.Raw), and the created_time of a live event, which CallEvent
// does not name.

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/omicall-go/omicall"
)

// callKey is the key of the call an event belongs to: its record's
// transaction_id, else CallEvent.CallID (the transaction_id, else the
// call_uuid).
func callKey(ev *omicall.CallEvent) string {
	if ev.CDR != nil && ev.CDR.TransactionID != "" {
		return ev.CDR.TransactionID
	}
	return ev.CallID
}

// recordJSON is a history record as JSON: the record as received
// (Transaction.Raw), else, for a record made by hand, its encoding.
func recordJSON(tx *omicall.Transaction) json.RawMessage {
	if len(tx.Raw) > 0 {
		return tx.Raw
	}
	b, err := json.Marshal(tx)
	if err != nil { // every Transaction encodes; keep the row writable regardless
		return json.RawMessage(`{"transaction_id":` + strconv.Quote(tx.TransactionID) + `}`)
	}
	return b
}

// createdTime is the created_time of a live event (seconds; zero when
// absent): when the call was created.
func createdTime(ev *omicall.CallEvent) time.Time {
	var g struct {
		CreatedTime omicall.Time `json:"created_time"`
	}
	_ = json.Unmarshal(ev.Raw, &g) // CallEvent decoded the body already: a failure leaves zero
	return g.CreatedTime.Time
}
