package omicall

import (
	"context"
	"log/slog"
	"net/url"
	"testing"
	"time"
)

// HistoryWindow is one window of a call-history walk: Unix milliseconds,
// both ends inclusive.
type HistoryWindow struct{ From, To int64 }

// HistoryWindows returns the windows Transactions.All walks for from..to,
// for the tests in package omicall_test that check the requests of a walk.
func HistoryWindows(from, to time.Time) []HistoryWindow {
	r, _ := checkRange(from, to, 0)
	out := make([]HistoryWindow, r.windows())
	for k := range out {
		w := r.window(k)
		out[k] = HistoryWindow{w.from, w.to}
	}
	return out
}

// ListQuery returns the query GET /api/call_transaction/list is sent for the
// first window of opts.
func ListQuery(opts *TransactionListOptions) url.Values {
	r, _ := checkRange(opts.From, opts.To, 0)
	return opts.query(r.from, r.to)
}

// SetTokenClock replaces the clock c's token cache reads expiries against.
func SetTokenClock(c *Client, now func() time.Time) { c.e.tokens.now = now }

// The shared test helpers of helpers_test.go, for the tests in package
// omicall_test (helpers_ext_test.go gives them their usual short names).
var (
	TestCtx           func(*testing.T) context.Context = ctxT
	RequireValidation                                  = requireValidation
)

// Test constants shared with package omicall_test.
const (
	TestPassword = testPassword
	HookSecret   = hookSecret
)

// Collect is collect, for package omicall_test.
func Collect[T any](seq func(func(T, error) bool)) ([]T, error) { return collect(seq) }

// RouteTemplate is routeTemplate, for the observer's tests.
func RouteTemplate(path string) string { return routeTemplate(path) }

// NewLogBuffer is newLogBuffer, for the external tests.
func NewLogBuffer() (*logBuffer, *slog.Logger) { return newLogBuffer() }
