package callsync

import (
	"cmp"
	"encoding/json"
	"time"

	"github.com/omicall-go/omicall"
)

// epoch stands for a final record that carries no time at all: it still
// beats live states, and any dated copy beats it.
var epoch = time.Unix(0, 0).UTC()

// callFromRecord is the row of a final record, from the history or a CDR
// hook: the same columns whichever door it came through. ok is false for
// a record without a call id.
func callFromRecord(tx *omicall.Transaction, source string, record json.RawMessage, now time.Time) (Call, bool) {
	id := cmp.Or(tx.TransactionID, tx.CallUUID)
	if id == "" {
		return Call{}, false
	}
	c := Call{
		TransactionID: id, Direction: string(tx.Direction), State: StateFinal,
		Extension: tx.AgentExtension(), CustomerNumber: tx.CustomerNumber(), Hotline: tx.HotlineNumber(),
		StartedAt: first(tx.TimeStartCall, tx.CreatedDate), EndedAt: tx.TimeEndCall.Time,
		DurationSec: tx.Duration, BillSec: tx.BillSec, Disposition: string(tx.Disposition),
		RecordingURL: tx.RecordingURL(), Source: source, SyncedAt: now, Record: record,
		SourceUpdatedAt: cmp.Or(first(tx.LastUpdatedDate, tx.TimeEndCall, tx.CreatedDate), epoch),
	}
	if tx.Answered() {
		c.AnsweredAt = first(tx.TimeAnswerStart, tx.TimeStartToAnswer, tx.MsTimeStartToAnswer)
		c.Disposition = cmp.Or(c.Disposition, string(omicall.DispositionAnswered))
	}
	c.Disposition = cmp.Or(c.Disposition, string(omicall.DispositionCancelled))
	return c, true
}

// callFromEvent is the row of a call hook: the CDR's record, or a live
// state. A live event that carries no time is dated by its arrival (now).
// ok is false for an event without a call id.
func callFromEvent(ev *omicall.CallEvent, now time.Time) (Call, bool) {
	if ev.State == omicall.StateCDR && ev.CDR != nil {
		return callFromRecord(ev.CDR, SourceHook, ev.Raw, now)
	}
	id := callKey(ev)
	if id == "" {
		return Call{}, false
	}
	at := cmp.Or(ev.Time, now)
	c := Call{
		TransactionID: id, Direction: string(ev.Direction), State: string(ev.State), Extension: ev.AgentExtension(),
		CustomerNumber: ev.CustomerNumber(), Hotline: ev.HotlineNumber(), StartedAt: createdTime(ev), Source: SourceHook,
		SourceUpdatedAt: at, SyncedAt: now, Record: ev.Raw,
	}
	switch ev.State {
	case omicall.StateCreate, omicall.StateEarly, omicall.StateRinging:
		c.StartedAt = cmp.Or(c.StartedAt, at)
	case omicall.StateAnswered:
		c.AnsweredAt = at
	case omicall.StateHangup:
		c.EndedAt = at
	}
	return c, true
}

// first returns the first non-zero time (the zero time when all are).
func first(ts ...omicall.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t.Time
		}
	}
	return time.Time{}
}
