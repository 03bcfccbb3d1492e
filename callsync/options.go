package callsync

import (
	"log/slog"
	"time"
)

// Option configures New.
type Option func(*config)

type config struct {
	now         func() time.Time
	concurrency int           // most history requests in flight
	window      time.Duration // 0: chosen from the range
	batchRows   int
	progress    func(Report)
	observer    *Observer
	logger      *slog.Logger
	recWindow   time.Duration
	recEvery    time.Duration
	waitBase    time.Duration // rate-limit wait without Retry-After
	waitMax     time.Duration
}

// Defaults of the options.
const (
	DefaultConcurrency     = 8
	DefaultBatchRows       = 500
	DefaultReconcileWindow = 2 * time.Hour
	DefaultReconcileEvery  = 10 * time.Minute
)

func defaults() config {
	return config{now: time.Now, concurrency: DefaultConcurrency, batchRows: DefaultBatchRows,
		recWindow: DefaultReconcileWindow, recEvery: DefaultReconcileEvery, waitBase: 2 * time.Second, waitMax: 5 * time.Minute}
}

// WithClock sets the clock the Syncer dates writes and reconcile windows by
// (default time.Now), for tests on a simulated timeline.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}

// WithConcurrency sets the most history requests Backfill and Reconcile
// keep in flight (default DefaultConcurrency). They start at half of it,
// halve it when OMICall answers that requests come too fast
// (rate_limit_exceeded, limit_request_30_minute, HTTP 429), and grow it
// again by one at a time after runs of successes. n < 1 keeps the default.
func WithConcurrency(n int) Option {
	return func(c *config) {
		if n >= 1 {
			c.concurrency = n
		}
	}
}

// WithWindow sets the length of the windows a range is cut into, each
// walked page by page, several at once. By default it is chosen from the
// range: enough windows for twice the concurrency, none shorter than a
// minute or longer than a day. d <= 0 keeps the default. A resumed
// backfill keeps the windows it started with.
func WithWindow(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.window = d
		}
	}
}

// WithBatchSize sets the most records Backfill and Reconcile write per
// transaction (default DefaultBatchRows); the writer commits what has come
// when no more is waiting. n < 1 keeps the default.
func WithBatchSize(n int) Option {
	return func(c *config) {
		if n >= 1 {
			c.batchRows = n
		}
	}
}

// WithProgress makes Backfill and Reconcile call fn after each batch they
// commit and once at the end (Report.Done), on one goroutine. Keep it
// fast: the writer waits for it.
func WithProgress(fn func(Report)) Option { return func(c *config) { c.progress = fn } }

// WithObserver makes the Syncer report its writes and reconciles to o.
func WithObserver(o *Observer) Option { return func(c *config) { c.observer = o } }

// WithLogger makes Run log the reconciles it makes and the ones that fail
// (default: nothing is logged). Lines never hold a secret.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithReconcile sets what Run re-reads: the last window of the call
// history, every every (defaults DefaultReconcileWindow and
// DefaultReconcileEvery). Values <= 0 keep the defaults.
func WithReconcile(window, every time.Duration) Option {
	return func(c *config) {
		if window > 0 {
			c.recWindow = window
		}
		if every > 0 {
			c.recEvery = every
		}
	}
}

// WithRateLimitWait sets how long Backfill and Reconcile wait after a rate
// limit answer that names no Retry-After: base, doubled at each
// consecutive limit, at most max (defaults 2 s and 5 min). A Retry-After
// is honoured as sent. Values <= 0 keep the defaults.
func WithRateLimitWait(base, max time.Duration) Option {
	return func(c *config) {
		if base > 0 {
			c.waitBase = base
		}
		if max > 0 {
			c.waitMax = max
		}
	}
}
