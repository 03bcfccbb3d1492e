package redisstore

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// How a store runs its compare-and-set operations.
const (
	fenceLua  = iota // a Lua script: one round trip
	fenceTx          // the user may not run scripts: WATCH/MULTI/EXEC
	fenceNone        // neither scripts nor transactions are allowed
)

// fenceRecheck is how long a refusal is remembered before scripts are
// tried again (the ACL may have been changed).
const fenceRecheck = time.Minute

// errNoFence is the error of an operation that needs a compare-and-set on
// a Redis user that may run neither scripts nor transactions.
var errNoFence = errors.New("the Redis user may run neither Lua scripts (EVALSHA) nor transactions (WATCH/MULTI): grant +@scripting or +@transaction")

// fence chooses between a Lua script and a transaction for the
// compare-and-set operations of a store, learning from Redis's refusals.
type fence struct {
	mu      sync.Mutex
	mode    int
	learned time.Time // when mode was learned; zero: never checked
}

// current returns the mode to use, and whether it is due for a check.
func (f *fence) current() (mode int, stale bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.mode != fenceLua && time.Since(f.learned) >= fenceRecheck {
		f.mode = fenceLua // try scripts again
	}
	return f.mode, f.learned.IsZero() || time.Since(f.learned) >= fenceRecheck
}

// set records that mode works (or is the best left).
func (f *fence) set(mode int) {
	f.mu.Lock()
	f.mode, f.learned = mode, time.Now()
	f.mu.Unlock()
}

// run runs script, or tx when scripts are refused, or returns errNoFence
// when tx is refused too.
func (f *fence) run(ctx context.Context, rdb redis.Scripter, script *redis.Script, keys []string, args []any,
	tx func(context.Context) (int64, error)) (int64, error) {
	mode, _ := f.current()
	if mode == fenceLua {
		n, err := script.Run(ctx, rdb, keys, args...).Int64()
		if !refused(err) {
			return n, err
		}
		f.set(fenceTx)
		mode = fenceTx
	}
	if mode == fenceTx {
		n, err := tx(ctx)
		if !refused(err) {
			return n, err
		}
		f.set(fenceNone)
	}
	return 0, errNoFence
}

// probe learns the mode without side effects: it runs script with keys and
// args that change nothing, else watches keys.
func (f *fence) probe(ctx context.Context, rdb redis.UniversalClient, script *redis.Script, keys []string, args []any) error {
	err := script.Run(ctx, rdb, keys, args...).Err()
	if !refused(err) {
		if err == nil {
			f.set(fenceLua)
		}
		return err
	}
	err = rdb.Watch(ctx, func(*redis.Tx) error { return nil }, keys...)
	switch {
	case err == nil:
		f.set(fenceTx)
	case refused(err):
		f.set(fenceNone)
		return nil
	}
	return err
}

// casTx runs fn in a WATCH on key, again when the transaction was aborted
// by a concurrent write (a few times: a lock or an event key is written
// rarely).
func casTx(ctx context.Context, rdb redis.UniversalClient, fn func(*redis.Tx) (int64, error), key string) (int64, error) {
	var n int64
	var err error
	for range 5 {
		err = rdb.Watch(ctx, func(tx *redis.Tx) error {
			var ferr error
			n, ferr = fn(tx)
			return ferr
		}, key)
		if !errors.Is(err, redis.TxFailedErr) {
			return n, err
		}
	}
	return 0, err
}
