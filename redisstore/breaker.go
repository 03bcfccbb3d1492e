package redisstore

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
)

// Breaker timings of a DedupStore: how long Redis is left alone after a
// failure before the next probe, and how many outcomes wait for Redis.
const (
	breakerWait = time.Second
	maxPending  = 10_000
	replayWait  = 2 * time.Second // bounds the recording of one batch
)

// DedupStats is what a DedupStore did without Redis, for metrics: export
// the counters (they only grow) and alert on Down.
type DedupStats struct {
	Outages  uint64 // times Redis failed while it was in use
	Bypassed uint64 // events checked in this replica's memory only
	Replayed uint64 // outcomes recorded late, once Redis answered again
	Dropped  uint64 // outcomes never recorded: too many waited, or their window ended first
	Down     bool   // Redis is failing now; events are checked locally
}

// Stats returns the store's counters.
func (s *DedupStore) Stats() DedupStats {
	b := &s.br
	return DedupStats{Outages: b.outages.Load(), Bypassed: b.bypassed.Load(), Replayed: b.replayed.Load(),
		Dropped: b.dropped.Load(), Down: b.isDown()}
}

// breaker keeps a DedupStore off a failing Redis: down from a failure
// until a background probe finds Redis answering and has recorded the
// outcomes that waited.
type breaker struct {
	s                                    *DedupStore
	down                                 atomic.Bool
	outages, bypassed, replayed, dropped atomic.Uint64

	trip atomic.Pointer[chan struct{}] // closed when an outage starts, to release the calls in flight

	mu      sync.Mutex
	since   time.Time // start of the outage
	pending pending   // outcomes to record
}

func (b *breaker) isDown() bool { return b.down.Load() }

// tripped returns a channel closed when the next outage starts.
func (b *breaker) tripped() <-chan struct{} { return *b.trip.Load() }

// fail records a failure of Redis: the first of an outage is logged and
// starts the background probe.
func (b *breaker) fail(err error) {
	b.mu.Lock()
	if b.down.Load() {
		b.mu.Unlock()
		return
	}
	b.down.Store(true)
	b.since = time.Now()
	b.mu.Unlock()
	next := make(chan struct{})
	close(*b.trip.Swap(&next))
	b.outages.Add(1)
	b.s.o.logger.LogAttrs(context.Background(), slog.LevelWarn,
		"redisstore: Redis failed; webhook events are deduplicated in this replica only until it answers again",
		slog.String("error", err.Error()))
	go b.probe()
}

// queue keeps f to record when Redis answers, and reports whether it did:
// not once the outage is over (write f then).
func (b *breaker) queue(f outcome) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.down.Load() {
		return false
	}
	if b.pending.push(f) {
		b.dropped.Add(1)
	}
	return true
}

// probe tries Redis every breakerWait until it answers and every waiting
// outcome is recorded; then the store uses Redis again.
func (b *breaker) probe() {
	t := time.NewTimer(breakerWait)
	defer t.Stop()
	for {
		<-t.C
		if b.recover() {
			return
		}
		t.Reset(breakerWait)
	}
}

// recover reports whether Redis answered and the outcomes were recorded,
// and then ends the outage; or whether the client was closed, and then
// the store stays down.
func (b *breaker) recover() bool {
	s := b.s
	ctx := context.Background()
	if _, err := bounded(ctx, s.o.opTimeout, func(ctx context.Context) (int64, error) {
		return s.rdb.Exists(ctx, s.prefix+"probe").Result() // routed to the store's slot
	}); err != nil {
		return errors.Is(err, redis.ErrClosed) // the client was closed: stop probing
	}
	for {
		b.mu.Lock()
		batch := b.pending.oldest(500)
		if len(batch) == 0 {
			b.down.Store(false)
			since := b.since
			b.mu.Unlock()
			s.o.logger.LogAttrs(ctx, slog.LevelInfo, "redisstore: Redis answers again; webhook events are deduplicated across replicas again",
				slog.Duration("outage", time.Since(since).Round(time.Millisecond)), slog.Uint64("bypassed_total", b.bypassed.Load()))
			return true
		}
		shifted := b.pending.shifted
		b.mu.Unlock()
		if !s.replay(ctx, batch) {
			return false
		}
		b.mu.Lock()
		// What queue pushed out meanwhile was of this batch.
		b.pending.drop(len(batch) - (b.pending.shifted - shifted))
		b.mu.Unlock()
	}
}

// replay records a batch of outcomes that waited: those of the events
// handled while Redis failed in one pipeline, the others one by one. It
// reports whether Redis took them.
func (s *DedupStore) replay(ctx context.Context, batch []outcome) bool {
	now := time.Now()
	var local, claimed []outcome
	for _, f := range batch {
		switch {
		case !f.until.After(now):
			s.br.dropped.Add(1)
		case f.claim == localClaim:
			local = append(local, f)
		default:
			claimed = append(claimed, f)
		}
	}
	_, err := bounded(ctx, replayWait, func(ctx context.Context) (struct{}, error) {
		if len(local) > 0 {
			if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
				for _, f := range local {
					p.SetNX(ctx, s.prefix+f.key, "done", max(time.Until(f.until), time.Millisecond))
				}
				return nil
			}); err != nil {
				return struct{}{}, err
			}
		}
		for _, f := range claimed {
			if err := s.record(ctx, f); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
	if err != nil {
		return false
	}
	s.br.replayed.Add(uint64(len(local) + len(claimed)))
	return true
}
