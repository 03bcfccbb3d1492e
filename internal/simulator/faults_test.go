package simulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
