package main

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Timings of the event stream.
const (
	sseWriteTimeout = 10 * time.Second // a client that takes longer to accept a write is dropped
	sseHeartbeat    = 15 * time.Second // a comment line keeps proxies from closing an idle stream
	sseRetry        = 1000             // ms the browser waits before reconnecting
)

// Default bounds on the open event streams.
const (
	defaultStreamsPerSession = 4    // a few tabs of one browser
	defaultStreams           = 1000 // all sessions together
)

// streamGate counts the open event streams, per session and in all.
type streamGate struct {
	mu         sync.Mutex
	bySession  map[string]int
	total      int
	perSession int
	max        int
}

func newStreamGate(perSession, max int) *streamGate {
	return &streamGate{bySession: map[string]int{}, perSession: perSession, max: max}
}

// open counts a new stream of session id, unless a bound is reached.
func (g *streamGate) open(id string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.total >= g.max || g.bySession[id] >= g.perSession {
		return false
	}
	g.total++
	g.bySession[id]++
	return true
}

// close uncounts a stream opened by open.
func (g *streamGate) close(id string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.total--
	if g.bySession[id]--; g.bySession[id] <= 0 {
		delete(g.bySession, id)
	}
}

// handleEvents is GET /api/events: the signed-in agent's call events as
// Server-Sent Events. A browser that reconnects sends Last-Event-ID (a page
// that was reloaded passes it as ?lastEventId=, which EventSource cannot
// set as a header) and first gets the events it missed, from the ring. A
// session has at most a few streams; a stream ends with its session, and
// once its agent no longer has the session's extension.
func (a *app) handleEvents(w http.ResponseWriter, r *http.Request, s *session) {
	if !a.streams.open(s.id) {
		writeError(w, http.StatusTooManyRequests, "too many open event streams: close a tab")
		return
	}
	defer a.streams.close(s.id)
	rc := http.NewResponseController(w)
	last, _ := strconv.ParseUint(r.Header.Get("Last-Event-ID"), 10, 64)
	if last == 0 {
		last, _ = strconv.ParseUint(r.URL.Query().Get("lastEventId"), 10, 64)
	}
	missed, sub := a.events.subscribe(s.Extension, last)
	defer a.events.unsubscribe(s.Extension, sub)

	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	write := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(sseWriteTimeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write(fmt.Appendf(nil, "retry: %d\n\n", sseRetry)) {
		return
	}
	for _, f := range missed {
		if !write(f.sse) {
			return
		}
	}
	tick := time.NewTicker(sseHeartbeat)
	defer tick.Stop()
	for {
		select {
		case f := <-sub.ch:
			sub.sent(f)
			if !write(f.sse) {
				return
			}
		case <-sub.dropped:
			// Too slow to keep up: end the stream; the browser reconnects
			// with Last-Event-ID and gets the rest from the ring.
			return
		case <-tick.C:
			if ok, err := a.stillOnExtension(r.Context(), s); err == nil && !ok {
				a.sessions.end(s.id)
				return
			}
			if !write([]byte(": ping\n\n")) {
				return
			}
		case <-s.done: // signed out or expired
			return
		case <-r.Context().Done():
			return
		}
	}
}
