package redisstore_test

import (
	"context"
	"errors"
	"io"
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

// TestDedupStoreDownFallsBack: with Redis gone, a claim answers "new" (the
// handler's own memory deduplicates) within the op timeout; the next
// claims do not try Redis at all; one warning is logged for the outage.
func TestDedupStoreDownFallsBack(t *testing.T) {
	mr, rdb := newMini(t)
	var logs lockedBuf
	d := redisstore.NewDedupStore(rdb, redisstore.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	mr.Close()
	start := time.Now()
	st, _, err := d.Claim(ctxT(t), strings.Repeat("ab", 32))
	require.NoError(t, err)
	assert.Equal(t, omicall.DedupNew, st)
	assert.Less(t, time.Since(start), time.Second, "bounded by the op timeout")
	start = time.Now()
	for range 100 {
		st, claim, err := d.Claim(ctxT(t), strings.Repeat("cd", 32))
		require.NoError(t, err)
		assert.Equal(t, omicall.DedupNew, st)
		require.NoError(t, d.Finish(ctxT(t), strings.Repeat("cd", 32), claim, true, time.Minute))
	}
	assert.Less(t, time.Since(start), 50*time.Millisecond, "Redis is left alone")
	assert.Equal(t, 1, strings.Count(logs.String(), "level=WARN"), logs.String())
	s := d.Stats()
	assert.True(t, s.Down)
	assert.EqualValues(t, 1, s.Outages)
	assert.EqualValues(t, 101, s.Bypassed)
}

// TestDedupRedisHung: Redis hangs (SIGSTOP) for 1.5 s while events
// arrive; none waits a second for an answer (the store gives up after
// 200 ms; go-redis alone would wait its 3 s read timeout).
func TestDedupRedisHung(t *testing.T) {
	p := newRedisProc(t)
	rdb := redis.NewClient(&redis.Options{Addr: p.addr})
	t.Cleanup(func() { _ = rdb.Close() })
	var runs atomic.Int32
	h := omicall.NewWebhookHandler(func(context.Context, *omicall.CallEvent) error { runs.Add(1); return nil },
		omicall.WithDedupStore(redisstore.NewDedupStore(rdb, redisstore.WithLogger(quietLog())), time.Minute))
	require.Equal(t, http.StatusOK, deliver(h, `{"state":"ringing","call_uuid":"hung-0"}`))
	p.pause()
	defer p.resume()
	var worst atomic.Int64
	var wg sync.WaitGroup
	end := time.Now().Add(1500 * time.Millisecond)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(end); i++ {
				start := time.Now()
				assert.Equal(t, http.StatusOK, deliver(h, `{"state":"ringing","call_uuid":"hung-`+strconv.Itoa(g)+`-`+strconv.Itoa(i)+`"}`))
				if d := int64(time.Since(start)); d > worst.Load() {
					worst.Store(d)
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("Redis hung 1.5 s: slowest event answered in %s", time.Duration(worst.Load()).Round(time.Millisecond))
	assert.Less(t, time.Duration(worst.Load()), time.Second)
}

// failNext fails the next command of a client once armed: a network blip.
type failNext struct{ armed atomic.Bool }

func (f *failNext) DialHook(next redis.DialHook) redis.DialHook { return next }
func (f *failNext) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if f.armed.CompareAndSwap(true, false) {
			err := errors.New("read tcp: i/o timeout (injected)")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}
func (f *failNext) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// TestDedupLostFinish: the outcome of a handled event is lost to a blip
// of Redis on replica A; replica B, which gets the redeliveries, answers
// 503 (A's claim is still running) until the outcome is recorded, and
// never runs the callback again, although the running mark would have
// expired in 2 s.
func TestDedupLostFinish(t *testing.T) {
	addr, prefix := redisAddr(t), uniquePrefix(t)
	blip := &failNext{}
	rdbA := redis.NewClient(&redis.Options{Addr: addr})
	rdbA.AddHook(blip)
	rdbB := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { _ = rdbA.Close(); _ = rdbB.Close() })
	var runs atomic.Int32
	fn := func(context.Context, *omicall.CallEvent) error {
		if runs.Add(1) == 1 {
			blip.armed.Store(true) // the next command of A, its Finish, fails
		}
		return nil
	}
	quiet := redisstore.WithLogger(quietLog())
	opts := []redisstore.Option{redisstore.WithPrefix(prefix), redisstore.WithRunningTTL(2 * time.Second), quiet}
	a := omicall.NewWebhookHandler(fn, omicall.WithDedupStore(redisstore.NewDedupStore(rdbA, opts...), 10*time.Minute))
	b := omicall.NewWebhookHandler(fn, omicall.WithDedupStore(redisstore.NewDedupStore(rdbB, opts...), 10*time.Minute))
	ev := `{"state":"hangup","call_uuid":"lost-finish-1"}`
	require.Equal(t, http.StatusOK, deliver(a, ev))
	codes := map[int]int{}
	for end := time.Now().Add(3500 * time.Millisecond); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		codes[deliver(b, ev)]++
	}
	assert.EqualValues(t, 1, runs.Load(), "the callback ran again on B")
	assert.Positive(t, codes[http.StatusOK], "B answers 200 once the outcome is recorded: %v", codes)
	t.Logf("redeliveries to B over 3.5 s: %v; callback runs: %d", codes, runs.Load())
}

// quietLog is a logger that writes nowhere.
func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
