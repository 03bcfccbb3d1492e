package callsync

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/omicall-go/omicall"
)

// Syncer keeps a Store's calls complete and current from both doors of
// OMICall: the webhook (Handler, HandleEvent) and the call history
// (Backfill, Reconcile, Run). Every method is safe for concurrent use, and
// several Syncers (replicas) may share one Postgres database.
type Syncer struct {
	client *omicall.Client
	store  *Store
	cfg    config
}

// New returns a Syncer that reads the call history with client (which
// needs its API key: the v3 search authenticates with it) and writes to
// store.
func New(client *omicall.Client, store *Store, opts ...Option) (*Syncer, error) {
	if client == nil {
		return nil, errors.New("callsync: New: client is nil")
	}
	if store == nil {
		return nil, errors.New("callsync: New: store is nil")
	}
	cfg := defaults()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	return &Syncer{client: client, store: store, cfg: cfg}, nil
}

// Store returns the Syncer's store.
func (s *Syncer) Store() *Store { return s.store }

// Handler returns the webhook handler of package omicall
// (omicall.NewWebhookHandler, configured by opts: WithWebhookSecret,
// WithMaxBodyBytes, …) writing every call hook to the store through
// HandleEvent. A hook is answered 200 only after its write committed; when
// the write fails (the database is down, say) it is answered 500, so
// OMICall delivers it again, and Reconcile fills what OMICall gave up on.
func (s *Syncer) Handler(opts ...omicall.WebhookOption) http.Handler {
	return omicall.NewWebhookHandler(s.HandleEvent, opts...)
}

// HandleEvent writes one call hook to the store: a live state (create,
// early, ringing, answered, hangup, or one this package does not know) or
// the call's record (a CDR). It returns nil once the write committed, or
// when there was nothing to keep (an event without a call id), and an
// error when the database did not take it. Use it with your own router
// and omicall.ParseCallEvent; Handler calls it for you.
func (s *Syncer) HandleEvent(ctx context.Context, ev *omicall.CallEvent) error {
	if ev == nil {
		return nil
	}
	start := time.Now()
	c, ok := callFromEvent(ev, s.cfg.now())
	if !ok {
		return nil
	}
	var res writeResult
	err := s.store.inTx(ctx, "store a call hook", func(tx *sql.Tx) error {
		var err error
		res, err = s.store.writeCalls(ctx, tx, []Call{c}, false)
		return err
	})
	s.cfg.observeWrite(ctx, OriginHook, res, time.Since(start), err)
	return err
}

// The values of WriteInfo.Origin.
const (
	OriginHook      = "hook"
	OriginBackfill  = "backfill"
	OriginReconcile = "reconcile"
)

// Observer receives what a Syncer writes, for metrics or logs. Every field
// is optional; the functions run on the writing goroutine, so they must be
// fast and safe for concurrent use.
type Observer struct {
	// Write is called after each write: one call hook, or one batch of a
	// backfill or reconcile (a transaction).
	Write func(ctx context.Context, w WriteInfo)
	// Reconcile is called after each reconcile of Run, with its report and
	// error.
	Reconcile func(ctx context.Context, r Report, err error)
}

// WriteInfo is one write to the store.
type WriteInfo struct {
	Origin  string        // OriginHook, OriginBackfill or OriginReconcile
	Written int           // rows inserted or updated
	Skipped int           // copies not written: the store held a newer one
	Filled  int           // reconcile: calls that were missing, or had no final record
	Elapsed time.Duration // time of the write
	Err     error         // nil on success (the rows were committed)
}

func (c *config) observeWrite(ctx context.Context, origin string, r writeResult, d time.Duration, err error) {
	if c.observer == nil || c.observer.Write == nil {
		return
	}
	c.observer.Write(ctx, WriteInfo{Origin: origin, Written: r.Written, Skipped: r.Skipped, Filled: len(r.Filled), Elapsed: d, Err: err})
}

// logger returns the configured logger, or one that discards.
func (c *config) log() *slog.Logger {
	if c.logger != nil {
		return c.logger
	}
	return slog.New(slog.DiscardHandler)
}
