package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
)

// DedupStore is the memory of omicall.WithDedupStore in Redis, shared by the
// replicas of a webhook receiver: one key per event,
// "{prefix:dedup}:" + the event's digest (64 hex digits), holding "done"
// for the window once the event was handled, or a claim id while a replica
// runs the callback (for at most the running TTL). Every key expires, so
// Redis holds at most the events of one window: on Redis 7.0, MEMORY USAGE
// says 152 bytes a key, and used_memory grows by 213 bytes a key (its
// expiry and the hash tables included), e.g. 13 MB for 100 events a second
// and a 10-minute window.
//
// A Redis that fails never holds events up: each Redis call is bounded
// (WithOpTimeout, default 200 ms), and after a failure the store leaves
// Redis alone, checking events in this replica's memory only, while it
// probes Redis in the background every second. It logs one warning per
// outage (WithLogger) and one line when Redis answers again, and counts
// what it did meanwhile (Stats). Outcomes it could not record (a Finish
// lost to the failure, and the events handled meanwhile) are recorded once
// Redis answers, so that a finished callback is not run again by another
// replica while Redis keeps its keys. The probe ends when Redis answers,
// or when rdb is closed.
type DedupStore struct {
	rdb    redis.UniversalClient
	prefix string
	o      options
	fence  fence
	br     breaker
}

// NewDedupStore returns the dedup store on rdb.
func NewDedupStore(rdb redis.UniversalClient, opts ...Option) *DedupStore {
	o := newOptions(opts, DefaultDedupTimeout)
	s := &DedupStore{rdb: rdb, prefix: "{" + o.prefix + ":dedup}:", o: o}
	s.br.s = s
	trip := make(chan struct{})
	s.br.trip.Store(&trip)
	return s
}

// localClaim is the claim of an event checked while Redis failed.
const localClaim = "local"

// Claim reports what Redis knows of key and marks it running for this
// delivery when it knows nothing (SET NX). While Redis fails it answers
// omicall.DedupNew at once, without error: the handler's own memory
// deduplicates meanwhile.
func (s *DedupStore) Claim(ctx context.Context, key string) (omicall.DedupState, string, error) {
	if s.br.isDown() {
		s.br.bypassed.Add(1)
		return omicall.DedupNew, localClaim, nil
	}
	var rnd [12]byte
	_, _ = rand.Read(rnd[:])
	id := "run:" + hex.EncodeToString(rnd[:])
	st, err := abortable(ctx, s.o.opTimeout, s.br.tripped(), func(ctx context.Context) (omicall.DedupState, error) {
		return s.claim(ctx, s.prefix+key, id)
	})
	if err != nil {
		if ctx.Err() != nil { // the request ended: not Redis's failure
			return 0, "", fmt.Errorf("redisstore: dedup claim: %w", ctx.Err())
		}
		s.br.fail(err)
		s.br.bypassed.Add(1)
		// The SET NX may have been done: keep the claim id, so that
		// Finish records the outcome over this claim's mark.
		return omicall.DedupNew, id, nil
	}
	if st != omicall.DedupNew {
		id = ""
	}
	return st, id, nil
}

// claim sets k to id if it is free, else reads what it holds.
func (s *DedupStore) claim(ctx context.Context, k, id string) (omicall.DedupState, error) {
	for range 3 { // the key can expire between SET NX and GET
		ok, err := s.rdb.SetNX(ctx, k, id, s.o.runningTTL).Result()
		if err != nil || ok {
			return omicall.DedupNew, err
		}
		v, err := s.rdb.Get(ctx, k).Result()
		switch {
		case errors.Is(err, redis.Nil):
			continue
		case err != nil:
			return 0, err
		case v == "done":
			return omicall.DedupDone, nil
		}
		return omicall.DedupRunning, nil
	}
	return omicall.DedupRunning, nil
}

// Finish records the outcome of the delivery that claimed key: "done" for
// window when handled, else the running mark is dropped if it is still this
// claim's. When Redis fails the outcome is kept in memory and recorded once
// Redis answers (while it still matters: within the window, and, for a
// failure, the running TTL), so Finish returns nil.
func (s *DedupStore) Finish(ctx context.Context, key, claimID string, handled bool, window time.Duration) error {
	f := outcome{key: key, claim: claimID, handled: handled, until: time.Now().Add(window)}
	if !handled {
		if claimID == localClaim {
			return nil // nothing was written
		}
		f.until = time.Now().Add(s.o.runningTTL)
	}
	if s.br.isDown() && s.br.queue(f) {
		return nil
	}
	_, err := abortable(ctx, s.o.opTimeout, s.br.tripped(), func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.record(ctx, f)
	})
	if err != nil {
		s.br.fail(err)
		if !s.br.queue(f) { // Redis came back meanwhile
			s.br.dropped.Add(1)
		}
	}
	return nil
}

// outcome is what Finish records.
type outcome struct {
	key, claim string
	handled    bool
	until      time.Time // after this, recording it is of no use
}

// finish records the outcome of the claim ARGV[1]: "done" for ARGV[3] ms
// when ARGV[2] is "1", else forgotten. A key that passed to another claim
// is left alone; a key whose claim expired is still marked done.
var finish = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v and v ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then
  redis.call('SET', KEYS[1], 'done', 'PX', ARGV[3])
elseif v then
  redis.call('DEL', KEYS[1])
end
return 1`)

// record writes f: "done" for the rest of its window, or its running mark
// dropped; never over another claim's mark.
func (s *DedupStore) record(ctx context.Context, f outcome) error {
	k, ttl := s.prefix+f.key, max(time.Until(f.until), time.Millisecond)
	if f.claim == localClaim { // handled while Redis failed: done, unless a delivery since holds the key
		return s.rdb.SetNX(ctx, k, "done", ttl).Err()
	}
	h := "0"
	if f.handled {
		h = "1"
	}
	_, err := s.fence.run(ctx, s.rdb, finish, []string{k}, []any{f.claim, h, ttl.Milliseconds()}, func(ctx context.Context) (int64, error) {
		return casTx(ctx, s.rdb, func(tx *redis.Tx) (int64, error) {
			v, err := tx.Get(ctx, k).Result()
			if ok, err := s.mine(v, err, f); !ok {
				return 0, err
			}
			_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error { s.write(ctx, p, k, f, ttl); return nil })
			return 1, err
		}, k)
	})
	if errors.Is(err, errNoFence) {
		// Neither scripts nor transactions: compare, then write. A claim
		// that expires and passes to another delivery between the two
		// commands (a callback that ran the whole running TTL) could be
		// overwritten; grant +@scripting to close that gap.
		v, err := s.rdb.Get(ctx, k).Result()
		if ok, err := s.mine(v, err, f); !ok {
			return err
		}
		_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { s.write(ctx, p, k, f, ttl); return nil })
		return err
	}
	return err
}

// mine reports whether the key's value v (read with error err) lets f be
// written: it holds f's claim, or, for a success, nothing (the claim
// expired).
func (s *DedupStore) mine(v string, err error, f outcome) (bool, error) {
	if errors.Is(err, redis.Nil) {
		return f.handled, nil
	}
	return err == nil && v == f.claim, err
}

// write queues the writes of f on p.
func (s *DedupStore) write(ctx context.Context, p redis.Pipeliner, k string, f outcome, ttl time.Duration) {
	if f.handled {
		p.Set(ctx, k, "done", ttl)
	} else {
		p.Del(ctx, k)
	}
}

var _ omicall.DedupStore = (*DedupStore)(nil)
