package omicall_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// TestSimSearchAll75Days: a 75-day SearchAll on the simulator gives every
// record of the range once, oldest first, in 50-record pages.
func TestSimSearchAll75Days(t *testing.T) {
	end := time.Date(2026, 11, 30, 0, 0, 0, 0, omicall.Vietnam)
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(1200, 100*24*time.Hour, end)})
	from, to := end.Add(-75*24*time.Hour), end.Add(-time.Millisecond)
	want := sim.CallIDs(from, to)
	require.Greater(t, len(want), 800)
	var got []string
	last := time.Time{}
	for tx, err := range c.Transactions.SearchAll(ctxT(t), &omicall.SearchRequest{From: from, To: to}) {
		require.NoError(t, err)
		got = append(got, tx.TransactionID)
		require.False(t, tx.CreatedDate.Before(last), "in order")
		last = tx.CreatedDate.Time
		require.False(t, tx.TimeStartCall.IsZero(), "2026 record")
	}
	assert.Equal(t, want, got, "every record once, in order")
	assert.Equal(t, (len(want)+49)/50, sim.Requests("POST /api/v3/call-transaction/search"))
	assert.Zero(t, sim.Requests("GET /api/auth"), "x-api-key only")

	desc, err := c.Transactions.Search(ctxT(t), &omicall.SearchRequest{From: from, To: to, Size: 10, Sort: omicall.Sort{Field: "created_date"}})
	require.NoError(t, err)
	assert.Equal(t, want[len(want)-1], desc.Items[0].TransactionID, "newest first")
	assert.True(t, desc.HasNext)
	assert.Equal(t, len(want), desc.TotalItems)
}

func TestSimSearchFiltersAndEmptyPage(t *testing.T) {
	end := time.Date(2026, 11, 30, 0, 0, 0, 0, omicall.Vietnam)
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(300, 30*24*time.Hour, end)})
	from, to := end.Add(-30*24*time.Hour), end
	no := false
	p, err := c.Transactions.Search(ctxT(t), &omicall.SearchRequest{From: from, To: to, SIPUsers: []string{"101"}, IsAnswer: &no,
		Directions: []omicall.Direction{omicall.DirectionOutbound}})
	require.NoError(t, err)
	require.NotEmpty(t, p.Items)
	for _, tx := range p.Items {
		assert.Equal(t, "101", tx.SIPUser)
		assert.Equal(t, omicall.DispositionCancelled, tx.Disposition)
		assert.True(t, tx.TimeAnswerStart.IsZero(), "unanswered: null")
		assert.Empty(t, tx.RecordingURL())
	}
	yes := true
	p, err = c.Transactions.Search(ctxT(t), &omicall.SearchRequest{From: from, To: to, IsAnswer: &yes, Size: 1})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	assert.Contains(t, p.Items[0].RecordingURL(), ".mp3", "recording_file before recording_file_url")
	assert.NotEmpty(t, p.Items[0].RecordingFileURL)
	assert.False(t, p.Items[0].TimeAnswerStart.IsZero())

	p, err = c.Transactions.Search(ctxT(t), &omicall.SearchRequest{From: from, To: to, PhoneNumbers: []string{"0000000000"}})
	require.NoError(t, err, "HTTP 204 is an empty page")
	assert.Empty(t, p.Items)
	assert.False(t, p.HasNext)
}

// TestSimV3SearchRefusesABearerToken: the simulator, like the real host,
// serves the v3 search with x-api-key only; Client.Do on a /api/v3/ path
// sends the key without being told.
func TestSimV3SearchRefusesABearerToken(t *testing.T) {
	c, srv := newSimClient(t, nil)
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	body := map[string]any{"filter": map[string]any{"fromDate": time.Now().Add(-time.Hour).UnixMilli(), "toDate": time.Now().UnixMilli()}}
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequestWithContext(ctxT(t), http.MethodPost, srv.URL()+"/api/v3/call-transaction/search", bytes.NewReader(raw))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "a bearer token is refused by the v3 search")
	require.NoError(t, c.Do(ctxT(t), http.MethodPost, "/api/v3/call-transaction/search", nil, body, nil), "Do sends x-api-key on a /api/v3/ path")
}

// TestSimV2SearchIsFrozen: the v2 search, reached through Do, serves
// nothing created after 01/04/2026.
func TestSimV2SearchIsFrozen(t *testing.T) {
	end := time.Date(2026, 6, 1, 0, 0, 0, 0, omicall.Vietnam)
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(200, 120*24*time.Hour, end)})
	from := end.Add(-120 * 24 * time.Hour)
	freeze := time.Date(2026, 4, 1, 0, 0, 0, 0, omicall.Vietnam)
	var page omicall.Page[omicall.Transaction]
	err := c.Do(ctxT(t), http.MethodPost, "/api/v2/callTransaction/search", nil,
		map[string]any{"fromDate": from.UnixMilli(), "toDate": end.UnixMilli()}, &page, omicall.WithRetryPOST())
	require.NoError(t, err)
	assert.Equal(t, len(sim.CallIDs(from, freeze.Add(-time.Millisecond))), page.TotalItems)
	for _, tx := range page.Items {
		assert.True(t, tx.CreatedDate.Before(freeze))
	}
}

// TestSimAnswersThe2026Codes: the simulator can answer every code of
// docs/api.md §18.5, in an envelope with status_code -9999 or 401; the client
// turns each into an *APIError carrying it.
func TestSimAnswersThe2026Codes(t *testing.T) {
	c, sim := newSimClient(t, nil)
	for _, code := range []string{"rate_limit_exceeded", "resource_not_found", "source_contact_not_exists", "permission_denied",
		"tenant_disabled", "individual_package_expired", "service_package_customer_limit", "user_busy", "do_not_call",
		"invalid_phone_number", "auth_invalid"} {
		sim.InjectFault(omicalltest.Fault{Route: "POST /api/v3/call-transaction/search", Code: code})
		_, err := c.Transactions.Search(ctxT(t), &omicall.SearchRequest{From: time.Now().Add(-time.Hour), To: time.Now()})
		var apiErr *omicall.APIError
		require.True(t, errors.As(err, &apiErr), code)
		assert.Equal(t, code, apiErr.Code)
		assert.Equal(t, -9999, apiErr.StatusCode)
		assert.Equal(t, http.StatusOK, apiErr.HTTPStatus)
	}
	sim.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Code: "token_expired", StatusCode: 401, Times: 5})
	_, err := c.Tenant.Get(ctxT(t))
	var apiErr *omicall.APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 401, apiErr.StatusCode)
	require.ErrorIs(t, err, omicall.ErrUnauthorized)
}

// TestSimSyncUnderTheRateLimit: a sync of the v3 search under the
// simulator's rate limit finishes with every call, waiting out each
// rate_limit_exceeded for the Retry-After the answer names.
func TestSimSyncUnderTheRateLimit(t *testing.T) {
	end := time.Now().Add(-time.Hour).Truncate(time.Second)
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(160, 24*time.Hour, end)},
		omicall.WithRetry(3, 10*time.Millisecond, 50*time.Millisecond))
	sim.SetHistoryRateLimitWindow(2, time.Second) // 2 pages a second, then Retry-After: 1
	start := time.Now()
	seen := map[string]bool{}
	for tx, err := range c.Transactions.SearchAll(ctxT(t), &omicall.SearchRequest{From: end.Add(-25 * time.Hour), To: end, Size: 40}) {
		require.NoError(t, err, "after %d calls", len(seen))
		seen[tx.TransactionID] = true
	}
	assert.Len(t, seen, 160, "every call, once")
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond, "five pages at two a second: the limit was waited out")
}
