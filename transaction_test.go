package omicall

import (
	"encoding/json"
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertPage checks the paging fields of p.
func assertPage[T any](t *testing.T, p *Page[T], number, size, total, pages int, hasNext bool) {
	t.Helper()
	assert.Equal(t, [5]any{number, size, total, pages, hasNext}, [5]any{p.Number, p.Size, p.TotalItems, p.TotalPages, p.HasNext},
		"number, size, total items, total pages, has next")
}

// listFrom and listTo are a 7-day range and its bounds in milliseconds.
var (
	listFrom = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) // 1704067200000 ms
	listTo   = listFrom.Add(7*24*time.Hour - time.Millisecond)
)

func TestTransactionsListRequestShape(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/list", fixtureResponder(t, "call_transaction_list.json"))
	no := false
	opts := &TransactionListOptions{
		From: listFrom, To: listTo, Page: 2, Size: 25,
		Agents: []string{"a@x.vn", "b@x.vn"}, UserUUIDs: []string{"u1"}, IsAutoCall: &no,
		Keyword: "tien", SIPUser: "101", Disposition: DispositionAnswered,
		Directions: []Direction{DirectionInbound, DirectionLocal}, SIPNumbers: []string{"842899990338"},
		QueueDestinations: []string{"8001", "8002"},
	}
	keep := *opts
	p, err := c.Transactions.List(ctxT(t), opts)
	require.NoError(t, err)
	assert.Equal(t, keep, *opts, "the caller's options are not modified")

	req := log.last(t)
	assert.Equal(t, "GET", req.Method)
	assert.Equal(t, "/api/call_transaction/list", req.Path)
	assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
	assert.Equal(t, url.Values{
		"from_date":         {"1704067200000"}, // milliseconds, not seconds
		"to_date":           {"1704671999999"},
		"page":              {"2"},
		"size":              {"25"},
		"agents":            {"a@x.vn", "b@x.vn"},
		"user_uuids":        {"u1"},
		"is_auto_call":      {"false"},
		"keyword":           {"tien"},
		"sip_user":          {"101"},
		"disposition":       {"answered"},
		"direction":         {"inbound", "local"},
		"sip_numbers":       {"842899990338"},
		"queue_destination": {"8001", "8002"},
	}, req.Query)

	assertPage(t, p, 1, 50, 943, 19, true)
	require.Len(t, p.Items, 1)
	assert.Equal(t, "2159f8d9-5a6e-440f-8995-8d0f55c1xxx", p.Items[0].TransactionID)
}

func TestTransactionsListMinimalQuery(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/list", fixtureResponder(t, "call_transaction_list.json"))
	from := time.UnixMilli(1693846799000)
	_, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: from, To: from.Add(MaxTransactionRange)})
	require.NoError(t, err, "exactly 30 days is allowed")
	assert.Equal(t, url.Values{"from_date": {"1693846799000"}, "to_date": {"1696438799000"}}, log.last(t).Query)
}

func TestTransactionsListValidationSendsNothing(t *testing.T) {
	from := listFrom
	cases := []struct {
		name string
		opts *TransactionListOptions
		is   error
	}{
		{"nil options", nil, ErrDateRequired},
		{"no From", &TransactionListOptions{To: from}, ErrDateRequired},
		{"no To", &TransactionListOptions{From: from}, ErrDateRequired},
		{"inverted", &TransactionListOptions{From: from, To: from.Add(-time.Hour)}, ErrDateInvalid},
		{"empty", &TransactionListOptions{From: from, To: from}, ErrDateInvalid},
		{"before 1970", &TransactionListOptions{From: time.Unix(-10, 0), To: from}, ErrDateInvalid},
		{"30 days and 1 ms", &TransactionListOptions{From: from, To: from.Add(MaxTransactionRange + time.Millisecond)}, ErrDateRangeTooLong},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.Transactions.List(ctxT(t), tc.opts)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrValidation)
			assert.ErrorIs(t, err, tc.is)
			var ve *ValidationError
			assert.ErrorAs(t, err, &ve)

			assert.Zero(t, mt.GetTotalCallCount(), "no request, not even for a token")
			if tc.is == ErrDateRangeTooLong {
				return // All walks long ranges
			}
			n := 0
			for _, err := range c.Transactions.All(ctxT(t), tc.opts) {
				assert.ErrorIs(t, err, tc.is)
				n++
			}
			assert.Equal(t, 1, n, "the error is yielded once")
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
}

func TestTransactionsListServerErrors(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/list", fixtureResponder(t, "error_limit_request_30_minute.json"))
	_, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: listFrom, To: listTo})
	assert.ErrorIs(t, err, ErrRateLimited)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "limit_request_30_minute", apiErr.Code)
	assert.Equal(t, 1, log.count(), "a 30-minute rate limit is not retried at once")

	c, mt = newMockClient(t)
	recordRoute(t, mt, "GET", "/api/call_transaction/list", fixtureResponder(t, "error_date_is_too_long.json"))
	_, err = c.Transactions.List(ctxT(t), &TransactionListOptions{From: listFrom, To: listTo})
	assert.ErrorIs(t, err, ErrDateRangeTooLong)
	assert.NotErrorIs(t, err, ErrValidation)
}

func TestTransactionsListRetriesServerFailure(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/list",
		failStatus(503, "unavailable"), fixtureResponder(t, "call_transaction_list.json"))
	p, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: listFrom, To: listTo})
	require.NoError(t, err)
	assert.Len(t, p.Items, 1)
	assert.Equal(t, 2, log.count())
}

func TestTransactionsGet(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/detail/91d3e842-9da2-43ec-8bb1-979c17e817ad",
		fixtureResponder(t, "call_transaction_detail.json"))
	tx, err := c.Transactions.Get(ctxT(t), "91d3e842-9da2-43ec-8bb1-979c17e817ad")
	require.NoError(t, err)
	assert.Equal(t, "GET", log.last(t).Method)
	assert.Empty(t, log.last(t).Query)
	assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", tx.TransactionID)
	assert.Equal(t, 90, tx.BillSecForwardOut)

	recordRoute(t, mt, "GET", "/api/call_transaction/detail/missing", failStatus(404, "not_found"))
	_, err = c.Transactions.Get(ctxT(t), "missing")
	assert.ErrorIs(t, err, ErrNotFound)

	before := mt.GetTotalCallCount()
	_, err = c.Transactions.Get(ctxT(t), "")
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, before, mt.GetTotalCallCount())
}

func TestTransactionsGetRefusesIDsThatAreNotOneSegment(t *testing.T) {
	c, mt := newMockClient(t)
	for _, id := range []string{"a/b", "a?c", `a`, "a#b", "..", "."} {
		_, err := c.Transactions.Get(ctxT(t), id)
		requireValidation(t, err, "transactionID")
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

func TestTransactionsUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_transaction/change/91d3e842",
		failStatus(502, ""), fixtureResponder(t, "call_transaction_change.json"))
	tx, err := c.Transactions.Update(ctxT(t), "91d3e842", &UpdateTransactionRequest{Note: "Ghi chu cuoc goi", Tags: []string{"hailong", "goilaisau"}})
	require.NoError(t, err)
	req := log.last(t)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"tag":["hailong","goilaisau"],"note":"Ghi chu cuoc goi"}`, string(req.Body))
	assert.Equal(t, 2, log.count(), "setting a note and tags is safe to repeat")
	assert.Equal(t, "Ghi chu cuoc goi", tx.Note, "the second of the duplicate keys wins")
	assert.Equal(t, []string{"hailong", "dongy", "vip"}, []string(tx.Tags))

	_, err = c.Transactions.Update(ctxT(t), "91d3e842", &UpdateTransactionRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"tag":[],"note":""}`, string(log.last(t).Body), "an empty update clears both")

	n := log.count()
	_, err = c.Transactions.Update(ctxT(t), "91d3e842", nil)
	assert.ErrorIs(t, err, ErrValidation)
	_, err = c.Transactions.Update(ctxT(t), "", &UpdateTransactionRequest{})
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, n, log.count())
}

func TestTransactionsReport(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/report", fixtureResponder(t, "call_transaction_report.json"))
	rep, err := c.Transactions.Report(ctxT(t), &ReportOptions{
		From: listFrom, To: listTo, Numbers: []string{"842899990001", "842899990002"}, SIPUser: "101", Agents: []string{"a@x.vn"},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"from_date": {"1704067200000"}, "to_date": {"1704671999999"},
		"numbers": {"842899990001", "842899990002"}, "sip_user": {"101"}, "agents": {"a@x.vn"},
	}, log.last(t).Query)
	require.Len(t, rep.CategorizedByDirection, 2)
	assert.Equal(t, ReportByDirection{ID: DirectionInbound, TotalCount: 1051, TotalTime: 978}, rep.CategorizedByDirection[0])
	assert.Equal(t, ReportByDisposition{ID: DispositionCancelled, TotalCount: 1177, TotalOutbound: 133, TotalInbound: 1044},
		rep.CategorizedByDisposition[0])
	assert.Equal(t, ReportLocal{TotalCall: 23}, rep.CategorizedByLocalDirection, "null answer count reads as 0")

	n := log.count()
	_, err = c.Transactions.Report(ctxT(t), nil)
	assert.ErrorIs(t, err, ErrDateRequired)
	_, err = c.Transactions.Report(ctxT(t), &ReportOptions{From: listTo, To: listFrom})
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, n, log.count())
}

func TestTransactionsSearch(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_transaction/search",
		failStatus(503, ""), fixtureResponder(t, "call_transaction_search.json"))
	p, err := c.Transactions.SearchLegacy(ctxT(t), &LegacySearchRequest{
		UserUUIDs: []string{"0123456789"}, From: time.UnixMilli(1693846799000), To: time.UnixMilli(1696438799000),
		Page: 2, Size: 20,
	})
	require.NoError(t, err)
	req := log.last(t)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, testAPIKey, req.Header.Get("x-api-key"))
	assert.Empty(t, req.Header.Get("Authorization"), "search takes the API key, not the token")
	assert.Equal(t, url.Values{"page": {"2"}, "size": {"20"}}, req.Query)
	assert.JSONEq(t, string(fixture(t, "request_call_transaction_search.json")), string(req.Body))
	assert.Equal(t, 2, log.count(), "a read-only search is retried")
	assert.Zero(t, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"], "no token is fetched")

	assertPage(t, p, 1, 20, 1000, 100, true)
	require.Len(t, p.Items, 1)
	assert.Equal(t, "7125081d-288a-4d35-8eb1-012345678912", p.Items[0].TransactionID)

	_, err = c.Transactions.SearchLegacy(ctxT(t), &LegacySearchRequest{
		UserUUIDs: []string{"u"}, From: listFrom, To: listTo,
		Directions: []Direction{DirectionOutbound}, Dispositions: []Disposition{DispositionAnswered, DispositionCancelled},
		Tags: []string{"64a0"}, Numbers: []string{"842899990001"},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_uuids":["u"],"from_date":1704067200000,"to_date":1704671999999,"direction":["outbound"],
		"disposition":["answered","cancelled"],"tags":["64a0"],"numbers":["842899990001"]}`, string(log.last(t).Body))
	assert.Empty(t, log.last(t).Query)

	n := log.count()
	for _, bad := range []*LegacySearchRequest{
		nil,
		{From: listFrom, To: listTo},
		{UserUUIDs: []string{"u"}, To: listTo},
		{UserUUIDs: []string{"u"}, From: listTo, To: listFrom},
		{UserUUIDs: []string{"u"}, From: listFrom, To: listTo, Size: 51},
	} {
		_, err := c.Transactions.SearchLegacy(ctxT(t), bad)
		assert.ErrorIs(t, err, ErrValidation)
	}
	assert.Equal(t, n, log.count())

	tokOnly, err := NewClient("", WithAccessToken("tok"), WithBaseURL(mockBase))
	require.NoError(t, err)
	_, err = tokOnly.Transactions.SearchLegacy(ctxT(t), &LegacySearchRequest{UserUUIDs: []string{"u"}, From: listFrom, To: listTo})
	assert.ErrorIs(t, err, ErrValidation)
}

func TestTransactionsEvaluationCriteria(t *testing.T) {
	for name, payload := range map[string]string{
		"array": `[{"_id":"c1","name":"Greeting","description":"Says hello","max_score":10},{"id":"c2","title":"Closing"}]`,
		"page":  `{"items":[{"_id":"c1","name":"Greeting","description":"Says hello","max_score":10},{"id":"c2","title":"Closing"}],"page_number":1}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, "GET", "/api/evaluation_criteria/call/list",
				okPayload(payload))
			got, err := c.Transactions.ListEvaluationCriteria(ctxT(t))
			require.NoError(t, err)
			assert.Equal(t, "GET", log.last(t).Method)
			require.Len(t, got, 2)
			assert.Equal(t, "c1", got[0].ID)
			assert.Equal(t, "Greeting", got[0].Name)
			assert.Equal(t, "Says hello", got[0].Description)
			assert.Contains(t, string(got[0].Raw), `"max_score":10`)
			assert.Equal(t, "c2", got[1].ID)
			assert.Equal(t, "Closing", got[1].Name)
		})
	}
}

func TestTransactionsEvaluate(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_transaction/add_evaluation/tx-1",
		failStatus(503, ""),
		okPayload("null"),
		fixtureResponder(t, "call_transaction_detail.json"))
	ev := &EvaluateRequest{UserUUID: "101", Evaluation: map[string]any{"c1": 8, "comment": "good"}}

	_, err := c.Transactions.Evaluate(ctxT(t), "tx-1", ev)
	require.Error(t, err)
	assert.Equal(t, 1, log.count(), "adding an evaluation is never retried")
	assert.JSONEq(t, `{"user_uuid":"101","evaluation":{"c1":8,"comment":"good"}}`, string(log.last(t).Body))

	tx, err := c.Transactions.Evaluate(ctxT(t), "tx-1", ev)
	require.NoError(t, err)
	assert.Nil(t, tx, "an empty answer gives no transaction")

	tx, err = c.Transactions.Evaluate(ctxT(t), "tx-1", &EvaluateRequest{UserUUID: "101", Evaluation: json.RawMessage(`{"c1":5}`)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_uuid":"101","evaluation":{"c1":5}}`, string(log.last(t).Body))
	require.NotNil(t, tx)
	assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", tx.TransactionID)

	n := log.count()
	for _, bad := range []*EvaluateRequest{nil, {Evaluation: map[string]any{}}, {UserUUID: "101"},
		{UserUUID: "101", Evaluation: []byte(`{"c1":5}`)}, // a []byte marshals as base64 text
		{UserUUID: "101", Evaluation: "score 5"}, {UserUUID: "101", Evaluation: json.RawMessage(`{`)}} {
		_, err := c.Transactions.Evaluate(ctxT(t), "tx-1", bad)
		assert.ErrorIs(t, err, ErrValidation)
	}
	_, err = c.Transactions.Evaluate(ctxT(t), "", ev)
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, n, log.count())
}

func TestCheckRangeWindows(t *testing.T) {
	from := time.UnixMilli(1_700_000_000_000)
	day := 24 * time.Hour
	for _, tc := range []struct {
		span    time.Duration
		windows int
	}{
		{time.Millisecond, 1},
		{MaxTransactionRange - time.Millisecond, 1},
		{MaxTransactionRange, 2}, // the last millisecond gets a window of its own
		{75 * day, 3},
		{365 * day, 13},
	} {
		r, err := checkRange(from, from.Add(tc.span), 0)
		require.NoError(t, err)
		require.Equal(t, tc.windows, r.windows(), tc.span)
		next := r.from
		for k := range r.windows() {
			w := r.window(k)
			assert.Equal(t, next, w.from, "window %d starts 1 ms after the previous one ends", k)
			assert.LessOrEqual(t, w.from, w.to)
			assert.Less(t, w.to-w.from, maxRangeMs, "a window spans less than 30 days")
			next = w.to + 1
		}
		assert.Equal(t, r.to+1, next, "the last window ends at To")
	}
	err := invalidAs("To", "x", ErrDateInvalid)
	assert.True(t, errors.Is(err, ErrValidation) && errors.Is(err, ErrDateInvalid))
	assert.Equal(t, "omicall: invalid To: x", err.Error())
}

func TestTransactionsAllNilContext(t *testing.T) {
	c, mt := newMockClient(t)
	n := 0
	//nolint:staticcheck // deliberately nil
	for _, err := range c.Transactions.All(nilCtx(), &TransactionListOptions{From: listFrom, To: listTo}) {
		assert.ErrorIs(t, err, ErrValidation)
		n++
	}
	assert.Equal(t, 1, n, "the error is yielded once")
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestTransactionsPagingRefusedBeforeSending(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordAny(t, mt, okPayload(emptyPage))
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, Vietnam)
	for field, o := range map[string]TransactionListOptions{
		"Page": {From: from, To: from.Add(time.Hour), Page: -1},
		"Size": {From: from, To: from.Add(time.Hour), Size: -1},
	} {
		_, err := c.Transactions.List(ctxT(t), &o)
		requireValidation(t, err, field)
		_, err = collect(c.Transactions.All(ctxT(t), &o))
		requireValidation(t, err, field)
	}
	assert.Zero(t, rec.count())
}
