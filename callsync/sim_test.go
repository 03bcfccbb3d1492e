package callsync

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// clock is a simulated timeline shared by the simulator and Syncers.
type clock struct{ ms atomic.Int64 }

func newClock(at time.Time) *clock {
	c := new(clock)
	c.ms.Store(at.UnixMilli())
	return c
}

func (c *clock) Now() time.Time          { return time.UnixMilli(c.ms.Load()).UTC() }
func (c *clock) Advance(d time.Duration) { c.ms.Add(d.Milliseconds()) }

// receiver serves a webhook handler that can be switched off: while down,
// it answers 503 without calling the handler.
type receiver struct {
	*httptest.Server
	down atomic.Bool
}

func newReceiver(t *testing.T, h http.Handler) *receiver {
	r := new(receiver)
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if r.down.Load() {
			http.Error(w, "down", http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

// register makes the simulator deliver call hooks to url.
func register(t *testing.T, c *omicall.Client, url string) {
	t.Helper()
	if _, err := c.Webhooks.Register(context.Background(), &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: url}); err != nil {
		t.Fatal(err)
	}
}

// place places n calls one simulated minute apart and waits until their
// hooks are delivered (or given up); it returns their ids.
func place(t *testing.T, srv *omicalltest.Server, clk *clock, n int) []string {
	t.Helper()
	ext, hotline := srv.DemoCaller()
	ids := make([]string, 0, n)
	for i := range n {
		clk.Advance(time.Minute)
		id, err := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: fmt.Sprintf("09%08d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	srv.WaitCalls()
	return ids
}

// simulated returns a simulator on the clock (with an empty history and
// quick hook redelivery) and a client of it.
func simulated(t *testing.T, clk *clock, opts ...omicalltest.Option) (*omicall.Client, *omicalltest.Server) {
	t.Helper()
	return omicalltest.NewClient(t, append([]omicalltest.Option{omicalltest.WithClock(clk.Now),
		omicalltest.WithHistory(0, time.Hour, time.Time{}), omicalltest.WithWebhookRetries(2)}, opts...)...)
}

// TestReceiverDown: the receiver is down for 30 simulated minutes while
// calls happen; OMICall gives up on their hooks; a reconcile fills them
// all.
func TestReceiverDown(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		clk := newClock(simEnd)
		c, srv := simulated(t, clk)
		s, err := New(c, openStore(t, b.newDB(t)), WithClock(clk.Now))
		if err != nil {
			t.Fatal(err)
		}
		rcv := newReceiver(t, s.Handler())
		register(t, c, rcv.URL)
		from := clk.Now()
		place(t, srv, clk, 10)
		rcv.down.Store(true)
		lost := place(t, srv, clk, 30)
		rcv.down.Store(false)
		place(t, srv, clk, 10)
		before := missing(t, s.Store(), srv, from, clk.Now())
		if len(before) != len(lost) {
			t.Fatalf("%d calls missing before the reconcile, want the %d of the downtime", len(before), len(lost))
		}
		rep, err := s.Reconcile(context.Background(), 2*time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if m := missing(t, s.Store(), srv, from, clk.Now()); len(m) > 0 {
			t.Fatalf("%d calls still missing after the reconcile", len(m))
		}
		if rep.Filled != len(lost) || rep.Seen != 50 {
			t.Errorf("reconcile report: %v; want %d filled of 50 read", rep, len(lost))
		}
		st, err := s.Status(context.Background())
		if err != nil || st.LastReconcile == nil || st.LastReconcile.Filled != len(lost) {
			t.Errorf("status after the reconcile: %v\n%s", err, st)
		}
		t.Logf("status:\n%s", st)
	})
}
