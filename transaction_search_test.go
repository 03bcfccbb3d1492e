package omicall

import (
	"encoding/json"
	"net/http"
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
	rec := recordRoute(t, mt, http.MethodPost, searchV3Path, fixtureResponder(t, "call_transaction_v3_search.json"))
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
	rec := recordRoute(t, mt, http.MethodPost, searchV3Path, okPayload(`{"items":[]}`))
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
			recordRoute(t, mt, http.MethodPost, searchV3Path, tc.answer)
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
			rec := recordRoute(t, mt, http.MethodPost, searchV3Path, tc.answers...)
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
	recordRoute(t, mt, http.MethodPost, searchV3Path,
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

// FuzzDecodeRecords feeds arbitrary bytes to the record decoders of 2026:
// none panics, and every list stays within its bound.
func FuzzDecodeRecords(f *testing.F) {
	f.Add(fixture(f, "call_transaction_record_2026.json"))
	f.Add([]byte(`{"items":[{"transaction_id":"a","user":[{},1,"x"],"tag":["\u00e9",{"name":"n"},3]}],"has_next":"true"}`))
	f.Add([]byte(`[{"a":"]"},"\"",[[]],`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var tx Transaction
		_ = json.Unmarshal(b, &tx)
		if len(tx.Users) > MaxCallUsers || len(tx.TransferHistories) > MaxCallUsers || len(tx.Tags) > MaxTags {
			t.Fatalf("a list over its bound: %d users, %d transfers, %d tags", len(tx.Users), len(tx.TransferHistories), len(tx.Tags))
		}
		var w pageJSON[transactionWire]
		w.bound(MaxSearchSize)
		if json.Unmarshal(b, &w) == nil && w.check(pageAsk{1, MaxSearchSize}) == nil {
			if p := transactionPage(&w); len(p.Items) > MaxSearchSize {
				t.Fatalf("%d items, more than the %d asked for", len(p.Items), MaxSearchSize)
			}
		}
		eachElement(b, 10, func(e []byte) {
			if len(e) == 0 {
				t.Fatal("empty element")
			}
		})
		_ = countValues(b, 100)
	})
}
