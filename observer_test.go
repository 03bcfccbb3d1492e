package omicall_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// recorder is an Observer that records what it is told.
type recorder struct {
	mu       sync.Mutex
	calls    []omicall.CallInfo
	results  []omicall.CallResult
	attempts []omicall.AttemptInfo
	fetches  []omicall.TokenFetchResult
	events   []omicall.WebhookEventInfo
}

type ctxKey struct{}

func (rc *recorder) observer() *omicall.Observer {
	return &omicall.Observer{
		Call: func(ctx context.Context, c omicall.CallInfo) (context.Context, func(omicall.CallResult)) {
			rc.mu.Lock()
			rc.calls = append(rc.calls, c)
			rc.mu.Unlock()
			return context.WithValue(ctx, ctxKey{}, c.Route), func(r omicall.CallResult) {
				rc.mu.Lock()
				defer rc.mu.Unlock()
				rc.results = append(rc.results, r)
			}
		},
		Attempt: func(ctx context.Context, a omicall.AttemptInfo) {
			rc.mu.Lock()
			defer rc.mu.Unlock()
			if ctx.Value(ctxKey{}) == nil {
				panic("attempt without the call's context")
			}
			rc.attempts = append(rc.attempts, a)
		},
		TokenFetch: func(ctx context.Context) (context.Context, func(omicall.TokenFetchResult)) {
			return ctx, func(r omicall.TokenFetchResult) {
				rc.mu.Lock()
				defer rc.mu.Unlock()
				rc.fetches = append(rc.fetches, r)
			}
		},
		WebhookEvent: func(_ context.Context, e omicall.WebhookEventInfo) {
			rc.mu.Lock()
			defer rc.mu.Unlock()
			rc.events = append(rc.events, e)
		},
	}
}

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

func TestObserverWebhookOutcomes(t *testing.T) {
	rc := &recorder{}
	fail := true
	h := omicall.NewWebhookHandler(func(context.Context, *omicall.CallEvent) error {
		if fail {
			fail = false
			return assert.AnError
		}
		return nil
	}, omicall.WithDedup(60e9), omicall.WithWebhookObserver(rc.observer()))
	send := func(body string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/hook?secret=x", strings.NewReader(body)))
	}
	ev := `{"state":"ringing","call_uuid":"c-1"}`
	send(ev)
	send(ev)
	send(ev)
	send(`nope`)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	var got []string
	for _, e := range rc.events {
		got = append(got, string(e.State)+":"+e.Outcome)
	}
	assert.Equal(t, []string{"ringing:failed", "ringing:delivered", "ringing:duplicate", ":refused"}, got)
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
