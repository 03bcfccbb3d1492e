package omicall

import (
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
