package omicall

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A redirect whose Location cannot be parsed (net/http quotes the Location,
// query and key included, in its error) puts neither the API key nor a token
// in the error text or in the retry log line.
func TestHostileBadLocationLeaksNoKey(t *testing.T) {
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A Location that fails to parse, echoing the query (key included).
		w.Header().Set("Location", "http://[::1%zz]/api/auth?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusFound)
	}))
	defer front.Close()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newHostileClient(t, front.URL, WithLogger(log), WithRetry(2, time.Millisecond, 2*time.Millisecond))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), hostileKey)
	assert.NotContains(t, logs.String(), hostileKey)
}

// Whatever the type of a transport error, its text is scrubbed of the API
// key and the token, and errors.Is still sees the cause.
func TestHostileTransportErrorTextIsScrubbed(t *testing.T) {
	cause := errors.New("proxy said: GET /api/auth?apiKey=" + hostileKey + " and Bearer tok-1 refused")
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("custom transport: %w", cause)
	})}
	c := newHostileClient(t, "https://api.omicall.test", WithHTTPClient(hc))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.NotContains(t, err.Error(), "tok-1")
	assert.ErrorIs(t, err, cause)
}

func TestSecretsNeverInErrorsOrLogs(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newMockClient(t, WithLogger(logger))
	// A transport failure on the token request: net/http's error carries the
	// full URL, ?apiKey= included.
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth", httpmock.NewErrorResponder(errors.New("connection refused")))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testAPIKey)
	assert.NotContains(t, err.Error(), "apiKey=")
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "the transport error stays matchable")
	assert.NotContains(t, ue.URL, testAPIKey)

	// A rejected request after a successful token fetch.
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth",
		httpmock.NewStringResponder(200, `{"status_code":9999,"payload":{"access_token":"`+testToken+`"}}`))
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(500, `{"status_code":-9999,"message":"boom"}`))
	_, err = c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	for _, s := range []string{err.Error(), logs.String()} {
		assert.NotContains(t, s, testAPIKey)
		assert.NotContains(t, s, testToken)
	}
	assert.Contains(t, logs.String(), "/api/tenant/detail", "logs are written")
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	for _, s := range []string{tok.String(), fmt.Sprintf("%v %+v %#v", tok, tok, tok)} {
		assert.NotContains(t, s, testToken)
	}
}
