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
	ext, customer := tx.SIPUser, tx.PhoneNumber
	switch tx.Direction {
	case omicall.DirectionOutbound:
		ext, customer = cmp.Or(ext, tx.FromNumber), cmp.Or(customer, tx.ToNumber, tx.DestinationNumber)
	case omicall.DirectionInbound:
		customer = cmp.Or(customer, tx.FromNumber, tx.SourceNumber)
	}
	c := Call{
		TransactionID: id, Direction: string(tx.Direction), State: StateFinal,
		Extension: ext, CustomerNumber: customer, Hotline: cmp.Or(tx.SIPNumber, tx.Hotline),
		StartedAt: first(tx.TimeStartCall, tx.CreatedDate), EndedAt: tx.TimeEndCall.Time,
		DurationSec: tx.Duration, BillSec: tx.BillSec, Disposition: string(tx.Disposition),
		RecordingURL: tx.RecordingURL(), Source: source, SyncedAt: now, Record: record,
		SourceUpdatedAt: cmp.Or(first(tx.LastUpdatedDate, tx.TimeEndCall, tx.CreatedDate), epoch),
	}
	if answered(tx) {
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
	g := readEventGlue(ev)
	id := callKey(ev, g)
	if id == "" {
		return Call{}, false
	}
	at := cmp.Or(ev.Time, now)
	c := Call{
		TransactionID: id, Direction: string(ev.Direction), State: string(ev.State), Extension: ev.Extension,
		CustomerNumber: ev.PhoneNumber, Hotline: ev.Hotline, StartedAt: createdTime(g), Source: SourceHook,
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
