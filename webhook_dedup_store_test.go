package omicall_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

// sharedDedup is a DedupStore in memory, shared by several handlers as
// replicas would share Redis; down makes it fail.
type sharedDedup struct {
	mu   sync.Mutex
	m    map[string]string // key -> claim id or "done"
	seq  int
	down atomic.Bool
}

func (s *sharedDedup) Claim(_ context.Context, key string) (omicall.DedupState, string, error) {
	if s.down.Load() {
		return 0, "", errors.New("dedup store down")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch v := s.m[key]; {
	case v == "done":
		return omicall.DedupDone, "", nil
	case v != "":
		return omicall.DedupRunning, "", nil
	}
	s.seq++
	id := fmt.Sprint(s.seq)
	s.m[key] = id
	return omicall.DedupNew, id, nil
}

func (s *sharedDedup) Finish(_ context.Context, key, claim string, handled bool, _ time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m[key] != claim {
		return nil
	}
	if handled {
		s.m[key] = "done"
	} else {
		delete(s.m, key)
	}
	return nil
}

// TestWithDedupStoreAcrossHandlers: three handlers sharing a store act as
// one: 100 concurrent copies spread over them run the callback once (the
// copies that reach another replica while it runs are answered 503, and
// delivered again later get 200); a failing first attempt is forgotten.
func TestWithDedupStoreAcrossHandlers(t *testing.T) {
	store := &sharedDedup{m: map[string]string{}}
	var runs atomic.Int32
	release := make(chan struct{})
	fn := func(context.Context, *omicall.CallEvent) error {
		runs.Add(1)
		<-release
		return nil
	}
	var hs []http.Handler
	for range 3 {
		hs = append(hs, omicall.NewWebhookHandler(fn, omicall.WithDedupStore(store, time.Minute)))
	}
	send := func(h http.Handler, body string) int {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(body)))
		return rec.Code
	}
	ev := `{"state":"answered","call_uuid":"c-42"}`
	codes := make([]int, 100)
	var answered atomic.Int32
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = send(hs[i%3], ev); answered.Add(1) }()
	}
	require.Eventually(t, func() bool { return runs.Load() == 1 }, 10*time.Second, time.Millisecond)
	// The copies on the two other replicas (66 or 67) are answered 503 while
	// the first still runs; only then does it end.
	require.Eventually(t, func() bool { return answered.Load() >= 66 }, 10*time.Second, time.Millisecond)
	close(release)
	wg.Wait()
	assert.EqualValues(t, 1, runs.Load())
	n503 := 0
	for _, c := range codes {
		assert.Contains(t, []int{200, 503}, c)
		if c == 503 {
			n503++
		}
	}
	assert.GreaterOrEqual(t, n503, 66, "the copies on the other replicas are answered 503")
	for _, h := range hs { // OMICall delivers the 503s again: all answered from memory now
		assert.Equal(t, 200, send(h, ev))
	}
	assert.EqualValues(t, 1, runs.Load())

	// A failing first attempt is forgotten: the next delivery, on another
	// replica, runs the callback.
	var n atomic.Int32
	failFirst := func(context.Context, *omicall.CallEvent) error {
		if n.Add(1) == 1 {
			return errors.New("temporary")
		}
		return nil
	}
	a := omicall.NewWebhookHandler(failFirst, omicall.WithDedupStore(store, time.Minute))
	b := omicall.NewWebhookHandler(failFirst, omicall.WithDedupStore(store, time.Minute))
	ev2 := `{"state":"hangup","call_uuid":"c-43"}`
	assert.Equal(t, 500, send(a, ev2))
	assert.Equal(t, 200, send(b, ev2))
	assert.Equal(t, 200, send(a, ev2))
	assert.EqualValues(t, 2, n.Load())

	// The store down: each replica deduplicates alone; events still flow.
	store.down.Store(true)
	var m atomic.Int32
	c := omicall.NewWebhookHandler(func(context.Context, *omicall.CallEvent) error { m.Add(1); return nil }, omicall.WithDedupStore(store, time.Minute))
	ev3 := `{"state":"ringing","call_uuid":"c-44"}`
	assert.Equal(t, 200, send(c, ev3))
	assert.Equal(t, 200, send(c, ev3))
	assert.EqualValues(t, 1, m.Load())
}

// A dedup store outage is logged once, and its end once, however many
// events arrive meanwhile.
func TestDedupStoreOutageLoggedOnce(t *testing.T) {
	store := &sharedDedup{m: map[string]string{}}
	var logs strings.Builder
	var mu sync.Mutex
	log := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return logs.Write(p)
	}), nil))
	h := omicall.NewWebhookHandler(nil, omicall.WithDedupStore(store, time.Minute), omicall.WithWebhookLogger(log))
	post := func(i int) {
		req := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(fmt.Sprintf(`{"state":"ringing","transaction_id":"c-%d"}`, i)))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusOK, rec.Code)
	}
	store.down.Store(true)
	for i := range 100 {
		post(i)
	}
	store.down.Store(false)
	for i := 100; i < 110; i++ {
		post(i)
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, 1, strings.Count(logs.String(), "the dedup store failed"), logs.String())
	assert.Equal(t, 1, strings.Count(logs.String(), "answers again"), logs.String())
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
