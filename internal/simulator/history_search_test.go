package simulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestV3Search(t *testing.T) {
	s := New(WithHistory(300, 10*24*time.Hour, histEnd))
	from, to := histEnd.Add(-10*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	search := func(query string, body map[string]any) histAnswer {
		return histCall(t, s, "POST", "/api/v3/call-transaction/search"+query, body, true)
	}
	type v3Page struct {
		Items []record2026 `json:"items"`
		Size  int          `json:"page_size"`
		Total int          `json:"total_items"`
	}
	page := func(a histAnswer) v3Page {
		require.Equal(t, 9999, a.StatusCode, a.Message)
		var p v3Page
		require.NoError(t, json.Unmarshal(a.Payload, &p))
		return p
	}
	filter := map[string]any{"fromDate": from, "toDate": to}
	desc := page(search("?size=5", map[string]any{"filter": filter}))
	assert.Equal(t, 300, desc.Total)
	require.Len(t, desc.Items, 5)
	assert.Equal(t, s.history.recs[299].TransactionID, desc.Items[0].TransactionID, "newest first by default")
	asc := page(search("?size=5", map[string]any{"filter": filter, "sort": map[string]any{"field": "created_date", "isAsc": true}}))
	assert.Equal(t, s.history.recs[0].TransactionID, asc.Items[0].TransactionID)

	inbound := page(search("?size=50", map[string]any{"filter": map[string]any{"fromDate": from, "toDate": to, "directions": []string{"inbound"}}}))
	assert.True(t, inbound.Total > 0 && inbound.Total < 300)
	for _, it := range inbound.Items {
		assert.Equal(t, "inbound", it.Direction)
	}

	assert.Equal(t, "size_invalid", search("?size=51", map[string]any{"filter": filter}).Message)
	assert.Equal(t, "sort_invalid", search("", map[string]any{"filter": filter, "sort": map[string]any{"field": "duration"}}).Message)
	assert.Equal(t, "from_date_is_required", search("", map[string]any{"filter": map[string]any{"toDate": to}}).Message)

	body, _ := json.Marshal(map[string]any{"filter": filter})
	status, _, raw := roundTrip(t, s, "", "POST", "/api/v3/call-transaction/search?page=99", body, map[string]string{"x-api-key": s.APIKey()})
	assert.Equal(t, http.StatusNoContent, status, "an empty page is 204")
	assert.Empty(t, raw)
}

func TestV2SearchIsFrozen(t *testing.T) {
	freeze := time.UnixMilli(v2FreezeMs)
	s := New(WithHistory(200, 20*24*time.Hour, freeze.Add(10*24*time.Hour)))
	from, to := freeze.Add(-10*24*time.Hour).UnixMilli(), freeze.Add(10*24*time.Hour).UnixMilli()
	a := histCall(t, s, "POST", "/api/v2/callTransaction/search?size=200", map[string]any{"fromDate": from, "toDate": to}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var p struct {
		Items []record2026 `json:"items"`
		Size  int          `json:"pageSize"`
		Total int          `json:"totalItems"`
	}
	require.NoError(t, json.Unmarshal(a.Payload, &p))
	assert.Equal(t, maxV3PageSize, p.Size, "camelCase paging, size capped")
	assert.Equal(t, len(s.CallIDs(time.UnixMilli(from), freeze.Add(-time.Millisecond))), p.Total, "only the calls before the freeze")
	for _, it := range p.Items {
		assert.Less(t, it.CreatedDate, v2FreezeMs)
	}
	a = histCall(t, s, "POST", "/api/v2/callTransaction/search", map[string]any{"fromDate": v2FreezeMs, "toDate": to}, false)
	require.NoError(t, json.Unmarshal(a.Payload, &p))
	assert.Zero(t, p.Total, "nothing after the freeze")
}
