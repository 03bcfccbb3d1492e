package omicall

import (
	"context"
	"encoding/hex"
	"log/slog"
	"net/http"
	"time"
)

// DedupState is what a DedupStore knows of an event when a delivery claims
// it.
type DedupState int

const (
	// DedupNew: no delivery of the event succeeded within the window and
	// none is running; the store has marked it running for this delivery,
	// which calls the callback.
	DedupNew DedupState = iota
	// DedupDone: a delivery of the event succeeded within the window; this
	// one is answered 200 without the callback.
	DedupDone
	// DedupRunning: a delivery of the event is being handled now, by this
	// process or another replica.
	DedupRunning
)

// DedupStore remembers webhook events across the replicas of a receiver,
// for WithDedupStore: which ones are being handled and which were handled
// successfully. Keys are fixed-size digests of the event (64 hex digits), so
// an entry's size does not depend on the event. Implementations must be
// safe for concurrent use; redisstore has one on Redis.
type DedupStore interface {
	// Claim reports what the store knows of key and, atomically, marks it
	// running when it knows nothing: then it returns DedupNew and a claim
	// id unique to this delivery. A running mark expires by itself after a
	// time the store chooses (longer than a callback runs), so that an
	// event whose replica died mid-callback is handled by a later delivery.
	Claim(ctx context.Context, key string) (state DedupState, claim string, err error)
	// Finish ends the delivery that claimed key: handled=true keeps key as
	// done for window; handled=false forgets it, so that the next delivery
	// runs the callback. It changes nothing if key is no longer held by
	// claim (the running mark expired and another delivery claimed it).
	Finish(ctx context.Context, key, claim string, handled bool, window time.Duration) error
}

// WithDedupStore is WithDedup with the memory shared through s, so that a
// redelivery that reaches another replica of the receiver does not run the
// callback again either. The semantics are WithDedup's, across replicas:
// a successful event runs the callback once within window (for a CDR, once
// per content); a first attempt that failed is forgotten. Copies that reach
// the same replica while the first is handled wait for it and answer its
// status, as with WithDedup; a copy that reaches another replica while the
// first is still being handled is answered 503 at once, so that OMICall
// delivers it again later, when the outcome is known: answered 200 then if
// the first succeeded, or handled if it failed. (Waiting for another
// replica would hold a connection and a goroutine per copy for as long as
// the callback runs, and poll the store, for an answer that a redelivery
// gets anyway.) If the store fails, the replica deduplicates in its own
// memory and logs a warning: a store outage never stops events. A nil s is
// WithDedup(window).
func WithDedupStore(s DedupStore, window time.Duration) WebhookOption {
	return func(c *webhookConfig) { c.dedup, c.dedupStore = window, s }
}

// storeOutcome is the outcome of the first delivery that reached this
// replica: the shared store decides whether it runs the callback.
func (h *webhookHandler) storeOutcome(ctx context.Context, key dedupKey, ev *CallEvent) outcome {
	k := hex.EncodeToString(key[:])
	state, claim, err := h.cfg.dedupStore.Claim(ctx, k)
	h.storeAnswered(ctx, err)
	if err != nil {
		return h.call(ctx, ev)
	}
	switch state {
	case DedupDone:
		return outcome{status: http.StatusOK, reason: "duplicate", ev: ev, dup: true}
	case DedupRunning:
		return outcome{status: http.StatusServiceUnavailable, reason: "being handled by another replica; deliver again", ev: ev, dup: true}
	}
	o := outcome{status: http.StatusInternalServerError, reason: "callback failed", ev: ev}
	defer func() { // runs even if the callback panics (call recovers, but be sure)
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), storeOpWait)
		defer cancel()
		h.storeAnswered(ctx, h.cfg.dedupStore.Finish(fctx, k, claim, o.status == http.StatusOK, h.cfg.dedup))
	}()
	o = h.call(ctx, ev)
	return o
}

// storeAnswered logs the dedup store's outages, once each: a warning when
// it first fails (the handler then deduplicates in this process only) and
// a line when it answers again, not one per event.
func (h *webhookHandler) storeAnswered(ctx context.Context, err error) {
	switch {
	case err != nil && !h.storeDown.Swap(true):
		h.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall webhook: the dedup store failed; deduplicating in this process only until it answers",
			slog.String("error", err.Error()))
	case err == nil && h.storeDown.Load() && h.storeDown.Swap(false):
		h.cfg.logger.LogAttrs(ctx, slog.LevelInfo, "omicall webhook: the dedup store answers again")
	}
}

// dedupCall is what the in-memory dedup runs for a first delivery: the
// callback, through the shared store when there is one.
func (h *webhookHandler) dedupCall(key dedupKey) func(context.Context, *CallEvent) outcome {
	if h.cfg.dedupStore == nil {
		return h.call
	}
	return func(ctx context.Context, ev *CallEvent) outcome { return h.storeOutcome(ctx, key, ev) }
}
