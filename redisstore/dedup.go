package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
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
// Redis holds at most the events of one window: about 150 bytes each, e.g.
// 10 MB for 100 events a second and a 10-minute window.
type DedupStore struct {
	rdb    redis.UniversalClient
	prefix string
	o      options
}

// NewDedupStore returns the dedup store on rdb.
func NewDedupStore(rdb redis.UniversalClient, opts ...Option) *DedupStore {
	o := newOptions(opts, DefaultOpTimeout)
	return &DedupStore{rdb: rdb, prefix: "{" + o.prefix + ":dedup}:", o: o}
}

// claim returns 1 (done), 2 (running) or 0 (claimed now, for the caller).
var claim = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v == 'done' then return 1 end
if v then return 2 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 0`)

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

// Claim reports what Redis knows of key and marks it running for this
// delivery when it knows nothing.
func (s *DedupStore) Claim(ctx context.Context, key string) (omicall.DedupState, string, error) {
	var rnd [12]byte
	_, _ = rand.Read(rnd[:])
	id := "run:" + hex.EncodeToString(rnd[:])
	ctx, cancel := context.WithTimeout(ctx, s.o.opTimeout)
	defer cancel()
	n, err := claim.Run(ctx, s.rdb, []string{s.prefix + key}, id, s.o.runningTTL.Milliseconds()).Int()
	if err != nil {
		return 0, "", fmt.Errorf("redisstore: dedup claim: %w", err)
	}
	switch n {
	case 1:
		return omicall.DedupDone, "", nil
	case 2:
		return omicall.DedupRunning, "", nil
	}
	return omicall.DedupNew, id, nil
}

// Finish records the outcome of the delivery that claimed key.
func (s *DedupStore) Finish(ctx context.Context, key, claimID string, handled bool, window time.Duration) error {
	ms := max(window.Milliseconds(), 1)
	h := "0"
	if handled {
		h = "1"
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.opTimeout)
	defer cancel()
	if err := finish.Run(ctx, s.rdb, []string{s.prefix + key}, claimID, h, ms).Err(); err != nil {
		return fmt.Errorf("redisstore: dedup finish: %w", err)
	}
	return nil
}

var _ omicall.DedupStore = (*DedupStore)(nil)
