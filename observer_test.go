package omicall_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/omicall-go/omicall"
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
