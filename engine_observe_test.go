package omicall_test

import (
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
