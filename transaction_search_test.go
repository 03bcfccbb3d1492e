package omicall

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// v3From and v3To are the range of request_call_transaction_v3_search.json.
var (
	v3From = time.UnixMilli(1778518800000)
	v3To   = time.UnixMilli(1778605199999)
)

func TestSearchSendsTheV3Request(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, searchPath, fixtureResponder(t, "call_transaction_v3_search.json"))
	yes := true
	p, err := c.Transactions.Search(ctxT(t), &SearchRequest{
		From: v3From, To: v3To,
		Directions: []Direction{DirectionOutbound, DirectionInbound}, SIPUsers: []string{"101"},
		AgentIDs: []string{"ef10de085eec652164353bf5"}, IsAnswer: &yes, Keyword: "0900000123",
		Sort: Sort{Field: "created_date", Asc: false}, Size: 50,
	})
	require.NoError(t, err)
	sent := rec.only(t)
	assert.Equal(t, "1", sent.Query.Get("page"))
	assert.Equal(t, "50", sent.Query.Get("size"))
	assert.Equal(t, testAPIKey, sent.Header.Get("x-api-key"))
	assert.Empty(t, sent.Header.Get("Authorization"), "x-api-key only")
	assert.Zero(t, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"], "no token fetched")
	assert.JSONEq(t, string(fixture(t, "request_call_transaction_v3_search.json")), string(sent.Body))
	require.Len(t, p.Items, 2)
	checkRecord2026(t, &p.Items[0])
	assert.False(t, p.HasNext)
}

func TestSearchDefaultsAndExtraFilter(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, searchPath, okPayload(`{"items":[]}`))
	_, err := c.Transactions.Search(ctxT(t), &SearchRequest{From: v3From, To: v3To,
		ExtraFilter: map[string]any{"tagIds": []string{"t1"}, "fromDate": 1}})
	require.NoError(t, err)
	var body struct {
		Filter map[string]any `json:"filter"`
		Sort   map[string]any `json:"sort"`
	}
	require.NoError(t, json.Unmarshal(rec.only(t).Body, &body))
	assert.Equal(t, map[string]any{"field": "created_date", "isAsc": true}, body.Sort, "oldest first by default")
	assert.Equal(t, []any{"t1"}, body.Filter["tagIds"])
	assert.Equal(t, float64(v3From.UnixMilli()), body.Filter["fromDate"], "a typed field wins")
	assert.NotContains(t, body.Filter, "sipUsers", "no empty filters")
	assert.NotContains(t, body.Filter, "isAnswer")
	assert.Equal(t, "50", rec.only(t).Query.Get("size"), "0 means MaxSearchSize")
}

func TestSearchRefusesBadInputBeforeSending(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordAny(t, mt, okPayload(`{"items":[]}`))
	ok := func() *SearchRequest { return &SearchRequest{From: v3From, To: v3To} }
	for _, tc := range []struct {
		field string
		edit  func(*SearchRequest)
	}{
		{"Size", func(r *SearchRequest) { r.Size = 51 }},
		{"Size", func(r *SearchRequest) { r.Size = -1 }},
		{"Page", func(r *SearchRequest) { r.Page = -1 }},
		{"From", func(r *SearchRequest) { r.From = time.Time{} }},
		{"To", func(r *SearchRequest) { r.To = time.Time{} }},
		{"To", func(r *SearchRequest) { r.To = r.From }},
		{"To", func(r *SearchRequest) { r.From, r.To = r.To, r.From }},
		{"SIPUsers[0]", func(r *SearchRequest) { r.SIPUsers = []string{""} }},
		{"AgentIDs[1]", func(r *SearchRequest) { r.AgentIDs = []string{"a", ""} }},
		{"PhoneNumbers[0]", func(r *SearchRequest) { r.PhoneNumbers = []string{""} }},
		{"TransactionIDs[0]", func(r *SearchRequest) { r.TransactionIDs = []string{""} }},
		{"Directions[0]", func(r *SearchRequest) { r.Directions = []Direction{""} }},
	} {
		req := ok()
		tc.edit(req)
		_, err := c.Transactions.Search(ctxT(t), req)
		requireValidation(t, err, tc.field)
		_, err = collect(c.Transactions.SearchAll(ctxT(t), req))
		requireValidation(t, err, tc.field)
	}
	_, err := c.Transactions.Search(ctxT(t), nil)
	requireValidation(t, err, "req")
	assert.Zero(t, rec.count(), "nothing sent")

	tokOnly, err := NewClient("", WithAccessToken("tok"), WithBaseURL(mockBase))
	require.NoError(t, err)
	_, err = tokOnly.Transactions.Search(ctxT(t), ok())
	require.ErrorIs(t, err, ErrValidation, "v3 needs the API key")
}

// TestSearchAgainstLyingServers: whatever a server answers, Search returns
// records or an error, never empty records.
func TestSearchAgainstLyingServers(t *testing.T) {
	rec1 := `{"transaction_id":"a","created_date":1778552191345}`
	for _, tc := range []struct {
		name    string
		answer  httpmock.Responder
		items   int
		hasNext bool
		err     error
	}{
		{"numbers as items", okPayload(`{"items":[1,2,3],"has_next":false}`), 0, false, ErrMalformedResponse},
		{"strings as items", okPayload(`{"items":["` + strings.Repeat("x", 10) + `"]}`), 0, false, ErrMalformedResponse},
		{"an object then null", okPayload(`{"items":[` + rec1 + `,null]}`), 0, false, ErrMalformedResponse},
		{"nested arrays", okPayload(`{"items":[[` + rec1 + `]]}`), 0, false, ErrMalformedResponse},
		{"items an object", okPayload(`{"items":{"a":` + rec1 + `}}`), 0, false, ErrMalformedResponse},
		{"items a string", okPayload(`{"items":"[]"}`), 0, false, ErrMalformedResponse},
		{"objects without id", okPayload(`{"items":[{},{"bill_sec":5}]}`), 0, false, ErrMalformedResponse},
		{"HTTP 204", httpmock.NewBytesResponder(http.StatusNoContent, nil), 0, false, nil},
		{"items null", okPayload(`{"items":null}`), 0, false, nil},
		{"no payload", httpmock.NewStringResponder(200, `{"status_code":9999}`), 0, false, nil},
		{"camelCase paging", okPayload(`{"items":[` + rec1 + `],"pageNumber":1,"pageSize":1,"hasNext":true}`), 1, true, nil},
		{"no paging keys, full page", okPayload(`{"items":[` + rec1 + `]}`), 1, true, nil},
		{"has_next but short", okPayload(`{"items":[` + rec1 + `],"has_next":true}`), 1, false, nil},
		{"has_next as a string", okPayload(`{"items":[` + rec1 + `],"has_next":"false"}`), 1, false, nil},
		{"an HTML page", httpmock.NewStringResponder(200, `<html>gateway</html>`), 0, false, ErrMalformedResponse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			recordRoute(t, mt, http.MethodPost, searchPath, tc.answer)
			size := 1
			if tc.name == "has_next but short" {
				size = 2
			}
			p, err := c.Transactions.Search(ctxT(t), &SearchRequest{From: v3From, To: v3To, Size: size})
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				var de *DecodeError
				require.ErrorAs(t, err, &de)
				assert.Nil(t, p)
				return
			}
			require.NoError(t, err)
			assert.Len(t, p.Items, tc.items)
			assert.Equal(t, tc.hasNext, p.HasNext)
		})
	}
}

func TestSearchAllStopsAsTheServerSays(t *testing.T) {
	page := func(n, items int, extra string) string {
		recs := make([]string, items)
		for i := range recs {
			recs[i] = `{"transaction_id":"p` + strconv.Itoa(n) + `-` + strconv.Itoa(i) + `"}`
		}
		return `{"items":[` + strings.Join(recs, ",") + `]` + extra + `}`
	}
	for _, tc := range []struct {
		name    string
		answers []httpmock.Responder
		want    int // records
		reqs    int
		err     error
	}{
		{"has_next false", []httpmock.Responder{okPayload(page(1, 2, `,"has_next":true`)), okPayload(page(2, 2, `,"has_next":false`))}, 4, 2, nil},
		{"short page", []httpmock.Responder{okPayload(page(1, 2, "")), okPayload(page(2, 1, ""))}, 3, 2, nil},
		{"full pages then 204", []httpmock.Responder{okPayload(page(1, 2, "")), okPayload(page(2, 2, "")), httpmock.NewBytesResponder(204, nil)}, 4, 3, nil},
		{"a repeated page", []httpmock.Responder{okPayload(page(1, 2, `,"has_next":true`)), okPayload(page(1, 2, `,"has_next":true`))}, 2, 2, ErrMalformedResponse},
		{"another page than asked", []httpmock.Responder{okPayload(page(1, 2, `,"page_number":1,"has_next":true`)), okPayload(page(2, 2, `,"page_number":1,"has_next":true`))}, 2, 2, ErrMalformedResponse},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			rec := recordRoute(t, mt, http.MethodPost, searchPath, tc.answers...)
			got, err := collect(c.Transactions.SearchAll(ctxT(t), &SearchRequest{From: v3From, To: v3To, Size: 2}))
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err, "a server that contradicts its paging ends the walk with an error")
			} else {
				require.NoError(t, err)
			}
			assert.Len(t, got, tc.want)
			assert.Equal(t, tc.reqs, rec.count())
			for i, r := range rec.all() {
				assert.Equal(t, strconv.Itoa(i+1), r.Query.Get("page"))
			}
		})
	}
}

func TestSearchAllYieldsABadPageOnce(t *testing.T) {
	c, mt := newMockClient(t)
	recordRoute(t, mt, http.MethodPost, searchPath,
		okPayload(`{"items":[{"transaction_id":"a"}],"has_next":true}`), okPayload(`{"items":[7]}`))
	var errs int
	n := 0
	for _, err := range c.Transactions.SearchAll(ctxT(t), &SearchRequest{From: v3From, To: v3To, Size: 1}) {
		if err != nil {
			errs++
			require.ErrorIs(t, err, ErrMalformedResponse)
			continue
		}
		n++
	}
	assert.Equal(t, 1, n)
	assert.Equal(t, 1, errs)
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
