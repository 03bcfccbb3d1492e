package omicall

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"sync"
	"time"
)

// dedupMaxEntries caps how many handled events WithDedup remembers.
const dedupMaxEntries = 100_000

// dedupKey identifies an event: a digest of its (CallID, State), and for a
// CDR of its content too, so that what is remembered per event has a fixed
// size whatever the call id's.
type dedupKey [sha256.Size]byte

// newDedupKey returns the key of the event (callID, state).
func newDedupKey(callID string, state CallState) dedupKey {
	return digestKey(callID, state, nil)
}

// eventKey returns the dedup key of ev. A state event is (CallID, State,
// Extension): each ring of a ring group (the same call ringing several
// extensions) is its own event.
// A CDR is (CallID, State, content): OMICall sends the CDR of one call
// several times, and a later copy may carry new data (a recording URL, a
// longer bill, another leg), so only a copy with the same content is a
// redelivery. The content is the body without send_num_retry (the delivery
// attempt, which every redelivery changes), compared in a canonical form
// (keys sorted, white space dropped), so a re-encoded copy is still the
// same event.
func eventKey(ev *CallEvent) dedupKey {
	if ev.State != StateCDR {
		if ev.Extension == "" {
			return newDedupKey(ev.CallID, ev.State)
		}
		return digestKey(ev.CallID, ev.State, []byte("extension\x00"+ev.Extension))
	}
	return digestKey(ev.CallID, ev.State, cdrContent(ev.Raw))
}

// digestKey hashes callID, state and content, each delimited.
func digestKey(callID string, state CallState, content []byte) dedupKey {
	h := sha256.New()
	h.Write([]byte(callID))
	h.Write([]byte{0})
	h.Write([]byte(state))
	if content != nil {
		h.Write([]byte{0})
		h.Write(content)
	}
	var k dedupKey
	h.Sum(k[:0])
	return k
}

// cdrContent returns the canonical JSON of a CDR body without
// send_num_retry, or the body as is when it does not decode as an object.
func cdrContent(raw []byte) []byte {
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber() // numbers compared as sent, never rounded
	var m map[string]any
	if d.Decode(&m) != nil || m == nil {
		return raw
	}
	delete(m, "send_num_retry")
	b, err := json.Marshal(m) // map keys are sorted: a canonical form
	if err != nil {
		return raw
	}
	return b
}

// dedup remembers the events handled within a window, so that a redelivery
// does not run the callback twice.
type dedup struct {
	window time.Duration
	max    int
	now    func() time.Time

	mu    sync.Mutex
	m     map[dedupKey]*dedupEntry // key -> entry, in flight or handled
	queue []dedupItem              // handled entries, oldest first
	head  int                      // queue[:head] are evicted
	wait  int                      // copies waiting for a first delivery
}

// dedupEntry is one event: in flight until done is closed, then handled.
// Only successes stay in the map once done.
type dedupEntry struct {
	done   chan struct{}
	status int       // the first delivery's status; read after done
	at     time.Time // when it was handled; guarded by dedup.mu
}

type dedupItem struct {
	key dedupKey
	e   *dedupEntry
}

func newDedup(window time.Duration, maxEntries int) *dedup {
	return &dedup{window: window, max: maxEntries, now: time.Now, m: map[dedupKey]*dedupEntry{}}
}

// do runs call for the first delivery of key and answers copies from its
// result.
func (d *dedup) do(ctx context.Context, key dedupKey, ev *CallEvent,
	call func(context.Context, *CallEvent) outcome) outcome {
	d.mu.Lock()
	now := d.now()
	d.evict(now)
	if e, ok := d.m[key]; ok {
		select {
		case <-e.done: // handled successfully (failures are not kept)
			if now.Sub(e.at) < d.window {
				d.mu.Unlock()
				return outcome{status: http.StatusOK, reason: "duplicate", ev: ev, dup: true}
			}
			delete(d.m, key)
		default: // in flight: wait for it and answer its status
			d.wait++
			d.mu.Unlock()
			defer func() {
				d.mu.Lock()
				d.wait--
				d.mu.Unlock()
			}()
			select {
			case <-e.done:
				reason := "duplicate"
				if e.status != http.StatusOK {
					reason = "first delivery failed"
				}
				return outcome{status: e.status, reason: reason, ev: ev, dup: true}
			case <-ctx.Done():
				return outcome{status: http.StatusInternalServerError, reason: "request ended while the first delivery was handled", ev: ev, dup: true}
			}
		}
	}
	e := &dedupEntry{done: make(chan struct{}), status: http.StatusInternalServerError}
	d.m[key] = e
	d.mu.Unlock()

	defer func() { // runs even if call panics, so waiters are released
		d.mu.Lock()
		defer d.mu.Unlock()
		if e.status == http.StatusOK {
			e.at = d.now()
			d.queue = append(d.queue, dedupItem{key: key, e: e})
			d.evict(e.at)
		} else if d.m[key] == e {
			delete(d.m, key)
		}
		close(e.done)
	}()
	o := call(ctx, ev)
	e.status = o.status
	return o
}

// evict drops the handled entries older than the window, and the oldest
// beyond the cap. d.mu is held.
func (d *dedup) evict(now time.Time) {
	for d.head < len(d.queue) {
		it := d.queue[d.head]
		if now.Sub(it.e.at) < d.window && len(d.queue)-d.head <= d.max {
			break
		}
		if d.m[it.key] == it.e {
			delete(d.m, it.key)
		}
		d.queue[d.head] = dedupItem{}
		d.head++
	}
	if d.head > 1024 && d.head*2 >= len(d.queue) {
		n := copy(d.queue, d.queue[d.head:])
		clear(d.queue[n:])
		d.queue = d.queue[:n]
		d.head = 0
	}
}

// waiting returns how many copies wait for a first delivery (for tests).
func (d *dedup) waiting() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.wait
}

// size returns how many events are remembered (for tests).
func (d *dedup) size() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.m)
}
