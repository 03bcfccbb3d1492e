package redisstore

import (
	"log/slog"
	"time"
)

// Defaults of the options.
const (
	DefaultPrefix    = "omicall"
	DefaultLockTTL   = 15 * time.Second
	DefaultOpTimeout = 2 * time.Second
	// DefaultDedupTimeout bounds a DedupStore's Redis command: an event
	// waits at most this long for a Redis that fails or hangs.
	DefaultDedupTimeout = 200 * time.Millisecond
	// DefaultRunningTTL is how long an event stays marked running when its
	// replica neither finishes nor forgets it (it died mid-callback).
	DefaultRunningTTL = time.Minute
)

// Option configures a TokenStore or a DedupStore.
type Option func(*options)

type options struct {
	prefix     string
	lockTTL    time.Duration
	opTimeout  time.Duration // 0: the store's own default
	runningTTL time.Duration
	logger     *slog.Logger
}

func newOptions(opts []Option, opTimeout time.Duration) options {
	o := options{prefix: DefaultPrefix, lockTTL: DefaultLockTTL, runningTTL: DefaultRunningTTL}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	if o.opTimeout == 0 {
		o.opTimeout = opTimeout
	}
	if o.logger == nil {
		o.logger = slog.Default()
	}
	return o
}

// WithPrefix sets the first part of every key (default "omicall"), e.g. to
// keep several environments apart in one Redis.
func WithPrefix(p string) Option {
	return func(o *options) {
		if p != "" {
			o.prefix = p
		}
	}
}

// WithLockTTL sets how long the token lock lives when its holder neither
// saves nor releases it (default 15s): a process that dies while fetching
// the token blocks the others for at most this long. Make it longer than a
// token fetch takes (its timeouts and retries included); d <= 0 keeps the
// default.
func WithLockTTL(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.lockTTL = d
		}
	}
}

// WithOpTimeout bounds each Redis call of a store (default 2s for a
// TokenStore, DefaultDedupTimeout for a DedupStore), so that a Redis that
// fails or hangs costs at most this long before the caller falls back. The
// store returns at this deadline even when the client would wait longer
// (go-redis waits its ReadTimeout unless ContextTimeoutEnabled is set).
// d <= 0 keeps the default.
func WithOpTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.opTimeout = d
		}
	}
}

// WithRunningTTL sets how long an event is marked running at most (default
// 1 minute): longer than your callback takes, short enough that an event
// whose replica died mid-callback is soon handled by a redelivery. d <= 0
// keeps the default.
func WithRunningTTL(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.runningTTL = d
		}
	}
}

// WithLogger sets where a DedupStore says that Redis failed (one warning
// per outage) and that it answers again (default slog.Default()). Nothing
// it logs holds a token or an event.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}
