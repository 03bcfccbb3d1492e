package simulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// histEnd is the end of the seeded history in these tests.
var histEnd = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// histAnswer is a decoded answer of the simulator.
type histAnswer struct {
	HTTP       int
	StatusCode int             `json:"status_code"`
	Message    string          `json:"message"`
	Payload    json.RawMessage `json:"payload"`
}

// histCall sends one request to s with a fresh token (or the API key when
// apiKey is set) and decodes the envelope.
func histCall(t *testing.T, s *Server, method, target string, body any, apiKey bool) histAnswer {
	t.Helper()
	var b []byte
	if body != nil {
		var err error
		b, err = json.Marshal(body)
		require.NoError(t, err)
	}
	h := bearer(s.issueToken())
	if apiKey {
		h = map[string]string{"x-api-key": s.APIKey()}
	}
	status, _, raw := roundTrip(t, s, "", method, target, b, h)
	a := histAnswer{HTTP: status}
	require.NoError(t, json.Unmarshal(raw, &a), string(raw))
	return a
}

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

func TestHistorySeedIsFastOrderedAndDeterministic(t *testing.T) {
	start, cpu := time.Now(), cpuNow()
	s := New(WithHistory(100_000, 365*24*time.Hour, histEnd), WithSeed(7))
	elapsed := cpuNow() - cpu // CPU time: the bound holds on a busy machine
	t.Logf("seeding 100,000 calls took %v of CPU (%v wall)", elapsed, time.Since(start))
	limit := time.Second
	if raceEnabled {
		limit = 5 * time.Second // the race detector slows allocation-heavy code several times
	}
	assert.Less(t, elapsed, limit)

	recs := s.history.recs
	require.Len(t, recs, 100_000)
	lo, hi := histEnd.Add(-365*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	dirs := map[string]int{}
	for i, r := range recs {
		require.GreaterOrEqual(t, r.CreatedDate, lo)
		require.Less(t, r.CreatedDate, hi)
		if i > 0 {
			require.GreaterOrEqual(t, r.CreatedDate, recs[i-1].CreatedDate)
		}
		dirs[r.Direction]++
	}
	for _, d := range []string{"inbound", "outbound", "local"} {
		assert.Greater(t, dirs[d], 5_000, d)
	}

	a := New(WithHistory(1000, 24*time.Hour, histEnd), WithSeed(7))
	b := New(WithHistory(1000, 24*time.Hour, histEnd), WithSeed(7))
	c := New(WithHistory(1000, 24*time.Hour, histEnd), WithSeed(8))
	for i := range a.history.recs {
		require.Equal(t, *a.history.recs[i], *b.history.recs[i], "same seed, same history")
	}
	assert.NotEqual(t, a.history.recs[0].TransactionID, c.history.recs[0].TransactionID)
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

func TestHistoryDetailChangeAndEvaluation(t *testing.T) {
	s := New(WithHistory(20, 24*time.Hour, histEnd))
	id := s.history.recs[3].TransactionID

	a := histCall(t, s, "GET", "/api/call_transaction/detail/nope", nil, false)
	assert.Equal(t, http.StatusNotFound, a.HTTP)
	assert.Equal(t, "not_found", a.Message)
	a = histCall(t, s, "POST", "/api/call_transaction/change/nope", map[string]any{"note": "x"}, false)
	assert.Equal(t, http.StatusNotFound, a.HTTP)

	a = histCall(t, s, "POST", "/api/call_transaction/change/"+id, map[string]any{"tag": []string{"a", "b"}, "note": "hi"}, false)
	require.Equal(t, 9999, a.StatusCode)
	a = histCall(t, s, "GET", "/api/call_transaction/detail/"+id, nil, false)
	var rec callRecord
	require.NoError(t, json.Unmarshal(a.Payload, &rec))
	assert.Equal(t, []string{"a", "b"}, rec.Tag)
	require.NotNil(t, rec.Note)
	assert.Equal(t, "hi", *rec.Note)
	assert.Equal(t, []nameObj{{"a"}, {"b"}}, rec.User[0].Tag)

	a = histCall(t, s, "POST", "/api/call_transaction/add_evaluation/"+id, map[string]any{"user_uuid": "101"}, false)
	assert.Equal(t, "data_is_required", a.Message)
	a = histCall(t, s, "POST", "/api/call_transaction/add_evaluation/"+id,
		map[string]any{"user_uuid": "101", "evaluation": map[string]any{"64a000000000000000000001": 8}}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	require.NoError(t, json.Unmarshal(a.Payload, &rec))
	require.Len(t, rec.Evaluations, 1)
	assert.Equal(t, 1, rec.TotalEvaluate.Count)

	a = histCall(t, s, "GET", "/api/evaluation_criteria/call/list", nil, false)
	var crit []criterion
	require.NoError(t, json.Unmarshal(a.Payload, &crit))
	assert.Len(t, crit, 3)
}

func TestHistoryReportAddsUp(t *testing.T) {
	s := New(WithHistory(1000, 10*24*time.Hour, histEnd))
	from, to := histEnd.Add(-10*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	a := histCall(t, s, "GET", "/api/call_transaction/report?"+url.Values{
		"from_date": {strconv.FormatInt(from, 10)}, "to_date": {strconv.FormatInt(to, 10)}}.Encode(), nil, false)
	var rep report
	require.NoError(t, json.Unmarshal(a.Payload, &rep))
	byDir := rep.ByDirection[0].TotalCount + rep.ByDirection[1].TotalCount
	byDisp := rep.ByDisposition[0].TotalCount + rep.ByDisposition[1].TotalCount
	assert.Equal(t, byDir, byDisp)
	assert.Equal(t, 1000, byDir+rep.Local.TotalCall)
	assert.Equal(t, rep.ByDirection[0].TotalCount, rep.ByDisposition[0].TotalInbound+rep.ByDisposition[1].TotalInbound)
	assert.Positive(t, rep.ByDirection[1].TotalTime)

	a = histCall(t, s, "GET", "/api/call_transaction/report?to_date=1", nil, false)
	assert.Equal(t, "from_date_is_required", a.Message)
}

func TestHistorySearch(t *testing.T) {
	s := New(WithHistory(1000, 10*24*time.Hour, histEnd))
	from, to := histEnd.Add(-10*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	body := map[string]any{"user_uuids": []string{historyAgentUUID("102")}, "from_date": from, "to_date": to,
		"direction": []string{"outbound"}}

	req := httptest.NewRequest("POST", "/api/call_transaction/search", bytes.NewReader([]byte(`{}`)))
	req.Header.Set("Authorization", "Bearer "+s.issueToken())
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, req)
	assert.Equal(t, http.StatusUnauthorized, w.Code, "search takes the API key, not the token")

	a := histCall(t, s, "POST", "/api/call_transaction/search", map[string]any{"from_date": from, "to_date": to}, true)
	assert.Equal(t, "user_uuids_is_required", a.Message)

	a = histCall(t, s, "POST", "/api/call_transaction/search?page=1&size=500", body, true)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var p struct {
		Items []searchRecord `json:"items"`
		Size  int            `json:"pageSize"`
		Total int            `json:"totalItems"`
		Next  bool           `json:"hasNext"`
	}
	require.NoError(t, json.Unmarshal(a.Payload, &p))
	assert.Equal(t, 50, p.Size, "size is capped at 50")
	assert.Positive(t, p.Total)
	for _, it := range p.Items {
		assert.Equal(t, "outbound", it.Direction)
		assert.Equal(t, "102", it.CreateBy.Extension)
		assert.Equal(t, "agent", it.CreateBy.Type)
		assert.Equal(t, it.TimeStartToAnswer*1000, it.MsTimeStartToAnswer)
	}
}

func TestAutoCalls(t *testing.T) {
	now := histEnd
	s := New(WithHistory(0, 0, histEnd), WithClock(func() time.Time { return now }))
	before := len(s.history.recs)
	a := histCall(t, s, "POST", "/api/auto_call/execute_by_phone", map[string]any{
		"phone_number_list":  []string{"0900000001", "0900000002"},
		"name":               "Campaign",
		"template_dialplans": []map[string]string{{"target_type": "Text_variable"}, {"target_type": "Recording", "target": "rec-1"}},
		"variables":          []string{"Xin chào"},
	}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var res struct {
		ID   string   `json:"autocall_id"`
		Name string   `json:"name"`
		IDs  []string `json:"autocall_uuids"`
	}
	require.NoError(t, json.Unmarshal(a.Payload, &res))
	assert.NotEmpty(t, res.ID)
	assert.Equal(t, "Campaign", res.Name)

	a = histCall(t, s, "POST", "/api/auto_call/execute_by_extension", map[string]any{
		"cid": "842899990001", "extensions": []string{"101"},
		"template_dialplans": []map[string]string{{"target_type": "Ivr_menu", "target": "ivr-1"}}, "variables": []string{},
	}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	require.NoError(t, json.Unmarshal(a.Payload, &res))
	require.Len(t, res.IDs, 1)
	assert.Len(t, res.ID, 24)
	s.WaitCalls()
	s.mu.Lock()
	assert.Len(t, s.history.recs, before+3)
	assert.True(t, s.history.byID[res.IDs[0]].IsAutoCall)
	s.mu.Unlock()

	long := make([]byte, 301)
	for i := range long {
		long[i] = 'a'
	}
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"no phones", map[string]any{"template_dialplans": []map[string]string{{"target_type": "Text_variable"}}, "variables": []string{"x"}}, "data_is_required"},
		{"session tts", map[string]any{"phone_number_list": []string{"0900000001"},
			"template_dialplans": []map[string]string{{"target_type": "Text_variable"}}, "variables": []string{string(long)}}, "limit_word_session"},
		{"bad cid", map[string]any{"phone_number_list": []string{"0900000001"}, "cid": "123",
			"template_dialplans": []map[string]string{{"target_type": "Recording", "target": "r"}}}, "number_call_out_invalid"},
	}
	for _, c := range cases {
		a := histCall(t, s, "POST", "/api/auto_call/execute_by_phone", c.body, false)
		assert.Equal(t, c.code, a.Message, c.name)
	}

	// 3,000 characters a day: ten sessions of 300 pass, the eleventh does not.
	s.WaitCalls() // the calls read the clock
	now = now.Add(24 * time.Hour)
	chunk := string(long[:300])
	body := map[string]any{"phone_number_list": []string{"0900000001"},
		"template_dialplans": []map[string]string{{"target_type": "Text_variable"}}, "variables": []string{chunk}}
	for range 10 {
		require.Equal(t, 9999, histCall(t, s, "POST", "/api/auto_call/execute_by_phone", body, false).StatusCode)
	}
	assert.Equal(t, "limit_word", histCall(t, s, "POST", "/api/auto_call/execute_by_phone", body, false).Message)
	s.WaitCalls() // the calls read the clock
	now = now.Add(24 * time.Hour)
	assert.Equal(t, 9999, histCall(t, s, "POST", "/api/auto_call/execute_by_phone", body, false).StatusCode, "a new day")
	s.WaitCalls()

	trial := defaultTenant()
	trial.ServicePackage = map[string]any{"code_name": "trial"}
	ts := New(WithTenant(trial))
	assert.Equal(t, "limit_service", histCall(t, ts, "POST", "/api/auto_call/execute_by_phone", body, false).Message)
}

func TestAddCallAndCallIDs(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	at := histEnd.Add(-time.Hour)
	a := s.AddCall(at)
	b := s.AddCall(at.Add(time.Millisecond))
	assert.Equal(t, []string{a}, s.CallIDs(at, at))
	assert.Equal(t, []string{a, b}, s.CallIDs(at, at.Add(time.Millisecond)))
	assert.Empty(t, s.CallIDs(at.Add(-time.Hour), at.Add(-time.Millisecond)))
}
