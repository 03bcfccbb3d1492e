package redisstore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/omicall-go/omicall/redisstore"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func newMini(t *testing.T) (*miniredis.Miniredis, *redis.Client) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { _ = rdb.Close() })
	return mr, rdb
}

func TestTokenStoreLoadSaveExpires(t *testing.T) {
	mr, rdb := newMini(t)
	s := redisstore.NewTokenStore(rdb, "acme")
	_, ok, err := s.Load(ctxT(t))
	require.NoError(t, err)
	assert.False(t, ok)

	tok := omicall.Token{AccessToken: "secret-token-value", TokenType: "Bearer", Expiry: time.Now().Add(time.Hour).Truncate(time.Second)}
	require.NoError(t, s.Save(ctxT(t), tok))
	got, ok, err := s.Load(ctxT(t))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, tok.AccessToken, got.AccessToken)
	assert.True(t, tok.Expiry.Equal(got.Expiry))
	assert.True(t, mr.Exists("{omicall:acme}:token"))
	assert.InDelta(t, time.Hour.Seconds(), mr.TTL("{omicall:acme}:token").Seconds(), 5, "the key expires with the token")
	assert.NotContains(t, fmt.Sprint(s), "secret-token-value")

	mr.Set("{omicall:acme}:token", `{"access_token": garbage secret-token-value`)
	_, ok, err = s.Load(ctxT(t))
	require.NoError(t, err, "a malformed token is no token")
	assert.False(t, ok)

	require.Error(t, s.Save(ctxT(t), omicall.Token{AccessToken: "x", Expiry: time.Now()}), "an expired token is not stored")
}

// TestTokenLockFencing: the lock is exclusive, expires by itself, and a
// holder whose lock expired and passed to another can neither save nor
// release it.
func TestTokenLockFencing(t *testing.T) {
	mr, rdb := newMini(t)
	s := redisstore.NewTokenStore(rdb, "acme", redisstore.WithLockTTL(2*time.Second))
	a, err := s.LockToken(ctxT(t))
	require.NoError(t, err)
	require.NotNil(t, a)
	b, err := s.LockToken(ctxT(t))
	require.NoError(t, err)
	assert.Nil(t, b, "held by a")
	holder, err := s.LockHolder(ctxT(t))
	require.NoError(t, err)
	assert.Contains(t, holder, fmt.Sprintf("/%d/", osPid()))

	mr.FastForward(3 * time.Second) // a's lock expires (a died, or is slow)
	b, err = s.LockToken(ctxT(t))
	require.NoError(t, err)
	require.NotNil(t, b, "the lock expired: another takes it")

	tok := omicall.Token{AccessToken: "from-a", Expiry: time.Now().Add(time.Hour)}
	err = a.Save(ctxT(t), tok)
	require.ErrorIs(t, err, omicall.ErrTokenLockLost)
	require.NoError(t, a.Unlock(ctxT(t)))
	c, err := s.LockToken(ctxT(t))
	require.NoError(t, err)
	assert.Nil(t, c, "a's unlock did not release b's lock")

	require.NoError(t, b.Save(ctxT(t), omicall.Token{AccessToken: "from-b", Expiry: time.Now().Add(time.Hour)}))
	got, _, err := s.Load(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "from-b", got.AccessToken)
	require.NoError(t, b.Unlock(ctxT(t)))
	c, err = s.LockToken(ctxT(t))
	require.NoError(t, err)
	assert.NotNil(t, c)
}

func TestTokenStoreRedisDownIsAnError(t *testing.T) {
	mr, rdb := newMini(t)
	s := redisstore.NewTokenStore(rdb, "acme", redisstore.WithOpTimeout(500*time.Millisecond))
	mr.Close()
	_, _, err := s.Load(ctxT(t))
	require.Error(t, err)
	_, err = s.LockToken(ctxT(t))
	require.Error(t, err)
}

func TestDedupStoreClaimFinish(t *testing.T) {
	mr, rdb := newMini(t)
	d := redisstore.NewDedupStore(rdb, redisstore.WithRunningTTL(time.Minute))
	key := strings.Repeat("ab", 32)
	st, id, err := d.Claim(ctxT(t), key)
	require.NoError(t, err)
	require.Equal(t, omicall.DedupNew, st)
	st, _, err = d.Claim(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, omicall.DedupRunning, st)

	// A failed delivery is forgotten.
	require.NoError(t, d.Finish(ctxT(t), key, id, false, time.Minute))
	st, id, err = d.Claim(ctxT(t), key)
	require.NoError(t, err)
	require.Equal(t, omicall.DedupNew, st)
	// A success is kept for the window, then expires.
	require.NoError(t, d.Finish(ctxT(t), key, id, true, 10*time.Minute))
	st, _, err = d.Claim(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, omicall.DedupDone, st)
	assert.InDelta(t, (10 * time.Minute).Seconds(), mr.TTL("{omicall:dedup}:"+key).Seconds(), 5)
	mr.FastForward(11 * time.Minute)
	st, _, err = d.Claim(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, omicall.DedupNew, st, "expired with the window")

	// A running mark expires (its replica died); the late Finish of the
	// dead claim does not undo the new one.
	mr.FastForward(2 * time.Minute)
	st, id2, err := d.Claim(ctxT(t), key)
	require.NoError(t, err)
	require.Equal(t, omicall.DedupNew, st)
	require.NoError(t, d.Finish(ctxT(t), key, "run:dead", false, time.Minute))
	st, _, err = d.Claim(ctxT(t), key)
	require.NoError(t, err)
	assert.Equal(t, omicall.DedupRunning, st)
	require.NoError(t, d.Finish(ctxT(t), key, id2, true, time.Minute))
}

// TestTokenStoreMalformedRepaired: a malformed value under the token key
// (a partial write, another program) is taken for no token: the next fetch
// overwrites it, and the fleet shares the new token again.
func TestTokenStoreMalformedRepaired(t *testing.T) {
	mr, rdb := newMini(t)
	mr.Set("{omicall:acme}:token", `{"access_token": garbage`)
	sim := omicalltest.NewServer()
	a := sim.Client(t, omicall.WithTokenStore(redisstore.NewTokenStore(rdb, "acme")))
	b := sim.Client(t, omicall.WithTokenStore(redisstore.NewTokenStore(rdb, "acme")))
	_, err := a.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	_, err = b.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	got, ok, err := redisstore.NewTokenStore(rdb, "acme").Load(ctxT(t))
	require.NoError(t, err, "the key was overwritten")
	require.True(t, ok)
	tb, err := b.Token(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, got.AccessToken, tb.AccessToken, "b uses the shared token")
	assert.Equal(t, 1, sim.Requests("GET /api/auth"), "one fetch for both")
}
