package callsync

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// TestReplicas: three Syncers (replicas) on one database; the hooks of
// calls of two legs (two CDRs each) are spread at random among them while
// one of them backfills the same range. Each call ends as exactly one row
// holding the newest data — the same columns an uninterrupted backfill of
// the history gives.
func TestReplicas(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		clk := newClock(simEnd)
		c, srv := simulated(t, clk, omicalltest.WithHistory(200, 3*time.Hour, simEnd), omicalltest.WithTwoLegCalls())
		srv.SetLatency(2 * time.Millisecond)
		dsn := b.newDB(t)
		replicas := make([]*Syncer, 3)
		var opened sync.WaitGroup
		for i := range replicas {
			opened.Go(func() { // replicas start (and migrate) at once
				s, err := New(c, openStore(t, dsn), WithClock(clk.Now), WithWindow(10*time.Minute))
				if err != nil {
					t.Error(err)
				}
				replicas[i] = s
			})
		}
		opened.Wait()
		if t.Failed() {
			t.FailNow()
		}
		var mu sync.Mutex
		rng := rand.New(rand.NewPCG(1, 2))
		lb := newReceiver(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			s := replicas[rng.IntN(len(replicas))]
			mu.Unlock()
			s.Handler().ServeHTTP(w, r)
		}))
		register(t, c, lb.URL)

		from, to := simEnd.Add(-3*time.Hour), simEnd.Add(2*time.Hour)
		var backfill sync.WaitGroup
		backfill.Go(func() {
			if _, err := replicas[0].Backfill(context.Background(), from, to); err != nil {
				t.Error(err)
			}
		})
		placed := place(t, srv, clk, 40)
		backfill.Wait()

		ref := backfillOnce(t, b, srv, from, to) // the history, read alone
		ids := srv.CallIDs(from, to)
		if len(ids) != 240 || len(placed) != 40 {
			t.Fatalf("%d calls in the history", len(ids))
		}
		st := replicas[1].Store()
		var rows int
		if err := st.DB().QueryRow("SELECT COUNT(*) FROM omicall_calls").Scan(&rows); err != nil || rows != len(ids) {
			t.Fatalf("%d rows for %d calls (%v)", rows, len(ids), err)
		}
		for _, id := range ids {
			if got, want := essence(mustGet(t, st, id)), essence(mustGet(t, ref, id)); got != want {
				t.Errorf("call %s:\n got %s\nwant %s", id, got, want)
			}
		}
	})
}

// essence is what a row says of its call, whichever door it came through
// (its source, record and synced_at aside).
func essence(c *Call) string {
	return fmt.Sprintf("%s %s %s %s %s %s %v %v %v %d %d %s %s %v", c.TransactionID, c.Direction, c.State, c.Extension,
		c.CustomerNumber, c.Hotline, c.StartedAt, c.AnsweredAt, c.EndedAt, c.DurationSec, c.BillSec, c.Disposition,
		c.RecordingURL, c.SourceUpdatedAt)
}
