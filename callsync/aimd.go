package callsync

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
)

// gate bounds the history requests in flight, additive increase,
// multiplicative decrease: the limit halves when OMICall says requests come
// too fast (once per such episode: answers to requests sent before the
// halving do not halve it again), every request waits out the Retry-After
// (or a doubling wait when none is named), and the limit grows by one after
// 4×limit successes in a row, up to max.
type gate struct {
	mu         sync.Mutex
	limit, max int
	inflight   int
	streak     int       // successes since the limit last changed
	epoch      int       // bumped at each halving
	pauseUntil time.Time // no request starts before
	limitedRun int       // rate limits in a row, for the doubling wait
	limited    int       // rate limits in all
	changed    chan struct{}
	base, top  time.Duration
}

func newGate(max int, base, top time.Duration) *gate {
	return &gate{limit: (max + 1) / 2, max: max, changed: make(chan struct{}), base: base, top: top}
}

// acquire waits for a slot and returns the epoch it was granted in.
func (g *gate) acquire(ctx context.Context) (int, error) {
	for {
		g.mu.Lock()
		wait := time.Until(g.pauseUntil)
		if g.inflight < g.limit && wait <= 0 {
			g.inflight++
			e := g.epoch
			g.mu.Unlock()
			return e, nil
		}
		ch := g.changed
		g.mu.Unlock()
		if err := sleepOr(ctx, ch, wait); err != nil {
			return 0, err
		}
	}
}

// release returns a slot, with what the request met: retryAfter >= 0 for a
// rate limit (0: none named), < 0 otherwise.
func (g *gate) release(epoch int, retryAfter time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	switch {
	case retryAfter >= 0:
		g.limited++
		g.limitedRun++
		if epoch == g.epoch {
			g.limit = max(1, g.limit/2)
			g.epoch++
			g.streak = 0
		}
		if retryAfter == 0 {
			retryAfter = min(g.base<<min(g.limitedRun-1, 20), g.top)
		}
		if until := time.Now().Add(retryAfter); until.After(g.pauseUntil) {
			g.pauseUntil = until
		}
	default:
		g.limitedRun = 0
		if g.streak++; g.streak >= 4*g.limit && g.limit < g.max {
			g.limit++
			g.streak = 0
		}
	}
	close(g.changed)
	g.changed = make(chan struct{})
}

// state returns the current limit and the rate limits met so far.
func (g *gate) state() (limit, limited int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.limit, g.limited
}

// sleepOr waits until ch is closed, d has passed (d > 0), or ctx ends.
func sleepOr(ctx context.Context, ch <-chan struct{}, d time.Duration) error {
	var timeout <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-ch:
	case <-timeout:
	}
	return nil
}

// rateLimit reports whether err says requests come too fast, and the wait
// the server named (0 when none): rate_limit_exceeded,
// limit_request_30_minute, or HTTP 429.
func rateLimit(err error) (time.Duration, bool) {
	if err == nil {
		return 0, false
	}
	var ae *omicall.APIError
	if errors.As(err, &ae) {
		if ae.HTTPStatus == http.StatusTooManyRequests || ae.Code == "rate_limit_exceeded" || ae.Code == "limit_request_30_minute" {
			return ae.RetryAfter, true
		}
	}
	return 0, errors.Is(err, omicall.ErrRateLimited)
}
