package simulator

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// call sends one request to the handler and returns status, headers and the
// decoded envelope.
func call(t *testing.T, s *Server, method, target, token string) (int, http.Header, map[string]any) {
	t.Helper()
	status, h, raw := roundTrip(t, s, "", method, target, nil, bearer(token))
	var env map[string]any
	_ = json.Unmarshal(raw, &env)
	return status, h, env
}

func login(t *testing.T, s *Server) string {
	t.Helper()
	code, _, env := call(t, s, "GET", "/api/auth?apiKey="+s.APIKey(), "")
	require.Equal(t, 200, code)
	require.EqualValues(t, 9999, env["status_code"])
	return env["payload"].(map[string]any)["access_token"].(string)
}

func TestAuthIssuesJWTWithExp(t *testing.T) {
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s := New(WithClock(func() time.Time { return now }), WithTokenLifetime(time.Hour))
	tok := login(t, s)
	parts := strings.Split(tok, ".")
	require.Len(t, parts, 3)
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var claims struct{ Exp, Iat int64 }
	require.NoError(t, json.Unmarshal(raw, &claims))
	assert.Equal(t, now.Add(time.Hour).Unix(), claims.Exp)
	assert.Equal(t, now.Unix(), claims.Iat)
	assert.NotEqual(t, tok, login(t, s), "every token is new")
}

func TestAuthErrors(t *testing.T) {
	s := New()
	_, _, env := call(t, s, "GET", "/api/auth", "")
	assert.Equal(t, "api_key_is_required", env["message"])
	_, _, env = call(t, s, "GET", "/api/auth?apiKey=nope", "")
	assert.Equal(t, "api_key_invalid", env["message"])
	assert.EqualValues(t, -9999, env["status_code"])
}

func TestTokensExpireAndRevoke(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC).UnixNano())
	s := New(WithClock(func() time.Time { return time.Unix(0, now.Load()) }), WithTokenLifetime(time.Minute))
	code, _, _ := call(t, s, "GET", "/api/tenant/detail", "")
	assert.Equal(t, 401, code, "no token")
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", "made-up")
	assert.Equal(t, 401, code, "unknown token")
	tok := login(t, s)
	code, _, env := call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 200, code)
	assert.Equal(t, "democo", env["payload"].(map[string]any)["domain_fusion"])
	now.Add(int64(61 * time.Second))
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 401, code, "expired")
	tok = login(t, s)
	s.RevokeTokens()
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 401, code, "revoked")
}

func TestCountersAndUnknownRoutes(t *testing.T) {
	s := New()
	tok := login(t, s)
	call(t, s, "GET", "/api/tenant/detail", tok)
	call(t, s, "GET", "/api/tenant/detail", tok)
	code, _, env := call(t, s, "GET", "/api/nothing/here", tok)
	assert.Equal(t, 404, code)
	assert.Equal(t, "not_found", env["message"])
	assert.Equal(t, 1, s.Requests("GET /api/auth"))
	assert.Equal(t, 2, s.Requests("GET /api/tenant/detail"))
	assert.Equal(t, 4, s.TotalRequests())
	s.ResetCounts()
	assert.Zero(t, s.TotalRequests())
}

func TestFaults(t *testing.T) {
	s := New()
	tok := login(t, s)

	s.InjectFault(Fault{Route: "GET /api/tenant/detail", Status: 429, RetryAfter: "2", Times: 2})
	for i := 0; i < 2; i++ {
		code, h, _ := call(t, s, "GET", "/api/tenant/detail", tok)
		assert.Equal(t, 429, code)
		assert.Equal(t, "2", h.Get("Retry-After"))
	}
	code, _, _ := call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 200, code, "the fault is used up")

	s.InjectFault(Fault{Kind: FaultMalformed})
	req := httptest.NewRequest("GET", "/api/tenant/detail", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	assert.Equal(t, 200, rec.Code)
	assert.True(t, strings.HasPrefix(rec.Body.String(), "<html>"))

	s.InjectFault(Fault{Kind: FaultTruncated})
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	assert.False(t, json.Valid(rec.Body.Bytes()))

	s.InjectFault(Fault{Kind: FaultRevoke})
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 401, code)

	// The auth route is spared by route-less faults.
	s.InjectFault(Fault{Status: 500})
	tok = login(t, s)
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 500, code)

	s.SetErrorRate(1, 502)
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 502, code)
	s.ClearFaults()
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 200, code)
}

func TestDropFaultClosesTheConnection(t *testing.T) {
	s := New()
	url, stop := s.Start()
	defer stop()
	resp, err := http.Get(url + "/api/auth?apiKey=" + s.APIKey())
	require.NoError(t, err)
	var env struct {
		Payload struct {
			AccessToken string `json:"access_token"`
		} `json:"payload"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&env))
	resp.Body.Close()
	s.InjectFault(Fault{Kind: FaultDrop})
	req, _ := http.NewRequest("GET", url+"/api/tenant/detail", nil)
	req.Header.Set("Authorization", "Bearer "+env.Payload.AccessToken)
	// A fresh connection: net/http would silently resend a GET whose reused
	// keep-alive connection closed.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err = fresh.Do(req)
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	assert.Error(t, err)
}

func TestLatency(t *testing.T) {
	s := New()
	s.SetLatency(50 * time.Millisecond)
	start := time.Now()
	login(t, s)
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
}
