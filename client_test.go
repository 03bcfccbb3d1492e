package omicall

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientRejectsBadInput(t *testing.T) {
	cases := []struct {
		name  string
		key   string
		opts  []Option
		field string
	}{
		{"empty key", "", nil, "apiKey"},
		{"blank key", "   ", nil, "apiKey"},
		{"malformed URL", "k", []Option{WithBaseURL("://nope")}, "baseURL"},
		{"relative URL", "k", []Option{WithBaseURL("/api")}, "baseURL"},
		{"other scheme", "k", []Option{WithBaseURL("ftp://example.com")}, "baseURL"},
		{"plain http to a public host", "k", []Option{WithBaseURL("http://public-v1.omicall.com")}, "baseURL"},
		{"plain http to a private host", "k", []Option{WithBaseURL("http://10.0.0.5:8080")}, "baseURL"},
		{"query in base URL", "k", []Option{WithBaseURL("https://x.test/?apiKey=1")}, "baseURL"},
		{"zero attempts", "k", []Option{WithRetry(0, time.Second, time.Second)}, "WithRetry"},
		{"min above max", "k", []Option{WithRetry(3, time.Second, time.Millisecond)}, "WithRetry"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(tc.key, tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Field)
			assert.ErrorIs(t, err, ErrValidation)
		})
	}
}

func TestNewClientAcceptsLoopbackHTTPAndDefaults(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9000/", "https://example.com/"} {
		c, err := NewClient("k", WithBaseURL(u))
		require.NoError(t, err, u)
		assert.False(t, strings.HasSuffix(c.e.base, "/"), u)
	}
	c, err := NewClient("k")
	require.NoError(t, err)
	assert.Equal(t, DefaultBaseURL, c.e.base)
	assert.Equal(t, [3]string{"https://public-v1.omicall.com", "https://public-v1-stg.omicall.com", DefaultBaseURL},
		[3]string{c.e.base, StagingBaseURL, ProductionBaseURL}, "production is the default host")
	assert.Contains(t, c.e.cfg.userAgent, "omicall-go/"+Version)
	assert.Contains(t, c.e.cfg.userAgent, "go1.")
	for _, s := range []any{c.Agents, c.CallCenter, c.Transactions, c.Webhooks, c.Tenant, c.Contacts, c.Calls, c.Tickets} {
		assert.NotNil(t, s)
	}
	_, err = NewClient("", WithAccessToken("tok"))
	assert.NoError(t, err, "a caller-managed token needs no API key")
}

func TestDoEscapeHatch(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, mockBase+"/api/v2/callTransaction/search", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Equal(t, "x", r.URL.Query().Get("q"))
		var body map[string]any
		require.NoError(t, json.NewDecoder(r.Body).Decode(&body))
		assert.Equal(t, map[string]any{"keyword": "0900"}, body)
		return httpmock.NewStringResponse(200, `{"status_code":9999,"payload":{"items":[{"transaction_id":"t1"}]}}`), nil
	})
	var out struct {
		Items []Transaction `json:"items"`
	}
	err := c.Do(ctxT(t), http.MethodPost, "/api/v2/callTransaction/search", url.Values{"q": {"x"}}, map[string]string{"keyword": "0900"}, &out)
	require.NoError(t, err)
	require.Len(t, out.Items, 1)
	assert.Equal(t, "t1", out.Items[0].TransactionID)
	// nil out is allowed and still checks the envelope.
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/x", httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"tenant_invalid"}`))
	assert.ErrorIs(t, c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil), ErrTenantInvalid)
}

func TestDoRefusesBadMethodOrPath(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterNoResponder(httpmock.NewErrorResponder(errors.New("connection refused")))
	for _, tc := range []struct{ method, path, field string }{
		{"", "/api/tenant/detail", "method"},
		{" ", "/api/tenant/detail", "method"},
		{"GET", "api/tenant/detail", "path"},
		{"GET", "", "path"},
		{"GET", "/api/auth?apiKey=" + testAPIKey, "path"},
		{"GET", "/api/x#frag", "path"},
	} {
		err := c.Do(ctxT(t), tc.method, tc.path, nil, nil, nil)
		requireValidation(t, err, tc.field)
		assert.NotContains(t, err.Error(), testAPIKey)
	}
	// The payload would be decoded into a copy and lost.
	var ten Tenant
	var nilTenant *Tenant
	for _, out := range []any{ten, nilTenant, "x"} {
		requireValidation(t, c.Do(ctxT(t), http.MethodGet, "/api/tenant/detail", nil, nil, out), "out")
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

// A base URL with a path is refused (https://host/api would send
// /api/api/...); the host alone, with or without a trailing slash, is fine.
func TestBaseURLWithPathIsRefused(t *testing.T) {
	for _, u := range []string{"https://public-v1.omicall.com/api", "https://public-v1.omicall.com/api/", "https://h.example/x/api/v2", "https://proxy.example/omicall"} {
		_, err := NewClient("k", WithBaseURL(u))
		requireValidation(t, err, "baseURL")
	}
	for _, u := range []string{"https://public-v1.omicall.com", "https://public-v1.omicall.com/"} {
		_, err := NewClient("k", WithBaseURL(u))
		assert.NoError(t, err, u)
	}
}

// NewClient("") matches ErrAPIKeyRequired (and ErrValidation).
func TestNewClientEmptyKeyMatchesErrAPIKeyRequired(t *testing.T) {
	for _, k := range []string{"", "  "} {
		_, err := NewClient(k)
		assert.ErrorIs(t, err, ErrAPIKeyRequired)
		requireValidation(t, err, "apiKey")
	}
}
