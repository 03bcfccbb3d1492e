package callsync

import (
	"context"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

// peakLive backfills a generated history of n calls into SQLite and
// returns the largest live heap seen meanwhile (sampled every millisecond)
// and the report.
func peakLive(t testing.TB, n int) (uint64, Report) {
	t.Helper()
	start := simEnd.Add(-time.Duration(n) * time.Second)
	c := serveHistory(t, generated(n, start, time.Second))
	s, err := New(c, openStore(t, sqliteDB(t)))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	rep, err := s.Backfill(context.Background(), start, simEnd)
	close(done)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written != n {
		t.Fatalf("wrote %d of %d", rep.Written, n)
	}
	return peak, rep
}

// TestBackfillMemoryFlat: the memory a backfill holds does not grow with
// the history: reading six times as many calls peaks at about the same
// live heap (pages in flight, not calls read).
func TestBackfillMemoryFlat(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("memory is not judged under -race or -short")
	}
	small, _ := peakLive(t, 4000)
	large, rep := peakLive(t, 24000)
	t.Logf("peak live heap: %.1f MiB for 4,000 calls, %.1f MiB for 24,000 (%v)", mib(small), mib(large), rep)
	if large > small+small/2+4<<20 {
		t.Errorf("the peak grew with the history: %.1f MiB → %.1f MiB", mib(small), mib(large))
	}
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
