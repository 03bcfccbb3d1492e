package main

import (
	"strings"
	"testing"
)

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
