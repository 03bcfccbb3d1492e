package omicall

import (
	"net/url"
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
func SetTokenClock(c *Client, now func() time.Time) { c.tokens.now = now }
