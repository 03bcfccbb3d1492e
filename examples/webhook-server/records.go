package main

import (
	"sync"

	"github.com/omicall-go/omicall"
)

// callRecords keeps the newest copy of each call's record (CDR). OMICall
// may send a call's CDR more than once: WithDedup drops plain redeliveries,
// but a copy with new data (a recording URL that was empty, another leg)
// reaches the handler, and copies may arrive out of order. Upsert by
// transaction_id and the call counts once.
type callRecords struct {
	mu   sync.Mutex
	byID map[string]*omicall.Transaction
}

func newCallRecords() *callRecords { return &callRecords{byID: map[string]*omicall.Transaction{}} }

// upsert stores tx unless a newer copy is stored; it reports whether tx
// was kept and whether it is the call's first record.
func (s *callRecords) upsert(tx *omicall.Transaction) (kept, first bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.byID[tx.TransactionID]
	if ok && tx.LastUpdatedDate.Before(old.LastUpdatedDate.Time) {
		return false, false // an older copy arriving late
	}
	if ok && tx.RecordingFileURL == "" {
		tx.RecordingFileURL = old.RecordingFileURL // empty means "not yet", not "none"
	}
	s.byID[tx.TransactionID] = tx
	return true, !ok
}
