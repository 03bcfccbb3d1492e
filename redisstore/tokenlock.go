package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
)

// LockToken takes the fleet's token lock if it is free (SET NX PX with the
// lock's time to live), or returns (nil, nil) when another process holds it.
// It fails at once, taking nothing, when the Redis user may run neither
// scripts nor transactions (the lock could not be released).
func (s *TokenStore) LockToken(ctx context.Context) (omicall.TokenLock, error) {
	var rnd [12]byte
	_, _ = rand.Read(rnd[:])
	l := &tokenLock{s: s, value: s.holder + "/" + hex.EncodeToString(rnd[:])}
	ok, err := bounded(ctx, s.o.opTimeout, func(ctx context.Context) (bool, error) {
		if _, stale := s.fence.current(); stale {
			// Learn, once a minute, whether the lock can be released: a
			// lock value is never "", so this unlock deletes nothing.
			if err := s.fence.probe(ctx, s.rdb, unlock, []string{s.lockKey}, []any{""}); err != nil {
				return false, err
			}
		}
		if mode, _ := s.fence.current(); mode == fenceNone {
			return false, errNoFence
		}
		return s.rdb.SetNX(ctx, s.lockKey, l.value, s.o.lockTTL).Result()
	})
	if err != nil {
		return nil, fmt.Errorf("redisstore: lock: %w", err)
	}
	if !ok {
		return nil, nil
	}
	return l, nil
}

// LockHolder returns the value of the token lock ("host/pid/random"), ""
// when it is free: who is fetching the token now, for operators and tests.
func (s *TokenStore) LockHolder(ctx context.Context) (string, error) {
	v, err := bounded(ctx, s.o.opTimeout, func(ctx context.Context) (string, error) {
		return s.rdb.Get(ctx, s.lockKey).Result()
	})
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}

// tokenLock is a held lock; value is unique to its holder.
type tokenLock struct {
	s     *TokenStore
	value string
}

// fencedSave stores the token only while the lock holds the caller's value.
var fencedSave = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`)

// unlock deletes the lock only while it holds the caller's value.
var unlock = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

// Save stores tok if the lock is still this holder's; otherwise it stores
// nothing and returns an error matching omicall.ErrTokenLockLost.
func (l *tokenLock) Save(ctx context.Context, tok omicall.Token) error {
	b, ttl, err := encode(tok)
	if err != nil {
		return err
	}
	s := l.s
	n, err := bounded(ctx, s.o.opTimeout, func(ctx context.Context) (int64, error) {
		return s.fence.run(ctx, s.rdb, fencedSave, []string{s.lockKey, s.tokenKey}, []any{l.value, b, ttl.Milliseconds()},
			func(ctx context.Context) (int64, error) {
				return l.whileHeld(ctx, func(p redis.Pipeliner) { p.Set(ctx, s.tokenKey, b, ttl) })
			})
	})
	if err != nil {
		return fmt.Errorf("redisstore: save: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("redisstore: save: %w", omicall.ErrTokenLockLost)
	}
	return nil
}

// Unlock releases the lock if it is still this holder's.
func (l *tokenLock) Unlock(ctx context.Context) error {
	s := l.s
	_, err := bounded(ctx, s.o.opTimeout, func(ctx context.Context) (int64, error) {
		return s.fence.run(ctx, s.rdb, unlock, []string{s.lockKey}, []any{l.value},
			func(ctx context.Context) (int64, error) {
				return l.whileHeld(ctx, func(p redis.Pipeliner) { p.Del(ctx, s.lockKey) })
			})
	})
	if err != nil {
		return fmt.Errorf("redisstore: unlock: %w", err)
	}
	return nil
}

// whileHeld runs the writes of w in a transaction that commits only while
// the lock holds l's value: 1 if it did, 0 if the lock is no longer l's.
func (l *tokenLock) whileHeld(ctx context.Context, w func(redis.Pipeliner)) (int64, error) {
	return casTx(ctx, l.s.rdb, func(tx *redis.Tx) (int64, error) {
		v, err := tx.Get(ctx, l.s.lockKey).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return 0, err
		}
		if v != l.value {
			return 0, nil
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error { w(p); return nil })
		return 1, err
	}, l.s.lockKey)
}

var _ omicall.TokenLocker = (*TokenStore)(nil)
