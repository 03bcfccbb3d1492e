package redisstore_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/omicall-go/omicall/redisstore"
)

// aclUser creates a Redis user with the given rules on the shared Redis,
// deleted at the end, and returns a client logged in as it.
func aclUser(t *testing.T, rules ...string) *redis.Client {
	t.Helper()
	admin := newRedis(t)
	name := uniquePrefix(t)
	args := []any{"ACL", "SETUSER", name, "reset", "on", ">pw-" + name, "~*", "&*", "+@all"}
	for _, r := range rules {
		args = append(args, r)
	}
	require.NoError(t, admin.Do(context.Background(), args...).Err())
	t.Cleanup(func() { _ = admin.Do(context.Background(), "ACL", "DELUSER", name).Err() })
	rdb := redis.NewClient(&redis.Options{Addr: admin.Options().Addr, Username: name, Password: "pw-" + name})
	t.Cleanup(func() { _ = rdb.Close() })
	return rdb
}

// TestTokenStoreScriptingRefused: three processes (clients with stores of
// their own) on a cold store whose Redis user may not run Lua scripts (and,
// in the second case, not transactions either) all get a token within a
// second, although the lock lives 15 s: the lock is released without Lua,
// or not taken at all.
func TestTokenStoreScriptingRefused(t *testing.T) {
	for _, tc := range []struct {
		name     string
		rules    []string
		maxAuths int
	}{
		{"no scripting", []string{"-@scripting"}, 1},
		{"no scripting nor transactions", []string{"-@scripting", "-@transaction"}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb := aclUser(t, tc.rules...)
			sim := omicalltest.NewServer()
			prefix := uniquePrefix(t)
			var clients []*omicall.Client
			for range 3 {
				store := redisstore.NewTokenStore(rdb, "acme", redisstore.WithPrefix(prefix), redisstore.WithLockTTL(15*time.Second))
				clients = append(clients, sim.Client(t, omicall.WithTokenStore(store)))
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			start := time.Now()
			errs := make([]error, len(clients))
			var wg sync.WaitGroup
			for i, c := range clients {
				wg.Add(1)
				go func() { defer wg.Done(); _, errs[i] = c.Tenant.Get(ctx) }()
			}
			wg.Wait()
			for i, err := range errs {
				assert.NoError(t, err, "process %d", i)
			}
			assert.Less(t, time.Since(start), time.Second)
			assert.LessOrEqual(t, sim.Requests("GET /api/auth"), tc.maxAuths)
			t.Logf("%s: 3 processes served in %s with %d /api/auth", tc.name, time.Since(start).Round(time.Millisecond), sim.Requests("GET /api/auth"))
		})
	}
}

// TestTokenLockFencingWithoutScripts: for a Redis user that may not run
// scripts, the lock is still fenced (by a transaction): a holder whose lock
// passed to another can neither save nor release it; its own lock it can.
func TestTokenLockFencingWithoutScripts(t *testing.T) {
	rdb := aclUser(t, "-@scripting")
	prefix := uniquePrefix(t)
	s := redisstore.NewTokenStore(rdb, "acme", redisstore.WithPrefix(prefix))
	a, err := s.LockToken(ctxT(t))
	require.NoError(t, err)
	require.NotNil(t, a)
	lockKey := "{" + prefix + ":acme}:lock"
	require.NoError(t, rdb.Set(ctxT(t), lockKey, "another/1/holder", time.Minute).Err()) // a's lock expired and passed on
	require.ErrorIs(t, a.Save(ctxT(t), omicall.Token{AccessToken: "from-a", Expiry: time.Now().Add(time.Hour)}), omicall.ErrTokenLockLost)
	require.NoError(t, a.Unlock(ctxT(t)))
	holder, err := s.LockHolder(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "another/1/holder", holder, "a's unlock left the other's lock")

	require.NoError(t, rdb.Del(ctxT(t), lockKey).Err())
	b, err := s.LockToken(ctxT(t))
	require.NoError(t, err)
	require.NotNil(t, b)
	require.NoError(t, b.Save(ctxT(t), omicall.Token{AccessToken: "from-b", Expiry: time.Now().Add(time.Hour)}))
	require.NoError(t, b.Unlock(ctxT(t)))
	holder, err = s.LockHolder(ctxT(t))
	require.NoError(t, err)
	assert.Empty(t, holder)
	got, ok, err := s.Load(ctxT(t))
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, "from-b", got.AccessToken)
}

// TestDedupStoreWithoutScripts: for a Redis user that may not run scripts
// (nor, in the second case, transactions), the dedup store keeps its
// semantics: a success is done, a failure forgotten, and a late outcome of
// a claim that passed to another delivery leaves that delivery's mark.
func TestDedupStoreWithoutScripts(t *testing.T) {
	for _, rules := range [][]string{{"-@scripting"}, {"-@scripting", "-@transaction"}} {
		t.Run(strings.Join(rules, " "), func(t *testing.T) {
			rdb := aclUser(t, rules...)
			prefix := uniquePrefix(t)
			var logs lockedBuf
			d := redisstore.NewDedupStore(rdb, redisstore.WithPrefix(prefix), redisstore.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
			key := strings.Repeat("ef", 32)
			st, id, err := d.Claim(ctxT(t), key)
			require.NoError(t, err)
			require.Equal(t, omicall.DedupNew, st)
			require.NoError(t, d.Finish(ctxT(t), key, id, false, time.Minute))
			st, id, err = d.Claim(ctxT(t), key)
			require.NoError(t, err)
			require.Equal(t, omicall.DedupNew, st, "a failure is forgotten")
			require.NoError(t, d.Finish(ctxT(t), key, id, true, time.Minute))
			st, _, err = d.Claim(ctxT(t), key)
			require.NoError(t, err)
			assert.Equal(t, omicall.DedupDone, st)

			other := strings.Repeat("01", 32)
			_, id, err = d.Claim(ctxT(t), other)
			require.NoError(t, err)
			require.NoError(t, rdb.Set(ctxT(t), "{"+prefix+":dedup}:"+other, "run:another", time.Minute).Err()) // id's mark expired and passed on
			require.NoError(t, d.Finish(ctxT(t), other, id, true, time.Minute))
			require.NoError(t, d.Finish(ctxT(t), other, id, false, time.Minute))
			v, err := rdb.Get(ctxT(t), "{"+prefix+":dedup}:"+other).Result()
			require.NoError(t, err)
			assert.Equal(t, "run:another", v)
			assert.False(t, d.Stats().Down)
			assert.Empty(t, logs.String())
		})
	}
}
