package main

import (
	"sync"
	"time"
)

// pageEvent is one call event as the agent's page receives it over
// Server-Sent Events.
type pageEvent struct {
	ID        uint64 `json:"id"`                  // the SSE event id (Last-Event-ID)
	State     string `json:"state"`               // ringing, answered, hangup, cdr, or a state sent as is
	CallID    string `json:"callId"`              // the call's transaction id
	Direction string `json:"direction"`           // outbound, inbound, local
	Phone     string `json:"phone"`               // the customer's number
	Hotline   string `json:"hotline,omitempty"`   // the business's number
	Time      string `json:"time,omitempty"`      // when it happened, in Vietnam time
	Duration  int    `json:"duration,omitempty"`  // cdr: seconds from the start of ringing
	BillSec   int    `json:"billSec,omitempty"`   // cdr: seconds billed (0: not answered)
	Recording string `json:"recording,omitempty"` // cdr: the recording's URL
}

// broker fans the call events out to the pages of the agents they belong
// to. Each extension keeps its last ringSize events, so a page that
// reconnects with Last-Event-ID gets what it missed. Publishing never
// blocks: a subscriber whose buffer is full is dropped (its stream ends and
// the browser reconnects with Last-Event-ID, which replays from the ring).
type broker struct {
	mu       sync.Mutex
	seq      uint64                              // the last event id given out
	rings    map[string][]pageEvent              // extension -> its last events, oldest first
	subs     map[string]map[*subscriber]struct{} // extension -> its open streams
	ringSize int
	bufSize  int
}

// subscriber is one open event stream.
type subscriber struct {
	ch      chan pageEvent
	dropped chan struct{} // closed when the broker drops the subscriber
	once    sync.Once
}

func (s *subscriber) drop() { s.once.Do(func() { close(s.dropped) }) }

// newBroker returns a broker that keeps ringSize events per extension and
// buffers bufSize events per subscriber.
func newBroker(ringSize, bufSize int) *broker {
	return &broker{
		rings: map[string][]pageEvent{}, subs: map[string]map[*subscriber]struct{}{},
		ringSize: ringSize, bufSize: bufSize,
		// Ids go on rising across restarts (below 1000 events a millisecond),
		// so a page that comes back to a restarted server asks for, and gets,
		// everything the new process has, and no id is given out twice. They
		// stay below 2^53, exact in JavaScript.
		seq: uint64(time.Now().UnixMilli()) * 1000,
	}
}

// publish gives ev the next id, keeps it in ext's ring and hands it to ext's
// subscribers without waiting for any of them. It returns the id.
func (b *broker) publish(ext string, ev pageEvent) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seq++
	ev.ID = b.seq
	ring := append(b.rings[ext], ev)
	if len(ring) > b.ringSize {
		ring = append([]pageEvent(nil), ring[len(ring)-b.ringSize:]...)
	}
	b.rings[ext] = ring
	for s := range b.subs[ext] {
		select {
		case s.ch <- ev:
		default: // too slow: drop it rather than make OMICall's delivery wait
			delete(b.subs[ext], s)
			s.drop()
		}
	}
	return ev.ID
}

// subscribe opens a stream of ext's events. It returns the events of the
// ring after lastID (none for lastID 0: a new page starts empty) and the
// subscriber that receives every later event; the two never overlap and
// leave no gap.
func (b *broker) subscribe(ext string, lastID uint64) ([]pageEvent, *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var missed []pageEvent
	if lastID > 0 {
		for _, ev := range b.rings[ext] {
			if ev.ID > lastID {
				missed = append(missed, ev)
			}
		}
	}
	s := &subscriber{ch: make(chan pageEvent, b.bufSize), dropped: make(chan struct{})}
	if b.subs[ext] == nil {
		b.subs[ext] = map[*subscriber]struct{}{}
	}
	b.subs[ext][s] = struct{}{}
	return missed, s
}

// unsubscribe closes a stream opened by subscribe.
func (b *broker) unsubscribe(ext string, s *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.subs[ext], s)
	s.drop()
}

// recent returns ext's ring, oldest first.
func (b *broker) recent(ext string) []pageEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]pageEvent(nil), b.rings[ext]...)
}

// subscribers returns how many streams of ext are open.
func (b *broker) subscribers(ext string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs[ext])
}
