package callsync

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// TestBackfillRateLimited: OMICall answers rate_limit_exceeded,
// limit_request_30_minute and HTTP 429 (with a Retry-After) in turn; the
// backfill halves its concurrency, waits, and still reads every call.
func TestBackfillRateLimited(t *testing.T) {
	t.Parallel()
	c, srv := seeded(t, 1500)
	route := "POST /api/v3/call-transaction/search"
	srv.InjectFault(omicalltest.Fault{Route: route, Code: "rate_limit_exceeded", Times: 3})
	srv.InjectFault(omicalltest.Fault{Route: route, Code: "limit_request_30_minute", Times: 2})
	srv.InjectFault(omicalltest.Fault{Route: route, Status: http.StatusTooManyRequests, RetryAfter: "0", Times: 8})
	var minConc = 1 << 30
	s, err := New(c, openStore(t, sqliteDB(t)), WithRateLimitWait(5*time.Millisecond, 20*time.Millisecond),
		WithProgress(func(r Report) { minConc = min(minConc, r.Concurrency) }))
	if err != nil {
		t.Fatal(err)
	}
	from := simEnd.Add(-7 * 24 * time.Hour)
	rep, err := s.Backfill(context.Background(), from, simEnd)
	if err != nil {
		t.Fatal(err)
	}
	if m := missing(t, s.Store(), srv, from, simEnd); len(m) > 0 || rep.Written != 1500 {
		t.Fatalf("%d missing, %v", len(m), rep)
	}
	if rep.RateLimited < 3 || minConc >= DefaultConcurrency/2 {
		t.Errorf("%d rate limits met, concurrency at least %d: not halved", rep.RateLimited, minConc)
	}
}

// TestBackfillHonoursRetryAfter: a server that answers 429 with
// Retry-After: 1 once is not asked again before that second.
func TestBackfillHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var limitedAt, nextAt time.Time
	c := serveHistory(t, func(w http.ResponseWriter, _, _ int64, _, _ int) ([]json.RawMessage, bool, bool) {
		mu.Lock()
		defer mu.Unlock()
		if limitedAt.IsZero() {
			limitedAt = time.Now()
			w.Header().Set("Retry-After", "1")
			http.Error(w, `{"status_code":-9999,"message":"too_many_requests"}`, http.StatusTooManyRequests)
			return nil, false, false
		}
		if nextAt.IsZero() {
			nextAt = time.Now()
		}
		return nil, false, true
	})
	s, err := New(c, openStore(t, sqliteDB(t)), WithConcurrency(1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backfill(context.Background(), simEnd.Add(-time.Hour), simEnd); err != nil {
		t.Fatal(err)
	}
	if d := nextAt.Sub(limitedAt); d < time.Second {
		t.Errorf("asked again %v after a Retry-After of 1s", d)
	}
}

// TestBackfillStopsOnARepeatedPage: a server that serves the same full
// page with has_next forever makes the backfill fail with ErrPagingStuck,
// at once, instead of reading it forever.
func TestBackfillStopsOnARepeatedPage(t *testing.T) {
	t.Parallel()
	same := generated(50, simEnd.Add(-time.Hour), time.Second)
	var requests int
	var mu sync.Mutex
	c := serveHistory(t, func(w http.ResponseWriter, from, to int64, _, size int) ([]json.RawMessage, bool, bool) {
		mu.Lock()
		requests++
		mu.Unlock()
		items, _, _ := same(w, from, to, 1, size)
		return items, true, true
	})
	s, err := New(c, openStore(t, sqliteDB(t)), WithWindow(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = s.Backfill(ctx, simEnd.Add(-2*time.Hour), simEnd)
	if !errors.Is(err, ErrPagingStuck) {
		t.Fatalf("Backfill: %v, want ErrPagingStuck", err)
	}
	if requests > 4 {
		t.Errorf("%d requests for a page that repeats", requests)
	}
}

// TestBackfillRefusesNonRecords: a page whose item is no call record
// fails the backfill; nothing of it is stored, and the cursor stays
// before it.
func TestBackfillRefusesNonRecords(t *testing.T) {
	t.Parallel()
	c := serveHistory(t, func(http.ResponseWriter, int64, int64, int, int) ([]json.RawMessage, bool, bool) {
		return []json.RawMessage{genRecord(1, simEnd), json.RawMessage(`{"note":"no id"}`)}, false, true
	})
	st := openStore(t, sqliteDB(t))
	s, err := New(c, st)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Backfill(context.Background(), simEnd.Add(-time.Hour), simEnd)
	if !errors.Is(err, omicall.ErrMalformedResponse) {
		t.Fatalf("Backfill: %v, want ErrMalformedResponse", err)
	}
	if rows := dump(t, st); len(rows) != 0 {
		t.Errorf("%d rows stored from a malformed page", len(rows))
	}
}
