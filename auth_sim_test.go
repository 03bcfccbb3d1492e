package omicall_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

const (
	routeAuth   = "GET /api/auth"
	routeTenant = "GET /api/tenant/detail"
)

type failingStore struct{}

func (failingStore) Load(context.Context) (omicall.Token, bool, error) {
	return omicall.Token{}, false, errors.New("down")
}
func (failingStore) Save(context.Context, omicall.Token) error { return errors.New("down") }

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
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithTokenLifetime(2 * time.Hour)})
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(2*time.Hour), tok.Expiry, 5*time.Second)
	assert.Equal(t, "Bearer", tok.TokenType)
	assert.Equal(t, "normal", tok.AccessType)
}

func TestExpiry24hWithoutExpClaim(t *testing.T) {
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithOpaqueTokens(), omicalltest.WithTokenLifetime(2 * time.Hour)})
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
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithTokenLifetime(6 * time.Minute), omicalltest.WithClock(clock)})
	omicall.SetTokenClock(c, clock)
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

func TestInvalidAPIKey(t *testing.T) {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient("wrong-key", omicall.WithBaseURL(url))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, omicall.ErrAPIKeyInvalid)
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
	store := omicall.NewMemoryTokenStore()
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	a, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url), omicall.WithTokenStore(store))
	require.NoError(t, err)
	b, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url), omicall.WithTokenStore(store))
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

func TestBrokenTokenStoreStillWorks(t *testing.T) {
	c, sim := newSimClient(t, nil, omicall.WithTokenStore(failingStore{}))
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 1, sim.Requests(routeAuth))
}

func TestWithAccessTokenSkipsAuth(t *testing.T) {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	seed, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	require.NoError(t, err)
	tok, err := seed.Token(ctxT(t))
	require.NoError(t, err)
	sim.ResetCounts()

	c, err := omicall.NewClient("", omicall.WithBaseURL(url), omicall.WithAccessToken(tok.AccessToken))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 0, sim.Requests(routeAuth))

	sim.RevokeTokens()
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, omicall.ErrUnauthorized)
	assert.Equal(t, 0, sim.Requests(routeAuth), "a caller-managed token is never refreshed")
}
