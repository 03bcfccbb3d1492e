package omicall

import (
	"bytes"
	"encoding/json"
	"sync"
)

// Limits on what decoding one record keeps, so that a hostile body cannot
// make a small document allocate a lot ({"user":[{},{},...]} would
// otherwise cost some 150 bytes per 3 bytes of body).
const (
	// MaxCallUsers is the most entries of Transaction.Users and
	// Transaction.TransferHistories a decoded record keeps; later entries
	// are dropped. A call has a handful of agents.
	MaxCallUsers = 100
	// MaxTags is the most tags a decoded TagList keeps; later tags are
	// dropped.
	MaxTags = 1000
)

// transactionPlain is Transaction without its methods, for the wire form.
type transactionPlain Transaction

// transactionWire is the wire form of a Transaction: its fields, with the
// numeric ones shadowed by lenient types (a number sent as a string still
// decodes) and the lists by bounded ones. It has no UnmarshalJSON, so a
// page of them is decoded in a single pass; Transaction.UnmarshalJSON goes
// through it as well.
type transactionWire struct {
	transactionPlain

	Duration          Int          `json:"duration"`
	BillSec           Int          `json:"bill_sec"`
	RecordSeconds     Int          `json:"record_seconds"`
	AnswerSec         Int          `json:"answer_sec"`
	WaitSec           Int          `json:"wait_sec"`
	HoldCallSec       Int          `json:"hold_call_sec"`
	PlaybackSeconds   Int          `json:"playback_seconds"`
	BillSecForwardOut Int          `json:"bill_sec_forward_out"`
	SendNumRetry      Int          `json:"send_num_retry"`
	HangupCauseQ850   Int          `json:"hangup_cause_q850"`
	RTPAudioInMOS     Float        `json:"rtp_audio_in_mos"`
	Users             callUserList `json:"user"`
	TransferHistories rawList      `json:"transfer_histories"`

	// The numbers and ids, which some senders write as JSON numbers.
	TransactionID     numText `json:"transaction_id"`
	CallUUID          numText `json:"call_uuid"`
	SourceNumber      numText `json:"source_number"`
	DestinationNumber numText `json:"destination_number"`
	FromNumber        numText `json:"from_number"`
	ToNumber          numText `json:"to_number"`
	PhoneNumber       numText `json:"phone_number"`
	Hotline           numText `json:"hotline"`
	SIPNumber         numText `json:"sip_number"`
	SIPUser           numText `json:"sip_user"`
}

// transaction returns the decoded record.
func (w *transactionWire) transaction() Transaction {
	t := Transaction(w.transactionPlain)
	t.Duration, t.BillSec, t.RecordSeconds = int(w.Duration), int(w.BillSec), int(w.RecordSeconds)
	t.AnswerSec, t.WaitSec, t.HoldCallSec = int(w.AnswerSec), int(w.WaitSec), int(w.HoldCallSec)
	t.PlaybackSeconds, t.BillSecForwardOut = int(w.PlaybackSeconds), int(w.BillSecForwardOut)
	t.SendNumRetry, t.HangupCauseQ850 = int(w.SendNumRetry), int(w.HangupCauseQ850)
	t.RTPAudioInMOS = float64(w.RTPAudioInMOS)
	t.Users = []CallUser(w.Users)
	t.TransferHistories = []json.RawMessage(w.TransferHistories)
	t.TransactionID, t.CallUUID = string(w.TransactionID), string(w.CallUUID)
	t.SourceNumber, t.DestinationNumber = string(w.SourceNumber), string(w.DestinationNumber)
	t.FromNumber, t.ToNumber, t.PhoneNumber = string(w.FromNumber), string(w.ToNumber), string(w.PhoneNumber)
	t.Hotline, t.SIPNumber, t.SIPUser = string(w.Hotline), string(w.SIPNumber), string(w.SIPUser)
	return t
}

// keepRaw keeps a copy of the record as received (pageItems calls it for
// every item it decodes).
func (w *transactionWire) keepRaw(b []byte) { w.Raw = bytes.Clone(b) }

// UnmarshalJSON decodes a record leniently: numbers sent as strings are
// read, a field of another type is left zero, and the lists are bounded
// (see MaxCallUsers). Only malformed JSON is an error.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	var w transactionWire
	if err := decodeLenient(b, &w); err != nil {
		return err
	}
	w.keepRaw(b)
	*t = w.transaction()
	return nil
}

// wirePool keeps the arrays pages of wire records are decoded into, so
// that a walk allocates one array per page (of records), not two.
var wirePool = sync.Pool{New: func() any { return new([]transactionWire) }}

// getWire returns an empty slice of wire records with room for n.
func getWire(n int) []transactionWire {
	p := wirePool.Get().(*[]transactionWire)
	if cap(*p) < n {
		return make([]transactionWire, 0, n)
	}
	return (*p)[:0]
}

// putWire clears ws (so that it holds on to no record) and keeps it for
// the next page.
func putWire(ws []transactionWire) {
	if cap(ws) == 0 || cap(ws) > 1000 {
		return
	}
	clear(ws[:cap(ws)])
	ws = ws[:0]
	wirePool.Put(&ws)
}

// transactionPage turns a decoded page of wire records into a page of
// records, and gives the wire records' array back to the pool.
func transactionPage(w *pageJSON[transactionWire]) *Page[Transaction] {
	items := make([]Transaction, len(w.Items.items))
	for i := range w.Items.items {
		items[i] = w.Items.items[i].transaction()
	}
	putWire(w.Items.items)
	w.Items.items = nil
	p := pageJSON[Transaction]{Items: pageItems[Transaction]{items: items}, PageNumber: w.PageNumber, PageSize: w.PageSize, TotalItems: w.TotalItems,
		TotalPages: w.TotalPages, HasNext: w.HasNext, HasPrevious: w.HasPrevious, PageNumberC: w.PageNumberC,
		PageSizeC: w.PageSizeC, TotalItemsC: w.TotalItemsC, TotalPagesC: w.TotalPagesC, HasNextC: w.HasNextC,
		HasPreviousC: w.HasPreviousC}
	page := p.page()
	return &page
}

// callUserList is Transaction.Users on the wire: at most MaxCallUsers
// entries are decoded, into the capacity already there.
type callUserList []CallUser

// UnmarshalJSON decodes the first MaxCallUsers objects of an array; null
// or a non-array leaves nil, an element that is not an object is skipped.
func (l *callUserList) UnmarshalJSON(b []byte) error {
	out := (*l)[:0]
	isArray := eachElement(b, MaxCallUsers, func(e []byte) {
		if e[0] != '{' {
			return
		}
		out = append(out, CallUser{})
		_ = decodeLenient(e, &out[len(out)-1])
	})
	switch {
	case !isArray:
		out = nil
	case out == nil:
		out = callUserList{}
	}
	*l = out
	return nil
}

// rawList is a list of raw JSON values kept as sent, at most MaxCallUsers
// of them.
type rawList []json.RawMessage

// UnmarshalJSON keeps a copy of each of the first MaxCallUsers elements of
// an array; null or a non-array leaves nil.
func (l *rawList) UnmarshalJSON(b []byte) error {
	out := (*l)[:0]
	isArray := eachElement(b, MaxCallUsers, func(e []byte) {
		out = append(out, bytes.Clone(e))
	})
	switch {
	case !isArray:
		out = nil
	case out == nil:
		out = rawList{}
	}
	*l = out
	return nil
}

// eachElement calls fn with each of the first limit elements of the JSON
// array b (each without surrounding space, never empty) and reports whether
// b is an array. It reads no further than the limit-th element and
// allocates nothing. b is expected to be valid JSON (encoding/json checked
// it); on anything else it stops without panicking.
func eachElement(b []byte, limit int, fn func(elem []byte)) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '[' {
		return false
	}
	i, n := 1, 0
	for n < limit {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == ']' {
			return true
		}
		end := valueEnd(b, i)
		if end <= i {
			return true
		}
		fn(b[i:end])
		n++
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ',' {
			return true
		}
		i++
	}
	return true
}

// skipSpace returns the index of the first byte at or after i that is not
// JSON white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value starting at b[i]: a
// string, an object or array (brackets matched outside strings), or a
// literal (up to the next delimiter).
func valueEnd(b []byte, i int) int {
	depth, inString := 0, false
	for j := i; j < len(b); j++ {
		c := b[j]
		switch {
		case inString:
			switch c {
			case '\\':
				j++
			case '"':
				inString = false
				if depth == 0 {
					return j + 1
				}
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return j // the end of the enclosing array
			}
			depth--
			if depth == 0 {
				return j + 1
			}
		case depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n'):
			return j
		}
	}
	return len(b)
}
