package omicall

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A token whose exp is a few seconds ahead is a short-lived token, not a
// sign of clock skew: it is used until then, never for 24 hours.
func TestShortLivedTokenIsNotKeptADay(t *testing.T) {
	srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
		now := time.Now()
		fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, testJWT(fmt.Sprint(n), now, now.Add(2*time.Second)))
	})
	c := newHostileClient(t, srv.URL)
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(2*time.Second), tok.Expiry, 2*time.Second, "the token's own exp")
	var now atomic.Int64
	now.Store(time.Now().Add(5 * time.Second).UnixNano())
	c.e.tokens.now = func() time.Time { return time.Unix(0, now.Load()) }
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, int32(2), srv.auths.Load(), "an expired token is replaced, not sent")
}

// The server's clock, read from its Date header, decides when a token
// expires: a server 3 hours ahead whose token lives 1 hour gives a token
// that expires in 1 hour on this machine's clock (not 4).
func TestTokenExpiryReadOnTheServersClock(t *testing.T) {
	srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
		server := time.Now().Add(3 * time.Hour)
		w.Header().Set("Date", server.UTC().Format(http.TimeFormat))
		enc := base64.RawURLEncoding.EncodeToString // no iat: the Date header tells
		tok := enc([]byte(`{"alg":"none"}`)) + "." + enc([]byte(fmt.Sprintf(`{"jti":"%d","exp":%d}`, n, server.Add(time.Hour).Unix()))) + ".sig"
		fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, tok)
	})
	c := newHostileClient(t, srv.URL)
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(time.Hour), tok.Expiry, time.Minute)
}

// A token already expired by the server's own clock is never sent.
func TestTokenExpiredByTheServersClockIsNotSent(t *testing.T) {
	var sent atomic.Int32
	srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
		now := time.Now()
		fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, testJWT(fmt.Sprint(n), now, now.Add(-time.Minute)))
	})
	srv.Config.Handler = countNonAuth(srv.Config.Handler, &sent)
	c := newHostileClient(t, srv.URL)
	_, err := c.Tenant.Get(ctxT(t))
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "/api/auth")
	assert.Zero(t, sent.Load(), "no call carried the expired token")
}

// A caller whose context ends while it waits for the token gets an error
// that names /api/auth and matches the context's error and its cause.
func TestTokenWaitThatEndsNamesAuth(t *testing.T) {
	release := make(chan struct{})
	srv := newAuthServer(t, func(_ int32, w http.ResponseWriter) { <-release })
	t.Cleanup(func() { close(release) })
	c := newHostileClient(t, srv.URL)
	cause := errors.New("the request's budget is spent")
	ctx, cancel := context.WithTimeoutCause(context.Background(), 100*time.Millisecond, cause)
	defer cancel()
	_, err := c.Tenant.Get(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	require.ErrorIs(t, err, cause)
	assert.Contains(t, err.Error(), "GET /api/auth")
	assert.Contains(t, err.Error(), "the request's budget is spent")
}

// countNonAuth counts the requests h serves other than /api/auth.
func countNonAuth(h http.Handler, n *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != authPath {
			n.Add(1)
		}
		h.ServeHTTP(w, r)
	})
}
