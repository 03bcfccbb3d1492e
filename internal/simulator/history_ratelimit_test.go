package simulator

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHistoryRateLimitCoversV3Search: the history rate limit applies to the
// v3 search as to the 2023 list, each with its own quota, and a refusal
// says when to come back (Retry-After).
func TestHistoryRateLimitCoversV3Search(t *testing.T) {
	now := histEnd
	s := New(WithHistory(100, 20*24*time.Hour, histEnd), WithClock(func() time.Time { return now }))
	from, to := histEnd.Add(-20*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	body, err := json.Marshal(map[string]any{"filter": map[string]any{"fromDate": from, "toDate": to}})
	require.NoError(t, err)
	v3 := func() (int, http.Header, testEnvelope) {
		status, h, raw := roundTrip(t, s, "", "POST", "/api/v3/call-transaction/search?page=1&size=10", body,
			map[string]string{"x-api-key": s.APIKey()})
		var env testEnvelope
		require.NoError(t, json.Unmarshal(raw, &env), string(raw))
		return status, h, env
	}
	list := func() (int, http.Header, testEnvelope) {
		status, h, raw := roundTrip(t, s, "", "GET", listQuery(from, to, nil), nil, bearer(s.issueToken()))
		var env testEnvelope
		require.NoError(t, json.Unmarshal(raw, &env), string(raw))
		return status, h, env
	}

	s.SetHistoryRateLimit(2)
	_, _, env := v3()
	assert.Equal(t, 9999, env.StatusCode)
	now = now.Add(10 * time.Minute)
	_, _, env = v3()
	assert.Equal(t, 9999, env.StatusCode)
	status, h, env := v3()
	assert.Equal(t, http.StatusOK, status, "answered as the list answers its limit")
	assert.Equal(t, -9999, env.StatusCode)
	assert.Equal(t, "rate_limit_exceeded", env.Message)
	assert.Equal(t, "1200", h.Get("Retry-After"), "the first request leaves the window in 20 minutes")

	_, _, env = list()
	assert.Equal(t, 9999, env.StatusCode, "the list has a quota of its own")
	_, _, env = list()
	assert.Equal(t, 9999, env.StatusCode)
	_, h, env = list()
	assert.Equal(t, "limit_request_30_minute", env.Message)
	assert.Equal(t, "1800", h.Get("Retry-After"))

	now = now.Add(20 * time.Minute) // the first v3 request leaves the window
	_, _, env = v3()
	assert.Equal(t, 9999, env.StatusCode)
	_, h, env = v3()
	assert.Equal(t, "rate_limit_exceeded", env.Message)
	assert.Equal(t, "600", h.Get("Retry-After"))

	s.SetHistoryRateLimit(0)
	_, _, env = v3()
	assert.Equal(t, 9999, env.StatusCode)
}
