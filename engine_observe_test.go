package omicall_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestObserverCallsAttemptsAndTokenFetch(t *testing.T) {
	rc := &recorder{}
	c, sim := newSimClient(t, nil, omicall.WithObserver(rc.observer()))
	sim.InjectFault(omicalltest.Fault{Route: routeTenant, Status: 503})
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	_, err = c.Contacts.Get(ctxT(t), "65f0c0ffee0123456789abcd")
	require.Error(t, err)

	rc.mu.Lock()
	defer rc.mu.Unlock()
	require.Len(t, rc.calls, 3) // /api/auth inside the first call, the tenant, the contact
	assert.Equal(t, omicall.CallInfo{Method: "GET", Route: "/api/auth"}, rc.calls[1])
	assert.Equal(t, "GET /api/tenant/detail", rc.calls[0].Method+" "+rc.calls[0].Route)
	assert.Contains(t, rc.calls[2].Route, "{id}")
	assert.NotContains(t, rc.calls[2].Route, "65f0c0ffee")
	require.Len(t, rc.results, 3)
	tenant := rc.results[1] // the auth call ended first
	assert.Equal(t, 2, tenant.Attempts)
	assert.Equal(t, 200, tenant.Status)
	assert.Positive(t, tenant.RetryWait)
	assert.NoError(t, tenant.Err)
	assert.Error(t, rc.results[2].Err)
	require.Len(t, rc.fetches, 1)
	assert.True(t, rc.fetches[0].FromAPI)
	var retried int
	for _, a := range rc.attempts {
		if a.Retry {
			retried++
			assert.Equal(t, 503, a.Status)
		}
	}
	assert.Equal(t, 1, retried)
}

func TestRouteTemplate(t *testing.T) {
	for in, want := range map[string]string{
		"/api/v2/callTransaction/search":       "/api/v2/callTransaction/search",
		"/api/contacts/65f0c0ffee0123456789ab": "/api/contacts/{id}",
		"/api/agent/a.b@c.example":             "/api/agent/{id}",
		"/api/tickets/42":                      "/api/tickets/{id}",
		"/api/v3/call-transaction/search":      "/api/v3/call-transaction/search",
	} {
		assert.Equal(t, want, omicall.RouteTemplate(in), in)
	}
}

// A segment is an id when it has a digit and 4 characters or more, is all
// digits, or holds an "@", "." or "%"; the words of the API stay.
func TestRouteTemplateKeepsTheWordsOfTheAPI(t *testing.T) {
	for in, want := range map[string]string{
		"/api/v2/x/v3":                    "/api/v2/x/v3",
		"/api/2fa/7":                      "/api/2fa/{id}",
		"/api/call_center/internal_phone": "/api/call_center/internal_phone",
		"/api/agent/0900123456/detail":    "/api/agent/{id}/detail",
		"/api/tag/a%20b":                  "/api/tag/{id}",
		"/api/tag/abc1":                   "/api/tag/{id}",
		"/api//x/":                        "/api//x/",
	} {
		assert.Equal(t, want, omicall.RouteTemplate(in), in)
	}
}

// An Observer's Call and TokenFetch may return a nil context and a nil
// done: the call goes on with its own context.
func TestObserverMayReturnNilContextAndDone(t *testing.T) {
	var calls, fetches, attempts, withoutCtx atomic.Int32
	obs := &omicall.Observer{
		Call: func(context.Context, omicall.CallInfo) (context.Context, func(omicall.CallResult)) {
			calls.Add(1)
			return nil, nil
		},
		TokenFetch: func(context.Context) (context.Context, func(omicall.TokenFetchResult)) {
			fetches.Add(1)
			return nil, nil
		},
		Attempt: func(ctx context.Context, _ omicall.AttemptInfo) {
			attempts.Add(1)
			if ctx == nil {
				withoutCtx.Add(1)
			}
		},
	}
	c, _ := newSimClient(t, nil, omicall.WithObserver(obs))
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, int32(2), calls.Load(), "the tenant and /api/auth")
	assert.Equal(t, int32(1), fetches.Load())
	assert.Equal(t, int32(2), attempts.Load())
	assert.Zero(t, withoutCtx.Load())
}

// The result of a call the API refused carries the envelope's status_code
// and message.
func TestObserverCallResultCarriesTheAPIError(t *testing.T) {
	rc := &recorder{}
	c, sim := newSimClient(t, nil, omicall.WithObserver(rc.observer()))
	_, err := c.Token(ctxT(t))
	require.NoError(t, err)
	sim.InjectFault(omicalltest.Fault{Route: routeTenant, Code: "permission_denied"})
	_, err = c.Tenant.Get(ctxT(t))
	require.ErrorIs(t, err, omicall.ErrPermissionDenied)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	require.NotEmpty(t, rc.results)
	assert.Equal(t, omicall.CallResult{Status: 200, StatusCode: -9999, Code: "permission_denied", Attempts: 1, Err: err}, rc.results[len(rc.results)-1])
}
