package redisstore_test

import (
	"context"
	"errors"
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
	"github.com/omicall-go/omicall/redisstore"
)

func deliver(h http.Handler, body string) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/omicall/events", strings.NewReader(body)))
	return rec.Code
}

// replicas returns n webhook handlers sharing one DedupStore on the real
// Redis, each calling fn.
func replicas(t *testing.T, n int, fn func(context.Context, *omicall.CallEvent) error) []http.Handler {
	store := redisstore.NewDedupStore(newRedis(t), redisstore.WithPrefix(uniquePrefix(t)))
	var hs []http.Handler
	for range n {
		hs = append(hs, omicall.NewWebhookHandler(fn, omicall.WithDedupStore(store, 10*time.Minute)))
	}
	return hs
}

// TestRedisDedupAcrossReplicas: 100 concurrent copies of one event spread
// over 3 replicas run the callback once; the copies answered 503 (the
// event was running on another replica) are answered 200 when OMICall
// delivers them again.
func TestRedisDedupAcrossReplicas(t *testing.T) {
	var runs atomic.Int32
	release := make(chan struct{})
	hs := replicas(t, 3, func(context.Context, *omicall.CallEvent) error {
		runs.Add(1)
		<-release
		return nil
	})
	ev := `{"state":"answered","call_uuid":"3f1c-answered-1"}`
	codes := make([]int, 100)
	var answered atomic.Int32
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Add(1)
		go func() { defer wg.Done(); codes[i] = deliver(hs[i%3], ev); answered.Add(1) }()
	}
	require.Eventually(t, func() bool { return runs.Load() == 1 }, 30*time.Second, time.Millisecond)
	// The copies on the two other replicas (66 or 67) are answered 503 while
	// the first still runs; only then does it end.
	require.Eventually(t, func() bool { return answered.Load() >= 66 }, 30*time.Second, time.Millisecond)
	close(release)
	wg.Wait()
	assert.EqualValues(t, 1, runs.Load(), "callback runs for 100 copies over 3 replicas")
	by := map[int]int{}
	for _, c := range codes {
		by[c]++
	}
	assert.Equal(t, 100, by[200]+by[503], "answers: %v", by)
	assert.GreaterOrEqual(t, by[503], 66, "the copies on the other replicas: %v", by)
	for i, h := range hs {
		assert.Equal(t, 200, deliver(h, ev), "redelivery to replica %d", i)
	}
	assert.EqualValues(t, 1, runs.Load())
	t.Logf("100 copies over 3 replicas: callback ran %d time(s); answers %v", runs.Load(), by)
}

// TestRedisDedupFailedFirstAttempt: the first attempt fails on one
// replica; the next delivery, on another, runs the callback.
func TestRedisDedupFailedFirstAttempt(t *testing.T) {
	var n atomic.Int32
	hs := replicas(t, 3, func(context.Context, *omicall.CallEvent) error {
		if n.Add(1) == 1 {
			return errors.New("database busy")
		}
		return nil
	})
	ev := `{"state":"hangup","call_uuid":"3f1c-hangup-1"}`
	assert.Equal(t, 500, deliver(hs[0], ev))
	assert.Equal(t, 200, deliver(hs[1], ev))
	assert.Equal(t, 200, deliver(hs[2], ev))
	assert.Equal(t, 200, deliver(hs[0], ev))
	assert.EqualValues(t, 2, n.Load())
}

// TestRedisDedupCDRWithNewData: two CDRs of one call with different data
// are both delivered, each once, whichever replica they reach; a
// redelivery differing only in send_num_retry is not.
func TestRedisDedupCDRWithNewData(t *testing.T) {
	var mu sync.Mutex
	var urls []string
	hs := replicas(t, 3, func(_ context.Context, ev *omicall.CallEvent) error {
		mu.Lock()
		defer mu.Unlock()
		urls = append(urls, ev.CDR.RecordingFileURL)
		return nil
	})
	first := `{"state":"cdr","transaction_id":"tx-1","bill_sec":6,"last_updated_date":1697595795853,"recording_file_url":"","send_num_retry":1}`
	again := `{"state":"cdr","transaction_id":"tx-1","bill_sec":6,"last_updated_date":1697595795853,"recording_file_url":"","send_num_retry":2}`
	newer := `{"state":"cdr","transaction_id":"tx-1","bill_sec":6,"last_updated_date":1697595899000,"recording_file_url":"https://rec.example/tx-1.mp3","send_num_retry":1}`
	assert.Equal(t, 200, deliver(hs[0], first))
	assert.Equal(t, 200, deliver(hs[1], again))
	assert.Equal(t, 200, deliver(hs[2], newer))
	assert.Equal(t, 200, deliver(hs[0], newer))
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"", "https://rec.example/tx-1.mp3"}, urls)
}

// TestRedisDedupKeysExpire: every key the dedup store writes has a TTL,
// so Redis holds at most one window of events.
func TestRedisDedupKeysExpire(t *testing.T) {
	rdb := newRedis(t)
	prefix := uniquePrefix(t)
	store := redisstore.NewDedupStore(rdb, redisstore.WithPrefix(prefix))
	h := omicall.NewWebhookHandler(nil, omicall.WithDedupStore(store, 2*time.Minute))
	for i := range 50 {
		require.Equal(t, 200, deliver(h, `{"state":"ringing","call_uuid":"c-`+strings.Repeat("x", i)+`"}`))
	}
	keys, err := rdb.Keys(context.Background(), "{"+prefix+":dedup}:*").Result()
	require.NoError(t, err)
	require.Len(t, keys, 50)
	for _, k := range keys {
		ttl, err := rdb.PTTL(context.Background(), k).Result()
		require.NoError(t, err)
		assert.Greater(t, ttl, time.Minute, k)
		assert.LessOrEqual(t, ttl, 2*time.Minute, k)
		assert.Len(t, strings.TrimPrefix(k, "{"+prefix+":dedup}:"), 64, "a fixed-size digest, not the call id")
	}
}
