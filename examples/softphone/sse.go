package main

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Timings of the event stream.
const (
	sseWriteTimeout = 10 * time.Second // a client that takes longer to accept a write is dropped
	sseHeartbeat    = 15 * time.Second // a comment line keeps proxies from closing an idle stream
	sseRetry        = 1000             // ms the browser waits before reconnecting
)

// handleEvents is GET /api/events: the signed-in agent's call events as
// Server-Sent Events. A browser that reconnects sends Last-Event-ID (a page
// that was reloaded passes it as ?lastEventId=, which EventSource cannot
// set as a header) and first gets the events it missed, from the ring.
func (a *app) handleEvents(w http.ResponseWriter, r *http.Request, s session) {
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
	write := func(f func() error) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(sseWriteTimeout))
		if err := f(); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write(func() error { _, err := fmt.Fprintf(w, "retry: %d\n\n", sseRetry); return err }) {
		return
	}
	for _, f := range missed {
		if !write(func() error { _, err := w.Write(f.sse); return err }) {
			return
		}
	}
	tick := time.NewTicker(sseHeartbeat)
	defer tick.Stop()
	for {
		select {
		case f := <-sub.ch:
			sub.sent(f)
			if !write(func() error { _, err := w.Write(f.sse); return err }) {
				return
			}
		case <-sub.dropped:
			// Too slow to keep up: end the stream; the browser reconnects
			// with Last-Event-ID and gets the rest from the ring.
			return
		case <-tick.C:
			if !write(func() error { _, err := fmt.Fprint(w, ": ping\n\n"); return err }) {
				return
			}
		case <-r.Context().Done():
			return
		}
	}
}
