package simulator

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The call-history list: GET /api/call_transaction/list, its filters,
// its date rules and its rate limit.

func init() { register(domain{routes: (*Server).historyListRoutes}) }

func (s *Server) historyListRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_transaction/list", h: s.handleHistoryList},
	}
}

// callFilter selects call records; an empty field selects everything.
type callFilter struct {
	agents, userUUIDs, directions, dispositions, numbers, queues, tags []string

	autoCall *bool
	keyword  string
	sipUser  string
}

// active reports whether f leaves any record out.
func (f *callFilter) active() bool {
	return len(f.agents)+len(f.userUUIDs)+len(f.directions)+len(f.dispositions)+len(f.numbers)+
		len(f.queues)+len(f.tags) > 0 || f.autoCall != nil || f.keyword != "" || f.sipUser != ""
}

func (f *callFilter) match(rec *callRecord) bool {
	in := func(set []string, v string) bool { return len(set) == 0 || slices.Contains(set, v) }
	switch {
	case !in(f.agents, rec.agentEmail), !in(f.userUUIDs, rec.CreateBy.UUID),
		!in(f.directions, rec.Direction), !in(f.dispositions, rec.Disposition),
		!in(f.numbers, rec.Hotline), !in(f.queues, rec.queue),
		f.sipUser != "" && rec.SIPUser != f.sipUser,
		f.autoCall != nil && rec.IsAutoCall != *f.autoCall:
		return false
	}
	if len(f.tags) > 0 && !slices.ContainsFunc(rec.Tag, func(t string) bool { return slices.Contains(f.tags, t) }) {
		return false
	}
	if f.keyword != "" {
		k := strings.ToLower(f.keyword)
		note := ""
		if rec.Note != nil {
			note = *rec.Note
		}
		hay := []string{rec.SourceNumber, rec.DestinationNumber, rec.Customer.FullName, rec.Customer.FullNameUnsigned, note}
		return slices.ContainsFunc(hay, func(h string) bool { return strings.Contains(strings.ToLower(h), k) })
	}
	return true
}

// queryDates reads from_date and to_date (Unix ms, both inclusive) the way
// the call-history API checks them: each required, integers, from <= to,
// and, when limit is set, at most 30 days apart.
func queryDates(q url.Values, limit bool) (from, to int64, err error) {
	fromRaw, toRaw := q.Get("from_date"), q.Get("to_date")
	switch {
	case fromRaw == "":
		return 0, 0, fail("from_date_is_required")
	case toRaw == "":
		return 0, 0, fail("to_date_is_required")
	}
	from, err1 := strconv.ParseInt(fromRaw, 10, 64)
	to, err2 := strconv.ParseInt(toRaw, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, fail("date_invalid")
	}
	return from, to, checkDates(from, to, limit)
}

// checkDates applies the date rules to Unix ms bounds.
func checkDates(from, to int64, limit bool) error {
	switch {
	case from <= 0:
		return fail("from_date_is_required")
	case to <= 0:
		return fail("to_date_is_required")
	case from > to:
		return fail("date_invalid")
	case limit && to-from > maxHistoryRangeMs:
		return fail("date_is_too_long")
	}
	return nil
}

// queryBool reads an optional true/false query parameter.
func queryBool(q url.Values, key string) (*bool, error) {
	raw := q.Get(key)
	if raw == "" || raw == "null" {
		return nil, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return nil, failHTTP(http.StatusBadRequest, key+"_invalid")
	}
	return &v, nil
}

// copyRecord is the list and detail view of a record: a copy.
func copyRecord(rec *callRecord) callRecord { return *rec }

func (s *Server) handleHistoryList(r *http.Request) (any, error) {
	q := r.URL.Query()
	from, to, err := queryDates(q, true)
	if err != nil {
		return nil, err
	}
	page, size, err := pageParams(r, historyPageSize)
	if err != nil {
		return nil, err
	}
	auto, err := queryBool(q, "is_auto_call")
	if err != nil {
		return nil, err
	}
	f := callFilter{
		agents: q["agents"], userUUIDs: q["user_uuids"], directions: q["direction"], numbers: q["sip_numbers"],
		queues: q["queue_destination"], autoCall: auto, keyword: q.Get("keyword"), sipUser: q.Get("sip_user"),
	}
	if d := q.Get("disposition"); d != "" {
		f.dispositions = []string{d}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.history.listQuota.take(s.now(), "limit_request_30_minute"); err != nil {
		return nil, err
	}
	return pageOf(s.history.between(from, to), keepOf(&f), false, page, size, copyRecord), nil
}

// maxHistoryRangeMs is the longest from_date..to_date range of
// GET /api/call_transaction/list: 30 days (date_is_too_long beyond).
const maxHistoryRangeMs = int64(30 * 24 * time.Hour / time.Millisecond)

// historyPageSize is the default page size of the call-history endpoints.
const historyPageSize = 50

// historyRateWindow is the span of the call-history rate limit
// (limit_request_30_minute).
const historyRateWindow = 30 * time.Minute

// SetHistoryRateLimit makes each call-history endpoint that walks the
// history serve at most n requests within any 30 minutes of the server's
// clock, and answer the others with HTTP 200, status_code -9999 and a
// Retry-After header (the seconds until the oldest request leaves the
// window): GET /api/call_transaction/list answers limit_request_30_minute,
// its documented code, and POST /api/v3/call-transaction/search answers
// rate_limit_exceeded (docs/api.md §18.5). Each endpoint has a quota of its
// own; refused requests do not count. n <= 0 removes the limit (the
// default). The count starts afresh with each call.
func (s *Server) SetHistoryRateLimit(n int) { s.SetHistoryRateLimitWindow(n, historyRateWindow) }

// SetHistoryRateLimitWindow is SetHistoryRateLimit with a window other
// than OMICall's 30 minutes, so that a test of a client that waits out the
// limit (its Retry-After) runs in seconds. window <= 0 means 30 minutes.
func (s *Server) SetHistoryRateLimitWindow(n int, window time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n = max(n, 0)
	if window <= 0 {
		window = historyRateWindow
	}
	s.history.listQuota = rateQuota{limit: n, window: window}
	s.history.v3Quota = rateQuota{limit: n, window: window}
}

// rateQuota is a request quota over a sliding window of the server's
// clock: at most limit requests within any window.
type rateQuota struct {
	limit  int           // 0: no limit
	window time.Duration // historyRateWindow unless a test shortens it
	times  []time.Time   // when the requests inside the window were served
}

// take counts one request at now against q, or, when the quota of the
// window is spent, returns code answered with a Retry-After of the wait
// until the oldest request leaves the window.
func (q *rateQuota) take(now time.Time, code string) error {
	if q.limit == 0 {
		return nil
	}
	i := 0
	for i < len(q.times) && now.Sub(q.times[i]) >= q.window {
		i++
	}
	q.times = q.times[i:]
	if len(q.times) >= q.limit {
		return failRetryAfter(code, q.window-now.Sub(q.times[0]))
	}
	q.times = append(q.times, now)
	return nil
}
