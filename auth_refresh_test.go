package omicall

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testJWT returns a JWT-shaped token with the given claims (unsigned).
func testJWT(id string, iat, exp time.Time) string {
	enc := base64.RawURLEncoding.EncodeToString
	return enc([]byte(`{"alg":"none"}`)) + "." +
		enc([]byte(fmt.Sprintf(`{"jti":%q,"iat":%d,"exp":%d}`, id, iat.Unix(), exp.Unix()))) + ".sig"
}

// authServer serves /api/auth with tokens made by issue(n) (n = 1, 2, ...)
// and accepts every token on /api/tenant/detail.
type authServer struct {
	*httptest.Server
	auths atomic.Int32
}

func newAuthServer(t *testing.T, issue func(n int32, w http.ResponseWriter)) *authServer {
	t.Helper()
	s := &authServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/auth" {
			issue(s.auths.Add(1), w)
			return
		}
		_, _ = io.WriteString(w, `{"status_code":9999,"payload":{"full_name":"ok"}}`)
	}))
	t.Cleanup(s.Close)
	return s
}

// flightDone waits until no token fetch is in flight.
func flightDone(t *testing.T, c *Client) {
	t.Helper()
	require.Eventually(t, func() bool {
		c.e.tokens.mu.Lock()
		defer c.e.tokens.mu.Unlock()
		return c.e.tokens.flight == nil
	}, 20*time.Second, time.Millisecond)
}

// Inside the refresh margin, a slow and then failing /api/auth
// neither delays nor fails calls: the valid token stays in use, the refresh
// runs in the background, one at a time, and a failure is logged, not
// returned, and not repeated at once.
func TestHostileEarlyRefreshFailureKeepsTheValidToken(t *testing.T) {
	start := time.Now()
	var now atomic.Int64
	now.Store(start.UnixNano())
	release := make(chan struct{})
	srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
		if n == 1 {
			fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, testJWT("t1", start, start.Add(10*time.Minute)))
			return
		}
		<-release // slow, then failing
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock) // before the server closes, even when the test fails early
	var logs logBuffer
	c := newHostileClient(t, srv.URL, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	c.e.tokens.now = func() time.Time { return time.Unix(0, now.Load()) }
	first, err := c.Token(ctxT(t))
	require.NoError(t, err)

	now.Add(int64(6 * time.Minute)) // inside the 5-minute margin, 4 minutes before expiry
	ctx, cancel := context.WithTimeout(ctxT(t), 10*time.Second)
	defer cancel()
	for range 10 {
		_, err := c.Tenant.Get(ctx)
		require.NoError(t, err, "a call must not wait for, or fail with, an early refresh")
	}
	tok, err := c.e.tokens.token(ctx)
	require.NoError(t, err)
	assert.Equal(t, first.AccessToken, tok.AccessToken)
	unblock()
	flightDone(t, c)
	assert.Equal(t, int32(2), srv.auths.Load(), "one early refresh in flight at a time")
	for range 10 {
		_, err := c.Tenant.Get(ctx)
		require.NoError(t, err)
	}
	flightDone(t, c)
	assert.Equal(t, int32(2), srv.auths.Load(), "a failed early refresh is not retried at once")
	assert.Contains(t, logs.String(), "refresh ahead of expiry failed")
}

// A token whose exp is already past by the client's clock (but
// accepted by the server) does not cost a token request per call.
func TestHostileClockSkewCostsOneTokenRequest(t *testing.T) {
	srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
		skewed := time.Now().Add(-3 * time.Hour) // the server's clock is 3 hours behind
		fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, testJWT(fmt.Sprint(n), skewed, skewed.Add(time.Hour)))
	})
	var logs logBuffer
	c := newHostileClient(t, srv.URL, WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	for range 5 {
		_, err := c.Tenant.Get(ctxT(t))
		require.NoError(t, err)
	}
	assert.Equal(t, int32(1), srv.auths.Load(), "/api/auth calls")
	assert.Equal(t, 1, strings.Count(logs.String(), "clock skew"), "logged once")
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(time.Hour), tok.Expiry, time.Minute, "the token's own lifetime (exp - iat), from now")
}

// A panic in the background token fetch is an error for the waiting
// callers, not a crash of the process.
func TestHostileTokenFetchPanicIsAnError(t *testing.T) {
	c := newHostileClient(t, "https://api.omicall.test", WithTokenStore(panicStore{}))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "panic")
}

type panicStore struct{}

func (panicStore) Load(context.Context) (Token, bool, error) { panic("store exploded") }
func (panicStore) Save(context.Context, Token) error         { return nil }

// A token the server refused is never sent again, even when a
// late 401 for an older token arrives and the store still holds the
// refused one.
func TestHostileRevokedTokenNeverComesBack(t *testing.T) {
	const revoked = "tok-revoked"
	var sentRevoked atomic.Int32
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok-1" {
			if r.Header.Get("Authorization") == "Bearer "+revoked {
				sentRevoked.Add(1)
			}
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		hostileOK(w, `{"full_name":"ok"}`)
	})
	store := NewMemoryTokenStore()
	require.NoError(t, store.Save(context.Background(), Token{AccessToken: revoked, Expiry: time.Now().Add(time.Hour)}))
	c := newHostileClient(t, srv.URL, WithTokenStore(store))
	c.e.tokens.invalidate(revoked)      // a 401 answered for the stored token
	c.e.tokens.invalidate("tok-before") // then a late 401 for an older one
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "ok", ten.FullName)
	assert.Zero(t, sentRevoked.Load(), "a revoked token was sent again")
}

// A storm of 401s while the server revokes the token: every call
// ends well after one refresh, and one /api/auth serves them all.
func TestHostile401StormWithRevocation(t *testing.T) {
	var valid atomic.Value
	valid.Store("tok-1")
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+valid.Load().(string) {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"status_code":401,"message":"token_expired"}`)
			return
		}
		hostileOK(w, `{"full_name":"ok"}`)
	})
	c := newHostileClient(t, srv.URL)
	_, err := c.Token(ctxT(t))
	require.NoError(t, err)
	valid.Store("tok-2") // the server revokes tok-1
	var wg sync.WaitGroup
	var failed atomic.Int32
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Tenant.Get(ctxT(t)); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.Zero(t, failed.Load())
	assert.Equal(t, int32(2), srv.auths.Load(), "one refresh for the whole storm")
}
