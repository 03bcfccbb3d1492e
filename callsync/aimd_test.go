package callsync

import (
	"context"
	"testing"
	"time"
)

func TestGateHalvesOncePerEpisodeAndRegrows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := newGate(8, time.Millisecond, 10*time.Millisecond)
	if l, _ := g.state(); l != 4 {
		t.Fatalf("starts at %d, want 4 (half of 8)", l)
	}
	var epochs []int
	for range 4 {
		e, err := g.acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		epochs = append(epochs, e)
	}
	for _, e := range epochs { // four answers of one episode: one halving
		g.release(e, 0)
	}
	if l, n := g.state(); l != 2 || n != 4 {
		t.Fatalf("limit %d after one episode of %d rate limits, want 2", l, n)
	}
	for range 8 + 12 { // 4×2 successes grow it to 3, 4×3 more to 4
		e, _ := g.acquire(ctx)
		g.release(e, -1)
	}
	if l, _ := g.state(); l != 4 {
		t.Fatalf("limit %d after 20 successes, want 4", l)
	}
}

func TestGateHonoursRetryAfter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := newGate(2, time.Millisecond, time.Millisecond)
	e, _ := g.acquire(ctx)
	start := time.Now()
	g.release(e, 80*time.Millisecond)
	if _, err := g.acquire(ctx); err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 80*time.Millisecond {
		t.Errorf("the next request started after %v, before the Retry-After of 80ms", d)
	}
	short, cancel := context.WithTimeout(ctx, 10*time.Millisecond)
	defer cancel()
	g.release(0, time.Hour)
	if _, err := g.acquire(short); err == nil {
		t.Error("acquire did not end with its context")
	}
}
