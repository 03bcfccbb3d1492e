package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// streamStatus opens GET /api/events for hc and returns the status; a
// stream that opens stays open until the test ends.
func streamStatus(t *testing.T, s *simulation, hc *http.Client) int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"/api/events", nil)
	hc2 := *hc
	hc2.Timeout = 0
	resp, err := hc2.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return resp.StatusCode
}

func TestEventStreamsPerSessionAreCapped(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	for i := range 4 {
		if status := streamStatus(t, s, hc); status != http.StatusOK {
			t.Fatalf("stream %d: %d, want 200", i+1, status)
		}
	}
	if status := streamStatus(t, s, hc); status != http.StatusTooManyRequests {
		t.Fatalf("a fifth stream on one session: %d, want 429", status)
	}
	// Another session of the same agent has streams of its own.
	hc2 := agentClient(t)
	signIn(t, s, hc2, agentAn)
	if status := streamStatus(t, s, hc2); status != http.StatusOK {
		t.Fatalf("a stream of another session: %d, want 200", status)
	}
}

func TestSlowSubscriberIsDroppedByQueuedBytes(t *testing.T) {
	b := newBroker(64, 32)
	_, sub := b.subscribe(extAn, 0)
	big := strings.Repeat("x", 100<<10) // 100 KB
	for i := range 4 {
		b.publish(extAn, pageEvent{CallID: "c", State: "ringing", Hotline: big})
		select {
		case <-sub.dropped:
			if i < 2 {
				t.Fatalf("dropped after %d events (%d KB queued), want about 256 KB", i+1, (i+1)*100)
			}
			return
		default:
		}
	}
	t.Fatal("a subscriber that reads nothing has 400 KB queued and is not dropped")
}

func TestEventIDsArePerAgent(t *testing.T) {
	b := newBroker(64, 32)
	var mine []uint64
	for range 5 {
		mine = append(mine, b.publish(extAn, pageEvent{CallID: "a"}))
		b.publish(extBinh, pageEvent{CallID: "b"})
		b.publish(extBinh, pageEvent{CallID: "b"})
	}
	for i := 1; i < len(mine); i++ {
		if mine[i] != mine[i-1]+1 {
			t.Fatalf("agent %s's ids %v: other agents' events show as gaps", extAn, mine)
		}
	}
}

func TestEventStreamsAreCappedInAll(t *testing.T) {
	s, _ := startTest(t, config{MaxStreams: 2}, nil)
	for i, email := range []string{agentAn, agentBinh, agentAn} {
		hc := agentClient(t)
		signIn(t, s, hc, email)
		want := http.StatusOK
		if i == 2 {
			want = http.StatusTooManyRequests
		}
		if status := streamStatus(t, s, hc); status != want {
			t.Fatalf("stream %d of all: %d, want %d", i+1, status, want)
		}
	}
}

func TestSignOutEndsTheSessionsStreams(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	st := openEvents(t, s, hc, 0)
	if status, _ := call(t, hc, "DELETE", s.url+"/api/session", "", ""); status != http.StatusNoContent {
		t.Fatalf("sign-out: %d", status)
	}
	select {
	case _, open := <-st.events:
		if open {
			t.Fatal("an event after sign-out")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the event stream is still open 5 s after sign-out")
	}
}
