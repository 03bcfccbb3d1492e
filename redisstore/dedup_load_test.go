package redisstore_test

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/redisstore"
)

// runCounter counts the callback runs of each call id.
type runCounter struct {
	mu   sync.Mutex
	runs map[string]int
}

func (c *runCounter) fn(_ context.Context, ev *omicall.CallEvent) error {
	c.mu.Lock()
	c.runs[ev.CallID]++
	c.mu.Unlock()
	return nil
}

// count returns how many times id ran.
func (c *runCounter) count(id string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.runs[id]
}

// reruns returns how many of the call ids with prefix ran more than once.
func (c *runCounter) reruns(prefix string) (ids, reruns int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for id, n := range c.runs {
		if strings.HasPrefix(id, prefix) {
			ids++
			if n > 1 {
				reruns++
			}
		}
	}
	return ids, reruns
}

// stream is a load on one replica: each event to first, then, when second
// is not nil, a copy to second (a redelivery reaching another replica).
type stream struct {
	phase         string
	first, second http.Handler
	rate          float64 // events a second, copies not counted
	sent          atomic.Int64
}

// id returns the call id of the stream's event n (from 1, in the order they
// were sent).
func (st *stream) id(n int64) string { return st.phase + "-" + strconv.FormatInt(n, 10) }

// latest returns the ids of the last n events sent.
func (st *stream) latest(n int64) []string {
	var ids []string
	for i := max(st.sent.Load()-n, 0) + 1; i <= st.sent.Load(); i++ {
		ids = append(ids, st.id(i))
	}
	return ids
}

// load runs the streams at once for d, 16 goroutines in all, so that they
// share the machine alike.
func load(t *testing.T, d time.Duration, streams ...*stream) {
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for _, st := range streams {
		for range 16 / len(streams) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for time.Now().Before(end) {
					id := st.id(st.sent.Add(1))
					ev := `{"state":"ringing","call_uuid":"` + id + `"}`
					if c := deliver(st.first, ev); c != http.StatusOK {
						t.Errorf("%s: answered %d", id, c)
					}
					if st.second != nil {
						if c := deliver(st.second, ev); c != http.StatusOK {
							t.Errorf("%s copy: answered %d", id, c)
						}
					}
				}
			}()
		}
	}
	wg.Wait()
	for _, st := range streams {
		st.rate = float64(st.sent.Load()) / time.Since(start).Seconds()
	}
}

// TestDedupLoadRedisRestart: two replicas share a Redis dedup store under
// load; Redis is killed, then started again, empty. While it is down the
// replicas handle events at least half as fast as a replica without Redis,
// logging one warning each; while it is up no event runs the callback
// twice, a redelivery reaching the other replica included; and the events
// handled during the outage, recorded once Redis is back, are not run
// again by the other replica either.
func TestDedupLoadRedisRestart(t *testing.T) {
	p := newRedisProc(t)
	var logs lockedBuf
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	counter := &runCounter{runs: map[string]int{}}
	replica := func() (http.Handler, *redisstore.DedupStore) {
		rdb := redis.NewClient(&redis.Options{Addr: p.addr})
		t.Cleanup(func() { _ = rdb.Close() })
		opts := []redisstore.Option{redisstore.WithLogger(log)}
		if raceEnabled { // a Redis call can take 200 ms under the race detector on a busy machine
			opts = append(opts, redisstore.WithOpTimeout(time.Second))
		}
		s := redisstore.NewDedupStore(rdb, opts...)
		return omicall.NewWebhookHandler(counter.fn, omicall.WithDedupStore(s, 10*time.Minute), omicall.WithWebhookLogger(log)), s
	}
	a, sa := replica()
	b, sb := replica()
	alone := omicall.NewWebhookHandler(counter.fn, omicall.WithDedup(10*time.Minute))

	up := &stream{phase: "up", first: a, second: b}
	load(t, 500*time.Millisecond, up)
	p.stop()
	// While Redis is down, replica A and a replica without Redis share the
	// machine: their rates compare whatever else runs on it.
	down, base := &stream{phase: "down", first: a}, &stream{phase: "alone", first: alone}
	load(t, 2500*time.Millisecond, down, base)
	p.start()
	require.Eventually(t, func() bool {
		deliver(a, `{"state":"ringing","call_uuid":"wake"}`)
		deliver(b, `{"state":"ringing","call_uuid":"wake"}`)
		return !sa.Stats().Down && !sb.Stats().Down
	}, 5*time.Second, 20*time.Millisecond, "the replicas use Redis again")
	back := &stream{phase: "back", first: a, second: b}
	load(t, 500*time.Millisecond, back)
	for _, id := range down.latest(2000) { // redelivered to the other replica
		assert.Equal(t, http.StatusOK, deliver(b, `{"state":"ringing","call_uuid":"`+id+`"}`))
	}

	t.Logf("events/s: Redis up %.0f (A and B); Redis down %.0f (A) beside %.0f (a replica without Redis): %.0f%%; Redis back %.0f",
		up.rate, down.rate, base.rate, 100*down.rate/base.rate, back.rate)
	t.Logf("replica A: %+v; replica B: %+v", sa.Stats(), sb.Stats())
	if raceEnabled { // its op timeout is 1 s: the outage starts with a longer wait
		t.Log("under the race detector the throughput is not checked")
	} else {
		assert.GreaterOrEqual(t, down.rate, base.rate/2, "throughput while Redis is down")
	}
	for _, phase := range []string{"up-", "back-"} {
		ids, reruns := counter.reruns(phase)
		assert.Zero(t, reruns, "%s: callbacks run again of %d events", phase, ids)
	}
	// The outcomes of the outage's last 10,000 events were kept and
	// recorded when Redis came back: their redeliveries to B did not run.
	reran := 0
	for _, id := range down.latest(2000) {
		if counter.count(id) > 1 {
			reran++
		}
	}
	assert.Zero(t, reran, "events of the outage run again on the other replica")
	warns := strings.Count(logs.String(), "level=WARN")
	assert.LessOrEqual(t, warns, 2, "one warning per replica for the outage:\n%.2000s", logs.String())
}
