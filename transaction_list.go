package omicall

import (
	"cmp"
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// MaxTransactionPageSize is the largest Size of the call-history list
// (GET /api/call_transaction/list). OMICall documents a default of 50 and no
// maximum; this bound is the SDK's. The v3 search takes at most
// MaxSearchSize.
const MaxTransactionPageSize = 500

// TransactionListOptions filters GET /api/call_transaction/list. From and To
// are required and both inclusive; they travel as Unix milliseconds
// (from_date, to_date), so anything finer than a millisecond is dropped.
//
// The list filters (Agents, UserUUIDs, Directions, SIPNumbers,
// QueueDestinations) are sent as repeated query keys
// (agents=a@x.vn&agents=b@x.vn). The documentation does not say how arrays
// travel in a query; repeated keys is this SDK's choice, made in one place
// (addList).
type TransactionListOptions struct {
	From time.Time // required; the first millisecond of the range
	To   time.Time // required; the last millisecond of the range

	Page int // 1-based; 0 means 1; negative is a ValidationError
	Size int // at most MaxTransactionPageSize; 0 means DefaultPageSize, the API's default; negative is a ValidationError

	Agents            []string    // agent emails
	UserUUIDs         []string    // third-party user ids of agents
	IsAutoCall        *bool       // nil: all calls; true: only auto calls; false: no auto calls
	Keyword           string      // free-text search
	SIPUser           string      // an agent extension
	Disposition       Disposition // one disposition; empty means both
	Directions        []Direction // empty means every direction
	SIPNumbers        []string    // hotline numbers
	QueueDestinations []string    // internal group (queue) numbers
}

// query returns the query of one list request over [from, to] (ms).
func (o *TransactionListOptions) query(from, to int64) url.Values {
	q := setPage(url.Values{}, o.Page, o.Size)
	q.Set("from_date", formatMs(from))
	q.Set("to_date", formatMs(to))
	addList(q, "agents", o.Agents)
	addList(q, "user_uuids", o.UserUUIDs)
	if o.IsAutoCall != nil {
		q.Set("is_auto_call", strconv.FormatBool(*o.IsAutoCall))
	}
	setNonEmpty(q, "keyword", o.Keyword)
	setNonEmpty(q, "sip_user", o.SIPUser)
	setNonEmpty(q, "disposition", string(o.Disposition))
	addList(q, "direction", o.Directions)
	addList(q, "sip_numbers", o.SIPNumbers)
	addList(q, "queue_destination", o.QueueDestinations)
	return q
}

// addList adds an array-valued query parameter as repeated keys
// (key=a&key=b). It is the one place that decides how arrays travel in a
// query string; empty values are skipped.
func addList[S ~string](q url.Values, key string, vals []S) {
	for _, v := range vals {
		if v != "" {
			q.Add(key, string(v))
		}
	}
}

// setNonEmpty sets a query parameter when v is not empty.
func setNonEmpty(q url.Values, key, v string) {
	if v != "" {
		q.Set(key, v)
	}
}

// formatMs formats Unix milliseconds for a query.
func formatMs(ms int64) string { return strconv.FormatInt(ms, 10) }

// List returns one page of the call history between opts.From and opts.To
// (both inclusive, sent as Unix milliseconds), at most MaxTransactionRange
// apart. A missing bound, From not before To, or a longer range is a
// ValidationError (also matching ErrDateRequired, ErrDateInvalid or
// ErrDateRangeTooLong) returned before any request; use All for longer
// ranges. OMICall API: GET /api/call_transaction/list. Retried.
//
// Rate limit: OMICall may answer limit_request_30_minute, which matches
// ErrRateLimited. The documentation only says that requests must be "spaced
// 30 minutes apart", without saying per what. It arrives as a normal
// (HTTP 200) answer, so the client does not retry it: repeating at once
// would only spend the quota again. Back off for the documented 30 minutes
// before asking again, and do not re-read what you already have: resume
// from where you stopped (with records listed oldest first, as the
// simulator lists them, From = the last stored record's CreatedDate + 1 ms).
// Schedule periodic syncs at least 30 minutes apart. An HTTP 429 also
// matches ErrRateLimited; that one is retried with backoff, honouring
// Retry-After.
func (s *TransactionService) List(ctx context.Context, opts *TransactionListOptions) (*Page[Transaction], error) {
	o := derefOr(opts)
	if err := checkPaging(o.Page, o.Size, MaxTransactionPageSize); err != nil {
		return nil, err
	}
	r, err := checkRange(o.From, o.To, maxRangeMs)
	if err != nil {
		return nil, err
	}
	return s.list(ctx, &o, r)
}

// list fetches one page over r without validating it. The records are
// decoded in one pass into a slice sized for the page.
func (s *TransactionService) list(ctx context.Context, o *TransactionListOptions, r dateRange) (*Page[Transaction], error) {
	size := cmp.Or(o.Size, DefaultPageSize)
	w, err := doPage(ctx, s.e, &request{method: http.MethodGet, path: "/api/call_transaction/list", query: o.query(r.from, r.to)},
		pageAsk{max(o.Page, 1), size}, getWire(size))
	if err != nil {
		putWire(w.Items.items)
		return nil, err
	}
	return transactionPage(w), nil
}

// All walks the whole call history between opts.From and opts.To (both
// inclusive), however long the range: it is split into consecutive windows
// of 30 days, the first starting at From; each window ends 1 ms before the
// next begins, since the API treats both from_date and to_date as
// inclusive, so no record comes twice and none is lost at an edge. Every
// page of every window is walked, windows in order from From to To, records
// in the order the API lists them. opts.Page, if set, is the first page of
// the first window; later windows start at page 1.
//
// While the caller handles one page, the next one (the first page of the
// next window, at a window's end) is fetched in the background, so at most
// two pages are in memory. Breaking out of the loop or ending ctx stops the
// fetching at once. A failure, including a ValidationError for a missing or
// inverted range (before any request), is yielded once as (zero, err) and
// ends the walk; see List for the rate limit. OMICall API:
// GET /api/call_transaction/list. Retried.
func (s *TransactionService) All(ctx context.Context, opts *TransactionListOptions) iter.Seq2[Transaction, error] {
	o := derefOr(opts)
	if err := checkPaging(o.Page, o.Size, MaxTransactionPageSize); err != nil {
		return errSeq[Transaction](err)
	}
	r, err := checkRange(o.From, o.To, 0)
	if err != nil {
		return errSeq[Transaction](err)
	}
	first := max(o.Page, 1)
	return paginateLists(ctx, r.windows(), first, func(ctx context.Context, k, n int) (*Page[Transaction], error) {
		w := o
		w.Page = n
		return s.list(ctx, &w, r.window(k))
	})
}
