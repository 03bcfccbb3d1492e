package omicall

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall/internal/simulator"
)

const (
	routeAuth   = "GET /api/auth"
	routeTenant = "GET /api/tenant/detail"
)

func TestTokenIsReused(t *testing.T) {
	c, sim := newSimClient(t, nil)
	for i := 0; i < 5; i++ {
		_, err := c.Tenant.Get(ctxT(t))
		require.NoError(t, err)
	}
	assert.Equal(t, 1, sim.Requests(routeAuth))
	assert.Equal(t, 5, sim.Requests(routeTenant))
}

func TestSingleFlightUnderThousandGoroutines(t *testing.T) {
	c, sim := newSimClient(t, nil)
	sim.SetLatency(20 * time.Millisecond) // keep the fetch in flight while all goroutines arrive
	var wg sync.WaitGroup
	var failures atomic.Int32
	start := make(chan struct{})
	for i := 0; i < 1000; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if _, err := c.Token(context.Background()); err != nil {
				failures.Add(1)
			}
		}()
	}
	close(start)
	wg.Wait()
	assert.Zero(t, failures.Load())
	assert.Equal(t, 1, sim.Requests(routeAuth))
}

func TestExpiryFromJWTExpClaim(t *testing.T) {
	c, _ := newSimClient(t, []simulator.Option{simulator.WithTokenLifetime(2 * time.Hour)})
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(2*time.Hour), tok.Expiry, 5*time.Second)
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.Equal(t, "normal", tok.AccessType)
}

func TestExpiry24hWithoutExpClaim(t *testing.T) {
	c, _ := newSimClient(t, []simulator.Option{simulator.WithOpaqueTokens(), simulator.WithTokenLifetime(2 * time.Hour)})
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(24*time.Hour), tok.Expiry, 5*time.Second)
}

func TestRefreshAheadOfExpiry(t *testing.T) {
	// Tokens live 6 minutes; the client refreshes 5 minutes early, so a token
	// is good for one minute.
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	clock := func() time.Time { return time.Unix(0, now.Load()) }
	c, sim := newSimClient(t, []simulator.Option{simulator.WithTokenLifetime(6 * time.Minute), simulator.WithClock(clock)})
	c.tokens.now = clock
	first, err := c.Token(ctxT(t))
	require.NoError(t, err)
	now.Add(int64(30 * time.Second))
	same, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, first.AccessToken, same.AccessToken)
	assert.Equal(t, 1, sim.Requests(routeAuth))
	now.Add(int64(31 * time.Second)) // 61s: inside the 5-minute margin, still valid on the server
	next, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.NotEqual(t, first.AccessToken, next.AccessToken)
	assert.Equal(t, 2, sim.Requests(routeAuth))
}

func TestUnauthorizedRefreshesOnce(t *testing.T) {
	c, sim := newSimClient(t, nil)
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	sim.RevokeTokens() // mid-run: every issued token is now unknown
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 2, sim.Requests(routeAuth))
	assert.Equal(t, 3, sim.Requests(routeTenant))

	sim.ExpireTokens()
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 3, sim.Requests(routeAuth))
}

func TestUnauthorizedTwiceGivesErrUnauthorized(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return httpmock.NewStringResponse(401, `{"status_code":-9999,"message":"unauthorized"}`), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, int32(2), calls.Load(), "one refresh, then give up")
	assert.Equal(t, 2, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"])
}

func TestEnvelopeTokenCodeRefreshes(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			return httpmock.NewStringResponse(200, `{"status_code":-9999,"message":"token_expired"}`), nil
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, int32(2), calls.Load())
}

func TestInvalidAPIKey(t *testing.T) {
	sim := simulator.New()
	url, stop := sim.Start()
	defer stop()
	c, err := NewClient("wrong-key", WithBaseURL(url))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrAPIKeyInvalid)
	assert.NotContains(t, err.Error(), "wrong-key")
	assert.Equal(t, 0, sim.Requests(routeTenant))
}

func TestWaiterContextEndsWhileFetchGoesOn(t *testing.T) {
	c, sim := newSimClient(t, nil)
	sim.SetLatency(300 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Token(ctx)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 200*time.Millisecond)
	// The fetch was not cancelled: a later caller gets its token without a
	// second /api/auth.
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.NotEmpty(t, tok.AccessToken)
	assert.Equal(t, 1, sim.Requests(routeAuth))
}

func TestSharedTokenStore(t *testing.T) {
	store := NewMemoryTokenStore()
	sim := simulator.New()
	url, stop := sim.Start()
	defer stop()
	a, err := NewClient(sim.APIKey(), WithBaseURL(url), WithTokenStore(store))
	require.NoError(t, err)
	b, err := NewClient(sim.APIKey(), WithBaseURL(url), WithTokenStore(store))
	require.NoError(t, err)
	_, err = a.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	_, err = b.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 1, sim.Requests(routeAuth))

	// A token the server rejected is not taken back from the store.
	sim.RevokeTokens()
	_, err = b.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	_, err = a.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.LessOrEqual(t, sim.Requests(routeAuth), 3)
}

type failingStore struct{}

func (failingStore) Load(context.Context) (Token, bool, error) {
	return Token{}, false, errors.New("down")
}
func (failingStore) Save(context.Context, Token) error { return errors.New("down") }

func TestBrokenTokenStoreStillWorks(t *testing.T) {
	c, sim := newSimClient(t, nil, WithTokenStore(failingStore{}))
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 1, sim.Requests(routeAuth))
}

func TestWithAccessTokenSkipsAuth(t *testing.T) {
	sim := simulator.New()
	url, stop := sim.Start()
	defer stop()
	seed, err := NewClient(sim.APIKey(), WithBaseURL(url))
	require.NoError(t, err)
	tok, err := seed.Token(ctxT(t))
	require.NoError(t, err)
	sim.ResetCounts()

	c, err := NewClient("", WithBaseURL(url), WithAccessToken(tok.AccessToken))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 0, sim.Requests(routeAuth))

	sim.RevokeTokens()
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 0, sim.Requests(routeAuth), "a caller-managed token is never refreshed")
}

func TestJWTExpiryParsing(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	assert.Equal(t, now.Add(24*time.Hour), jwtExpiry("opaque", now))
	assert.Equal(t, now.Add(24*time.Hour), jwtExpiry("a.b.c", now))
	// {"exp":1700003600}
	assert.Equal(t, time.Unix(1700003600, 0), jwtExpiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDM2MDB9.sig", now))
	// {"sub":"x"} has no exp
	assert.Equal(t, now.Add(24*time.Hour), jwtExpiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig", now))
}
