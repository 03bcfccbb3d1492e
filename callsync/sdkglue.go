package callsync

// What the root package does not offer yet, read here from what it offers
// today: the transaction_id of a live event (CallEvent.CallID prefers
// call_uuid, which can name one leg), a record's JSON (Transaction keeps no
// Raw), whether a call was answered (no Answered method yet), and the
// created_time of a live event. Each function shrinks to a field or a
// method call once the root has them.

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/omicall-go/omicall"
)

// eventGlue is what is read from a live event's body beside CallEvent.
type eventGlue struct {
	TransactionID json.RawMessage `json:"transaction_id"` // a string, or a number
	CreatedTime   omicall.Time    `json:"created_time"`   // seconds: when the call was created
}

// readEventGlue reads the body of ev; a body that does not decode gives
// the zero value (CallEvent already decoded it once).
func readEventGlue(ev *omicall.CallEvent) eventGlue {
	var g eventGlue
	_ = json.Unmarshal(ev.Raw, &g)
	return g
}

// callKey is the key of the call an event belongs to: its transaction_id
// when the body carries one, else CallEvent.CallID.
func callKey(ev *omicall.CallEvent, g eventGlue) string {
	if ev.CDR != nil && ev.CDR.TransactionID != "" {
		return ev.CDR.TransactionID
	}
	if id := rawID(g.TransactionID); id != "" {
		return id
	}
	return ev.CallID
}

// rawID reads an id sent as a JSON string or number.
func rawID(b json.RawMessage) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(b, &s) == nil {
		return s
	}
	if _, err := strconv.ParseFloat(string(b), 64); err == nil {
		return string(b)
	}
	return ""
}

// recordJSON is a history record as JSON. Transaction keeps no copy of
// what was received, so it is encoded again, deterministically (the same
// record gives the same bytes), times in Unix milliseconds, without the
// members that hold zero values (mostly fields the record lacked; a record
// is half their size without them, which halves what a backfill writes).
// Once Transaction keeps its record's JSON, that is stored instead.
func recordJSON(tx *omicall.Transaction) json.RawMessage {
	b, err := json.Marshal(tx)
	if err != nil { // every Transaction encodes; keep the row writable regardless
		return json.RawMessage(`{"transaction_id":` + strconv.Quote(tx.TransactionID) + `}`)
	}
	return dropZeroMembers(b)
}

// answered reports whether the call was answered: its disposition says so,
// or (a CDR carries no disposition) it has billed seconds.
func answered(tx *omicall.Transaction) bool {
	if tx.Disposition != "" {
		return tx.Disposition == omicall.DispositionAnswered
	}
	return tx.BillSec > 0 || !tx.TimeAnswerStart.IsZero()
}

// createdTime is the created_time of a live event (zero when absent).
func createdTime(g eventGlue) time.Time { return g.CreatedTime.Time }
