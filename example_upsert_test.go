package omicall_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
)

// calls keeps the newest copy of each call's record.
type calls struct {
	mu   sync.Mutex
	byID map[string]*omicall.Transaction
}

// upsert keeps the newest copy of each call's record: OMICall may send a
// call's CDR again with new data, and copies may arrive out of order.
func (s *calls) upsert(tx *omicall.Transaction) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.byID[tx.TransactionID]
	if ok && tx.LastUpdatedDate.Before(old.LastUpdatedDate.Time) {
		return // an older copy arriving late
	}
	if ok && tx.RecordingFileURL == "" {
		tx.RecordingFileURL = old.RecordingFileURL // empty means "not yet", not "none"
	}
	s.byID[tx.TransactionID] = tx // count the call once, whatever the copies
}

// A call's record (CDR) can arrive several times: WithDedup drops plain
// redeliveries, and a copy with new data reaches the callback, which keeps
// the newest copy per transaction_id.
func ExampleWithDedup_upsert() {
	store := &calls{byID: map[string]*omicall.Transaction{}}
	h := omicall.NewWebhookHandler(func(ctx context.Context, ev *omicall.CallEvent) error {
		if ev.State == omicall.StateCDR {
			store.upsert(ev.CDR)
		}
		return nil
	}, omicall.WithDedup(10*time.Minute))

	for _, body := range []string{
		`{"state":"cdr","transaction_id":"t-1","bill_sec":6,"last_updated_date":1697595795853,"recording_file_url":"","send_num_retry":1}`,
		`{"state":"cdr","transaction_id":"t-1","bill_sec":6,"last_updated_date":1697595795853,"recording_file_url":"","send_num_retry":2}`,
		`{"state":"cdr","transaction_id":"t-1","bill_sec":6,"last_updated_date":1697595899000,"recording_file_url":"https://rec.example/t-1.mp3","send_num_retry":1}`,
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/omicall/events", strings.NewReader(body)))
		fmt.Println(rec.Code)
	}
	tx := store.byID["t-1"]
	fmt.Println(len(store.byID), tx.BillSec, tx.RecordingFileURL)
	// Output:
	// 200
	// 200
	// 200
	// 1 6 https://rec.example/t-1.mp3
}
