package main

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestDirectoryReadsOnceForManyLookups(t *testing.T) {
	var reads atomic.Int32
	release := make(chan struct{})
	now := time.Now()
	d := &directory{ttl: time.Minute, now: func() time.Time { return now }, load: func(context.Context) (map[string]agentEntry, error) {
		reads.Add(1)
		<-release
		return map[string]agentEntry{agentAn: {Extension: extAn}}, nil
	}}
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if e, ok, err := d.lookup(context.Background(), agentAn); err != nil || !ok || e.Extension != extAn {
				t.Errorf("lookup: %+v %v %v", e, ok, err)
			}
		}()
	}
	time.Sleep(20 * time.Millisecond)
	close(release)
	wg.Wait()
	if _, ok, _ := d.lookup(context.Background(), "nobody@democo.example"); ok || reads.Load() != 1 {
		t.Fatalf("%d reads for 51 lookups within the TTL, want 1", reads.Load())
	}
	now = now.Add(time.Minute)
	d.lookup(context.Background(), agentAn)
	if reads.Load() != 2 {
		t.Fatalf("%d reads after the TTL, want 2", reads.Load())
	}

	// A failed read is remembered for a while, not retried by every request.
	failing := errors.New("OMICall is down")
	d.load = func(context.Context) (map[string]agentEntry, error) { reads.Add(1); return nil, failing }
	now = now.Add(time.Minute)
	for range 5 {
		if _, _, err := d.lookup(context.Background(), agentAn); !errors.Is(err, failing) {
			t.Fatalf("lookup while OMICall is down: %v", err)
		}
	}
	if reads.Load() != 3 {
		t.Fatalf("%d reads, want one failed read for 5 lookups", reads.Load()-2)
	}
}

func TestLimiter(t *testing.T) {
	now := time.Now()
	l := newLimiter(3, time.Second)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if !l.allow("a") {
			t.Fatalf("attempt %d of a burst of 3 refused", i+1)
		}
	}
	if l.allow("a") || !l.allow("b") {
		t.Fatal("the 4th attempt of a is allowed, or b shares a's bucket")
	}
	now = now.Add(time.Second)
	if !l.allow("a") || l.allow("a") {
		t.Fatal("one attempt a second after the burst: want exactly one")
	}
	now = now.Add(time.Hour)
	l.allow("c")
	if len(l.buckets) != 1 {
		t.Fatalf("%d buckets after an hour, want only c's", len(l.buckets))
	}
}
