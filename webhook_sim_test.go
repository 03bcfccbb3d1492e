package omicall_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// eventLog collects the events a handler receives, per call.
type eventLog struct {
	mu     sync.Mutex
	byCall map[string][]*omicall.CallEvent
}

func (l *eventLog) add(_ context.Context, ev *omicall.CallEvent) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.byCall == nil {
		l.byCall = map[string][]*omicall.CallEvent{}
	}
	l.byCall[ev.CallID] = append(l.byCall[ev.CallID], ev)
	return nil
}

func (l *eventLog) states(id string) []omicall.CallState {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []omicall.CallState
	for _, ev := range l.byCall[id] {
		out = append(out, ev.State)
	}
	return out
}

// serveHooks serves h on a loopback port and registers it with the
// simulator through c.Webhooks.Register.
func serveHooks(t *testing.T, c *omicall.Client, h http.Handler, query string) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	u := srv.URL + "/omicall/events" + query
	hooks, err := c.Webhooks.Register(ctxT(t), &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: u})
	require.NoError(t, err)
	require.Contains(t, hooks, omicall.Webhook{URL: u, Type: omicall.WebhookTypeCall, Status: omicall.WebhookStatusActive})
	return u
}

// clickToCall places a call on the simulator and returns the call id.
func clickToCall(t *testing.T, c *omicall.Client, sim *omicalltest.Server) string {
	t.Helper()
	ext, hotline := sim.DemoCaller()
	id, err := c.Calls.ClickToCall(ctxT(t), &omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0901234567"})
	require.NoError(t, err)
	return id
}

func TestWebhookEndToEndWithSimulator(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithLiveEvents2023()}) // the documented events: times and hotline
	events := &eventLog{}
	serveHooks(t, c, omicall.NewWebhookHandler(events.add, omicall.WithWebhookSecret(hookSecret), omicall.WithDedup(time.Minute)), "?secret="+hookSecret)

	hooks, err := c.Webhooks.List(ctxT(t))
	require.NoError(t, err)
	require.Len(t, hooks, 1)

	// Calls are answered at random; place calls until one is answered.
	for attempt := 0; attempt < 30; attempt++ {
		id := clickToCall(t, c, sim)
		sim.WaitCalls()
		states := events.states(id)
		if len(states) == 3 {
			assert.Equal(t, []omicall.CallState{omicall.StateRinging, omicall.StateHangup, omicall.StateCDR}, states, "a call that was not answered")
			continue
		}
		require.Equal(t, []omicall.CallState{omicall.StateRinging, omicall.StateAnswered, omicall.StateHangup, omicall.StateCDR}, states)
		evs := events.byCall[id]
		for _, ev := range evs {
			assert.Equal(t, id, ev.CallID)
			assert.Equal(t, omicall.DirectionOutbound, ev.Direction)
			assert.Equal(t, "0901234567", ev.To)
			assert.NotEmpty(t, ev.From)
			assert.NotEmpty(t, ev.Hotline)
			assert.False(t, ev.Time.IsZero(), "%s has a time", ev.State)
		}
		assert.False(t, evs[1].Time.Before(evs[0].Time), "answered after ringing")
		assert.False(t, evs[2].Time.Before(evs[1].Time), "hangup after answered")
		cdr := evs[3].CDR
		require.NotNil(t, cdr)
		assert.Equal(t, id, cdr.TransactionID)
		assert.Positive(t, cdr.BillSec)
		assert.NotEmpty(t, cdr.RecordingFileURL)
		assert.Equal(t, 1, cdr.SendNumRetry)
		assert.Equal(t, evs[2].Time.Unix(), cdr.TimeEndCall.Unix(), "CDR time is the end of the call")
		assert.Equal(t, cdr.TimeEndCall.Time, evs[3].Time)
		return
	}
	t.Fatal("no answered call in 30 attempts")
}

func TestWebhookEndToEndRedelivery(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithWebhookRetries(3)})
	var mu sync.Mutex
	var retries []int
	failures := 2
	h := omicall.NewWebhookHandler(func(_ context.Context, ev *omicall.CallEvent) error {
		if ev.State != omicall.StateCDR {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		retries = append(retries, ev.CDR.SendNumRetry)
		if failures > 0 {
			failures--
			return errors.New("crm unavailable")
		}
		return nil
	}, omicall.WithDedup(time.Minute))
	serveHooks(t, c, h, "")
	id := clickToCall(t, c, sim)
	sim.WaitCalls()
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []int{1, 2, 3}, retries, "OMICall redelivers after 500 with an increasing send_num_retry")
	var statuses []int
	for _, d := range sim.Deliveries() {
		if d.State == "cdr" && d.CallID == id {
			statuses = append(statuses, d.Status)
		}
	}
	assert.Equal(t, []int{500, 500, 200}, statuses)
}

func TestWebhookEndToEndWrongSecret(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithWebhookRetries(1)})
	events := &eventLog{}
	serveHooks(t, c, omicall.NewWebhookHandler(events.add, omicall.WithWebhookSecret(hookSecret)), "?secret=wrong")
	id := clickToCall(t, c, sim)
	sim.WaitCalls()
	assert.Empty(t, events.states(id))
	for _, d := range sim.Deliveries() {
		assert.Equal(t, http.StatusUnauthorized, d.Status)
	}
}

func TestWebhookEndToEndDestroy(t *testing.T) {
	c, sim := newSimClient(t, nil)
	events := &eventLog{}
	serveHooks(t, c, omicall.NewWebhookHandler(events.add), "")
	require.NoError(t, c.Webhooks.Delete(ctxT(t), omicall.WebhookTypeCall))
	hooks, err := c.Webhooks.List(ctxT(t))
	require.NoError(t, err)
	assert.Empty(t, hooks)
	id := clickToCall(t, c, sim)
	sim.WaitCalls()
	assert.Empty(t, events.states(id))
	assert.Empty(t, sim.Deliveries())
}
