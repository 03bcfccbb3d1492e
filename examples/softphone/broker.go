package main

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// pageEvent is one call event as the agent's page receives it over
// Server-Sent Events.
type pageEvent struct {
	ID        uint64 `json:"id"`                  // the SSE event id (Last-Event-ID), counted per agent
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

// maxQueuedBytes is how much may wait for one slow stream before the broker
// drops it.
const maxQueuedBytes = 256 << 10

// broker fans the call events out to the pages of the agents they belong
// to. Each extension keeps its last ringSize events, so a page that
// reconnects with Last-Event-ID gets what it missed. Publishing never
// blocks: a subscriber with bufSize events or maxQueuedBytes waiting is
// dropped (its stream ends and the browser reconnects with Last-Event-ID,
// which replays from the ring).
//
// Event ids are counted per extension, so an agent's ids say nothing of
// other agents' calls.
type broker struct {
	mu       sync.Mutex
	seq      map[string]uint64                   // extension -> the last id given out
	rings    map[string][]frame                  // extension -> its last events, oldest first
	subs     map[string]map[*subscriber]struct{} // extension -> its open streams
	ringSize int
	bufSize  int
	now      func() time.Time
}

// frame is an event with its SSE encoding.
type frame struct {
	ev  pageEvent
	sse []byte
}

// subscriber is one open event stream.
type subscriber struct {
	ch      chan frame
	queued  atomic.Int64  // bytes in ch
	dropped chan struct{} // closed when the broker drops the subscriber
	once    sync.Once
}

func (s *subscriber) drop() { s.once.Do(func() { close(s.dropped) }) }

// sent tells the subscriber that f left its queue.
func (s *subscriber) sent(f frame) { s.queued.Add(-int64(len(f.sse))) }

// newBroker returns a broker that keeps ringSize events per extension and
// buffers up to bufSize events per subscriber.
func newBroker(ringSize, bufSize int) *broker {
	return &broker{
		seq: map[string]uint64{}, rings: map[string][]frame{}, subs: map[string]map[*subscriber]struct{}{},
		ringSize: ringSize, bufSize: bufSize, now: time.Now,
	}
}

// nextID returns ext's next event id. An extension's ids start from the
// clock (below 1000 events a millisecond they go on rising across
// restarts, so a page that comes back to a restarted server asks for, and
// gets, everything the new process has) and stay below 2^53, exact in
// JavaScript.
func (b *broker) nextID(ext string) uint64 {
	id := b.seq[ext] + 1
	if id == 1 {
		id = uint64(b.now().UnixMilli())*1000 + 1
	}
	b.seq[ext] = id
	return id
}

// encode is the SSE form of ev: its id, the type "call" and the JSON.
func encode(ev pageEvent) frame {
	b, _ := json.Marshal(ev) // plain strings and numbers: never fails
	return frame{ev: ev, sse: fmt.Appendf(nil, "id: %d\nevent: call\ndata: %s\n\n", ev.ID, b)}
}

// publish gives ev ext's next id, keeps it in ext's ring and hands it to
// ext's subscribers without waiting for any of them. It returns the id.
func (b *broker) publish(ext string, ev pageEvent) uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	ev.ID = b.nextID(ext)
	f := encode(ev)
	ring := append(b.rings[ext], f)
	if len(ring) > b.ringSize {
		ring = append([]frame(nil), ring[len(ring)-b.ringSize:]...)
	}
	b.rings[ext] = ring
	for s := range b.subs[ext] {
		if s.queued.Add(int64(len(f.sse))) <= maxQueuedBytes {
			select {
			case s.ch <- f:
				continue
			default:
			}
		}
		// Too slow: drop it rather than make OMICall's delivery wait.
		delete(b.subs[ext], s)
		s.drop()
	}
	return ev.ID
}

// subscribe opens a stream of ext's events. It returns the events of the
// ring after lastID (none for lastID 0: a new page starts empty) and the
// subscriber that receives every later event; the two never overlap and
// leave no gap.
func (b *broker) subscribe(ext string, lastID uint64) ([]frame, *subscriber) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var missed []frame
	if lastID > 0 {
		for _, f := range b.rings[ext] {
			if f.ev.ID > lastID {
				missed = append(missed, f)
			}
		}
	}
	s := &subscriber{ch: make(chan frame, b.bufSize), dropped: make(chan struct{})}
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
	if len(b.subs[ext]) == 0 {
		delete(b.subs, ext)
	}
	s.drop()
}

// recent returns ext's ring, oldest first.
func (b *broker) recent(ext string) []pageEvent {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]pageEvent, 0, len(b.rings[ext]))
	for _, f := range b.rings[ext] {
		out = append(out, f.ev)
	}
	return out
}

// subscribers returns how many streams of ext are open.
func (b *broker) subscribers(ext string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs[ext])
}
