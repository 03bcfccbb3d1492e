package simulator

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// listQuery is the query of a list call over [from, to] (ms) plus extra.
func listQuery(from, to int64, extra url.Values) string {
	q := url.Values{"from_date": {strconv.FormatInt(from, 10)}, "to_date": {strconv.FormatInt(to, 10)}}
	for k, v := range extra {
		q[k] = v
	}
	return "/api/call_transaction/list?" + q.Encode()
}

type histPage struct {
	Items []struct {
		TransactionID string   `json:"transaction_id"`
		Direction     string   `json:"direction"`
		Disposition   string   `json:"disposition"`
		SIPUser       string   `json:"sip_user"`
		Hotline       string   `json:"hotline"`
		IsAutoCall    bool     `json:"is_auto_call"`
		CreatedDate   int64    `json:"created_date"`
		Tag           []string `json:"tag"`
		Note          *string  `json:"note"`
	} `json:"items"`
	PageNumber int  `json:"page_number"`
	PageSize   int  `json:"page_size"`
	TotalItems int  `json:"total_items"`
	TotalPages int  `json:"total_pages"`
	HasNext    bool `json:"has_next"`
}

func decodePage(t *testing.T, a histAnswer) histPage {
	t.Helper()
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var p histPage
	require.NoError(t, json.Unmarshal(a.Payload, &p))
	return p
}

func TestHistoryListDateErrors(t *testing.T) {
	s := New(WithHistory(100, 60*24*time.Hour, histEnd))
	to := histEnd.UnixMilli()
	cases := []struct {
		name, target, code string
	}{
		{"no from", "/api/call_transaction/list?to_date=" + strconv.FormatInt(to, 10), "from_date_is_required"},
		{"no to", "/api/call_transaction/list?from_date=" + strconv.FormatInt(to, 10), "to_date_is_required"},
		{"not a number", "/api/call_transaction/list?from_date=yesterday&to_date=" + strconv.FormatInt(to, 10), "date_invalid"},
		{"inverted", listQuery(to, to-1, nil), "date_invalid"},
		{"30 days and 1 ms", listQuery(to-maxHistoryRangeMs-1, to, nil), "date_is_too_long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := histCall(t, s, "GET", c.target, nil, false)
			assert.Equal(t, -9999, a.StatusCode)
			assert.Equal(t, c.code, a.Message)
		})
	}
	a := histCall(t, s, "GET", listQuery(to-maxHistoryRangeMs, to, nil), nil, false)
	assert.Equal(t, 9999, a.StatusCode, "exactly 30 days is allowed")
}

func TestHistoryListPagingAndInclusiveBounds(t *testing.T) {
	s := New(WithHistory(400, 20*24*time.Hour, histEnd))
	from, to := histEnd.Add(-20*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	p := decodePage(t, histCall(t, s, "GET", listQuery(from, to, nil), nil, false))
	assert.Len(t, p.Items, 50, "default size")
	assert.Equal(t, 50, p.PageSize)
	assert.Equal(t, 400, p.TotalItems)
	assert.Equal(t, 8, p.TotalPages)
	assert.True(t, p.HasNext)

	last := decodePage(t, histCall(t, s, "GET", listQuery(from, to, url.Values{"page": {"8"}}), nil, false))
	assert.Len(t, last.Items, 50)
	assert.False(t, last.HasNext)
	past := decodePage(t, histCall(t, s, "GET", listQuery(from, to, url.Values{"page": {"9"}}), nil, false))
	assert.Empty(t, past.Items)

	rec := s.history.recs[123]
	at := rec.CreatedDate
	one := decodePage(t, histCall(t, s, "GET", listQuery(at, at, nil), nil, false))
	require.NotEmpty(t, one.Items, "from_date and to_date are both inclusive")
	assert.Contains(t, []string{one.Items[0].TransactionID, one.Items[len(one.Items)-1].TransactionID}, rec.TransactionID)
	before := decodePage(t, histCall(t, s, "GET", listQuery(at-10_000, at-1, nil), nil, false))
	for _, it := range before.Items {
		assert.Less(t, it.CreatedDate, at)
	}
}

func TestHistoryListHugePageIsRefused(t *testing.T) {
	s := New(WithHistory(100, 20*24*time.Hour, histEnd))
	from, to := histEnd.Add(-20*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	for _, extra := range []url.Values{
		{"page": {"9223372036854775807"}},
		{"page": {"9223372036854775807"}, "keyword": {"x"}},
		{"page": {"184467440737095517"}, "size": {"100"}},
	} {
		a := histCall(t, s, "GET", listQuery(from, to, extra), nil, false)
		assert.Equal(t, http.StatusBadRequest, a.HTTP, extra)
		assert.Equal(t, "page_invalid", a.Message)
	}
	a := histCall(t, s, "POST", "/api/call_transaction/search?page=9223372036854775807",
		map[string]any{"user_uuids": []string{"user-100"}, "from_date": from, "to_date": to}, true)
	assert.Equal(t, "page_invalid", a.Message)
}

func TestHistoryListRateLimit(t *testing.T) {
	now := histEnd
	s := New(WithHistory(100, 20*24*time.Hour, histEnd), WithClock(func() time.Time { return now }))
	from, to := histEnd.Add(-20*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	list := func() histAnswer { return histCall(t, s, "GET", listQuery(from, to, nil), nil, false) }
	for range 3 {
		assert.Equal(t, 9999, list().StatusCode, "no limit by default")
	}

	s.SetHistoryRateLimit(2)
	assert.Equal(t, 9999, list().StatusCode)
	now = now.Add(10 * time.Minute)
	assert.Equal(t, 9999, list().StatusCode)
	for range 2 {
		a := list()
		assert.Equal(t, http.StatusOK, a.HTTP)
		assert.Equal(t, -9999, a.StatusCode)
		assert.Equal(t, "limit_request_30_minute", a.Message)
	}
	bad := histCall(t, s, "GET", "/api/call_transaction/list?to_date=1", nil, false)
	assert.Equal(t, "from_date_is_required", bad.Message, "a malformed request is refused for what it is")

	now = now.Add(20 * time.Minute) // the first request leaves the window
	assert.Equal(t, 9999, list().StatusCode)
	assert.Equal(t, "limit_request_30_minute", list().Message)
	assert.Equal(t, 9999, histCall(t, s, "GET", "/api/call_transaction/detail/"+s.history.recs[0].TransactionID, nil, false).StatusCode,
		"only the list is limited")

	s.SetHistoryRateLimit(0)
	assert.Equal(t, 9999, list().StatusCode)
}

func TestHistoryListFilters(t *testing.T) {
	s := New(WithHistory(2000, 30*24*time.Hour, histEnd))
	from, to := histEnd.Add(-30*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	all := decodePage(t, histCall(t, s, "GET", listQuery(from, to, nil), nil, false)).TotalItems
	require.Equal(t, 2000, all)
	count := func(extra url.Values) (int, histPage) {
		extra.Set("size", "200")
		p := decodePage(t, histCall(t, s, "GET", listQuery(from, to, extra), nil, false))
		return p.TotalItems, p
	}
	n, p := count(url.Values{"direction": {"inbound", "local"}})
	assert.True(t, n > 0 && n < all)
	for _, it := range p.Items {
		assert.Contains(t, []string{"inbound", "local"}, it.Direction)
	}
	nIn, _ := count(url.Values{"direction": {"inbound"}})
	nLocal, _ := count(url.Values{"direction": {"local"}})
	nOut, _ := count(url.Values{"direction": {"outbound"}})
	assert.Equal(t, n, nIn+nLocal)
	assert.Equal(t, all, nIn+nLocal+nOut)

	nAns, p := count(url.Values{"disposition": {"answered"}})
	nCan, _ := count(url.Values{"disposition": {"cancelled"}})
	assert.Equal(t, all, nAns+nCan)
	for _, it := range p.Items {
		assert.Equal(t, "answered", it.Disposition)
	}

	n, p = count(url.Values{"sip_user": {"101"}})
	assert.True(t, n > 0 && n < all)
	for _, it := range p.Items {
		assert.Equal(t, "101", it.SIPUser)
	}
	nAgent, _ := count(url.Values{"agents": {historyAgentEmail("101")}})
	nUUID, _ := count(url.Values{"user_uuids": {historyAgentUUID("101")}})
	assert.Equal(t, n, nAgent)
	assert.Equal(t, n, nUUID)

	n, p = count(url.Values{"is_auto_call": {"true"}})
	nNot, _ := count(url.Values{"is_auto_call": {"false"}})
	assert.Equal(t, all, n+nNot)
	for _, it := range p.Items {
		assert.True(t, it.IsAutoCall)
	}

	n, _ = count(url.Values{"queue_destination": {"8001", "8002", "8003"}})
	assert.Equal(t, nIn, n, "every inbound call went through a queue")
	n, p = count(url.Values{"sip_numbers": {"842899990002"}})
	assert.True(t, n > 0 && n < all)
	for _, it := range p.Items {
		assert.Equal(t, "842899990002", it.Hotline)
	}
	n, _ = count(url.Values{"keyword": {"chốt đơn"}})
	assert.Greater(t, n, 0)

	a := histCall(t, s, "GET", listQuery(from, to, url.Values{"is_auto_call": {"maybe"}}), nil, false)
	assert.Equal(t, http.StatusBadRequest, a.HTTP)
}
