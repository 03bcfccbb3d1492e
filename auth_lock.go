package omicall

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"
)

// TokenLocker is an optional extension of TokenStore for a store that
// several processes share (Redis, SQL, etcd): with it, one process of the
// fleet fetches a new token while the others wait for it and read it,
// instead of each calling /api/auth. When a client's store implements it and
// the client needs a token (none yet, expired, refused by the server, or due
// for refresh), the client:
//
//  1. loads the stored token and uses it if it is valid beyond the refresh
//     margin and was never refused;
//  2. otherwise calls LockToken. With the lock it loads again (another
//     process may have just saved a token), fetches from /api/auth if need
//     be, saves through the lock (TokenLock.Save, which stores nothing if
//     the lock was lost: the fencing check) and unlocks;
//  3. if another process holds the lock, polls Load (every 5 ms, growing to
//     100 ms) until a usable token appears, taking the lock itself as soon
//     as it is free: a holder that dies blocks the fleet for at most the
//     lock's time to live. The wait ends with the caller's context.
//
// A store that fails (Load or LockToken returns an error) never stops
// calls: the client fetches a token of its own, logs a warning once per
// outage, and tries the store again every second in the background; once it
// answers, the client adopts the shared token, or shares its own if the
// store holds none.
//
// To implement it, make the lock a lease: LockToken takes it only if it is
// free (SET NX PX in Redis; an INSERT, or an UPDATE of an expired row, in
// SQL; a lease in etcd), with a value unique to this holder, and the lock
// expires by itself after a time to live longer than a token fetch.
// TokenLock.Save and Unlock act only while that value is still the
// holder's (a compare-and-set, a Lua script, a transaction).
type TokenLocker interface {
	TokenStore
	// LockToken tries once, without waiting, to take the fleet's token
	// lock. It returns (nil, nil) when another holder has it.
	LockToken(ctx context.Context) (TokenLock, error)
}

// TokenLock is the fleet's token lock, held by this process.
type TokenLock interface {
	// Save stores tok, atomically with a check that the lock is still
	// this holder's; if it is not (it expired, or passed to another), Save
	// stores nothing and returns an error matching ErrTokenLockLost.
	Save(ctx context.Context, tok Token) error
	// Unlock releases the lock if it is still this holder's; otherwise it
	// does nothing.
	Unlock(ctx context.Context) error
}

// ErrTokenLockLost is the error of TokenLock.Save when the lock expired or
// passed to another holder before the token was saved.
var ErrTokenLockLost = errors.New("omicall: the token lock was lost")

// Shared-store timings: the wait between polls of a lock held elsewhere,
// and between tries of a store that failed.
const (
	lockPollMin = 5 * time.Millisecond
	lockPollMax = 100 * time.Millisecond
	storeRetry  = time.Second
	storeOpWait = 5 * time.Second // bounds a background store call
)

// sharedState is what a client knows of its TokenLocker store; guarded by
// tokenSource.mu.
type sharedState struct {
	unshared  bool      // the current token was fetched while the store failed
	down      bool      // the store failed; a warning was logged
	resyncAt  time.Time // the next background try of the store
	resyncing bool      // a background try is running
}

// obtainShared returns the fleet's token, fetching it from /api/auth under
// the store's lock when no usable one is stored.
func (ts *tokenSource) obtainShared(ctx context.Context, l TokenLocker) (Token, error) {
	wait := lockPollMin
	for {
		t, ok, err := l.Load(ctx)
		if err != nil {
			return ts.obtainLocal(ctx, err)
		}
		if ok && ts.usable(t) {
			ts.storeAnswered(ctx)
			return t, nil
		}
		lock, err := l.LockToken(ctx)
		if err != nil {
			return ts.obtainLocal(ctx, err)
		}
		if lock != nil {
			return ts.fetchLocked(ctx, l, lock)
		}
		// Another process is fetching: wait for its token (or for the
		// lock, if it dies).
		if err := sleepCtx(ctx, wait/2+rand.N(wait/2+1)); err != nil {
			return Token{}, err
		}
		wait = min(wait*2, lockPollMax)
	}
}

// fetchLocked fetches and shares a token while holding the lock.
func (ts *tokenSource) fetchLocked(ctx context.Context, l TokenLocker, lock TokenLock) (Token, error) {
	defer func() {
		uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeOpWait)
		defer cancel()
		_ = lock.Unlock(uctx) // if it fails, the lock expires by itself
	}()
	if t, ok, err := l.Load(ctx); err == nil && ok && ts.usable(t) {
		ts.storeAnswered(ctx)
		return t, nil // saved by another process just before we took the lock
	}
	t, err := ts.fetchNew(ctx)
	if err != nil {
		return Token{}, err
	}
	if err := lock.Save(ctx, t); err != nil {
		ts.e.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall: the new access token could not be shared through the token store; this process uses it alone",
			slog.String("error", err.Error()))
		return t, nil
	}
	ts.storeAnswered(ctx)
	return t, nil
}

// obtainLocal fetches a token for this process alone, the store having
// failed with storeErr: a store outage never stops calls.
func (ts *tokenSource) obtainLocal(ctx context.Context, storeErr error) (Token, error) {
	ts.mu.Lock()
	logged := ts.shared.down
	ts.shared.down = true
	ts.mu.Unlock()
	if !logged {
		ts.e.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall: the token store failed; this process fetches and uses its own token until the store answers again",
			slog.String("error", storeErr.Error()))
	}
	t, err := ts.fetchNew(ctx)
	if err != nil {
		return Token{}, err
	}
	ts.mu.Lock()
	ts.shared.unshared = true
	ts.shared.resyncAt = ts.now().Add(storeRetry)
	ts.mu.Unlock()
	return t, nil
}

// storeAnswered records that the store works again and the token in use is
// the shared one.
func (ts *tokenSource) storeAnswered(ctx context.Context) {
	ts.mu.Lock()
	was := ts.shared.down
	ts.shared.down, ts.shared.unshared = false, false
	ts.mu.Unlock()
	if was {
		ts.e.cfg.logger.LogAttrs(ctx, slog.LevelInfo, "omicall: the token store answers again; using the shared token")
	}
}

// maybeResync starts a background try of the store, when one is due, for a
// client whose token is its own since the store failed. ts.mu is held.
func (ts *tokenSource) maybeResync(ctx context.Context, now time.Time) {
	l, ok := ts.e.cfg.store.(TokenLocker)
	if !ok || ts.shared.resyncing || now.Before(ts.shared.resyncAt) {
		return
	}
	ts.shared.resyncing = true
	go ts.resync(context.WithoutCancel(ctx), l)
}

// resync tries the store once: if it answers, the client adopts the shared
// token, or shares its own when the store holds no usable one.
func (ts *tokenSource) resync(ctx context.Context, l TokenLocker) {
	ctx, cancel := context.WithTimeout(ctx, storeOpWait)
	defer cancel()
	adopted := false
	defer func() {
		ts.mu.Lock()
		ts.shared.resyncing = false
		ts.shared.resyncAt = ts.now().Add(storeRetry)
		ts.mu.Unlock()
		if adopted {
			ts.storeAnswered(ctx)
		}
		_ = recover() // a store that panics stays unused; calls go on
	}()
	adopt := func(t Token) bool {
		ts.mu.Lock()
		defer ts.mu.Unlock()
		if ts.rejected.has(t.AccessToken) || !t.valid(ts.now(), ts.e.cfg.refreshMargin) {
			return false
		}
		ts.cur, ts.shared.unshared = t, false
		return true
	}
	if t, ok, err := l.Load(ctx); err != nil {
		return // still failing: try again later
	} else if ok && adopt(t) {
		adopted = true
		return
	}
	lock, err := l.LockToken(ctx)
	if err != nil || lock == nil {
		return // another process is at it: its token is read next time
	}
	defer func() { _ = lock.Unlock(ctx) }()
	if t, ok, err := l.Load(ctx); err == nil && ok && adopt(t) {
		adopted = true
		return
	}
	ts.mu.Lock()
	cur := ts.cur
	ts.mu.Unlock()
	if !ts.usable(cur) || lock.Save(ctx, cur) != nil {
		return
	}
	adopted = true
}
