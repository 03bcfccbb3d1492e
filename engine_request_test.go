package omicall

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoWithAPIKeyHeader(t *testing.T) {
	c, mt := newMockClient(t)
	auth := recordRoute(t, mt, http.MethodGet, "/api/auth", okPayload(`{"access_token":"`+testToken+`"}`))
	rec := recordRoute(t, mt, http.MethodPost, "/api/v3/call-transaction/search", okPayload(`{"items":[]}`))
	var out Page[Transaction]
	require.NoError(t, c.Do(ctxT(t), http.MethodPost, "/api/v3/call-transaction/search", nil, map[string]any{}, &out, WithAPIKeyHeader()))
	got := rec.only(t)
	assert.Equal(t, testAPIKey, got.Header.Get("x-api-key"))
	assert.Empty(t, got.Header.Get("Authorization"), "no bearer token beside the key")
	assert.Zero(t, auth.count(), "no token is requested")
}

func TestDoWithAPIKeyHeaderNeedsAKey(t *testing.T) {
	c, err := NewClient("", WithBaseURL(mockBase), WithAccessToken("tok"))
	require.NoError(t, err)
	requireValidation(t, c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil, WithAPIKeyHeader()), "apiKey")
	// A /api/v3/ path authenticates with the key whatever the options: without one it is refused the same way.
	requireValidation(t, c.Do(ctxT(t), http.MethodPost, "/api/v3/call-transaction/search", nil, nil, nil), "apiKey")
}

func TestDoWithRetryPOST(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  []RequestOption
		sends int
	}{
		{"default: a POST is sent once", nil, 1},
		{"WithRetryPOST: retried like a GET", []RequestOption{WithRetryPOST()}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			rec := recordRoute(t, mt, http.MethodPost, "/api/x",
				failStatus(http.StatusServiceUnavailable, "busy"), okPayload(`true`))
			err := c.Do(ctxT(t), http.MethodPost, "/api/x", nil, map[string]int{"a": 1}, nil, tc.opts...)
			assert.Equal(t, tc.sends, rec.count())
			assert.Equal(t, tc.sends == 2, err == nil)
		})
	}
}

func TestDoWithHeader(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodGet, "/api/x", okPayload(`true`))
	require.NoError(t, c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil,
		WithHeader("X-Trace", "t-1"), WithHeader("Accept", "application/x-ndjson")))
	got := rec.only(t)
	assert.Equal(t, "t-1", got.Header.Get("X-Trace"))
	assert.Equal(t, "application/x-ndjson", got.Header.Get("Accept"), "set after the client's own headers")
	assert.Equal(t, "Bearer "+testToken, got.Header.Get("Authorization"))
}

func TestDoWithHost(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordURL(t, mt, http.MethodGet, StagingBaseURL+"/api/tenant/detail", fixtureResponder(t, "tenant_detail.json"))
	var out Tenant
	require.NoError(t, c.Do(ctxT(t), http.MethodGet, "/api/tenant/detail", nil, nil, &out, WithHost(StagingBaseURL+"/")))
	assert.Equal(t, "Bearer "+testToken, rec.only(t).Header.Get("Authorization"))
	assert.NotEmpty(t, out.FullName)

	loop := recordURL(t, mt, http.MethodGet, "http://127.0.0.1:9/api/x", okPayload(`true`))
	require.NoError(t, c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil, WithHost("http://127.0.0.1:9")))
	assert.Equal(t, 1, loop.count(), "plain http is allowed for loopback")
}

func TestDoWithHostRefusedBeforeSending(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordAny(t, mt, okPayload(`true`))
	for _, host := range []string{"http://example.com", "ftp://example.com", "https://example.com?x=1", "https://user:pw@example.com", ""} {
		err := c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil, WithHost(host))
		requireValidation(t, err, "WithHost")
		assert.NotContains(t, err.Error(), testAPIKey)
	}
	assert.Zero(t, rec.count(), "no credential leaves for a refused host")
}

func TestTypedMethodsUseRequestOptions(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, "/api/call_center/hotline/extension/update",
		failStatus(http.StatusServiceUnavailable, "busy"), okPayload(`true`))
	err := c.CallCenter.AssignHotline(ctxT(t), &AssignHotlineRequest{Hotline: "1900", UserEmail: "a@x.vn", Directions: []Direction{DirectionOutbound}})
	require.NoError(t, err)
	assert.Equal(t, 2, rec.count(), "AssignHotline is sent WithRetryPOST")
}

func TestRequestRewind(t *testing.T) {
	assert.True(t, (&request{}).rewind())
	assert.False(t, (&request{multipart: &multipartBody{reader: io.MultiReader()}}).rewind(), "a reader that cannot seek")
	r := strings.NewReader("abc")
	_, _ = io.ReadAll(r)
	assert.True(t, (&request{multipart: &multipartBody{reader: r}}).rewind())
	b, _ := io.ReadAll(r)
	assert.Equal(t, "abc", string(b))
}

// A nil RequestOption is skipped; the options after it still apply.
func TestNilRequestOptionIsIgnored(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodGet, "/api/x", okPayload(`true`))
	require.NoError(t, c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil, nil, WithHeader("X-Trace", "t-1"), nil))
	assert.Equal(t, "t-1", rec.only(t).Header.Get("X-Trace"))
}
