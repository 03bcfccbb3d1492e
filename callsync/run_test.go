package callsync

import (
	"context"
	"sync"
	"testing"
	"time"
)

// TestRunCatchesUpAfterDowntime: the last reconcile was five simulated
// hours ago (everything was down since, hooks included); Run's first
// reconcile reaches back to it, past its 2-hour window, and fills every
// call; Run returns nil when its context ends.
func TestRunCatchesUpAfterDowntime(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		clk := newClock(simEnd)
		c, srv := simulated(t, clk)
		var mu sync.Mutex
		var reports []Report
		obs := &Observer{Reconcile: func(_ context.Context, r Report, err error) {
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Error(err)
			}
			reports = append(reports, r)
		}}
		s, err := New(c, openStore(t, b.newDB(t)), WithClock(clk.Now), WithReconcile(2*time.Hour, 20*time.Millisecond), WithObserver(obs))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := s.Reconcile(ctx, 2*time.Hour); err != nil {
			t.Fatal(err)
		}
		from := clk.Now()
		rcv := newReceiver(t, s.Handler())
		rcv.down.Store(true)
		register(t, c, rcv.URL)
		for range 5 { // five hours, ten calls an hour
			clk.Advance(54 * time.Minute)
			place(t, srv, clk, 6)
		}
		if m := missing(t, s.Store(), srv, from, clk.Now()); len(m) != 30 {
			t.Fatalf("%d calls missing before Run, want all 30", len(m))
		}
		runCtx, stop := context.WithCancel(ctx)
		var ran sync.WaitGroup
		ran.Go(func() {
			if err := s.Run(runCtx); err != nil {
				t.Errorf("Run: %v", err)
			}
		})
		deadline := time.Now().Add(20 * time.Second)
		for {
			mu.Lock()
			n := len(reports)
			mu.Unlock()
			if n >= 2 || time.Now().After(deadline) {
				break
			}
			clk.Advance(10 * time.Minute) // the next turn is not skipped as too recent
			time.Sleep(10 * time.Millisecond)
		}
		stop()
		ran.Wait()
		if m := missing(t, s.Store(), srv, from, clk.Now()); len(m) > 0 {
			t.Fatalf("%d calls missing after Run", len(m))
		}
		mu.Lock()
		defer mu.Unlock()
		if len(reports) < 2 || reports[0].Filled != 30 || reports[0].To.Sub(reports[0].From) < 5*time.Hour {
			t.Errorf("Run's reconciles: %v", reports)
		}
	})
}
