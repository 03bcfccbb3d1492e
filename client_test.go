package omicall

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
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

func TestEnvelopeFailureOnHTTP200(t *testing.T) {
	for code, sentinel := range codeSentinels {
		t.Run(code, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
				httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"`+code+`"}`))
			_, err := c.Tenant.Get(ctxT(t))
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, &APIError{HTTPStatus: 200, StatusCode: -9999, Code: code, Method: "GET", Path: "/api/tenant/detail"}, apiErr)
			assert.ErrorIs(t, err, sentinel)
			assert.Equal(t, "omicall: GET /api/tenant/detail: "+code+" (status -9999, HTTP 200)", err.Error())
		})
	}
}

func TestEnvelopeOtherFailureCodes(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
		httpmock.NewStringResponder(200, `{"status_code":1,"message":"something_new","payload":{"full_name":"x"}}`))
	_, err := c.Tenant.Get(ctxT(t))
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1, apiErr.StatusCode)
	assert.Equal(t, "something_new", apiErr.Code)
	assert.False(t, errors.Is(err, ErrNotFound))
}

func TestMalformedResponses(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		body       string
		wantAPI    bool // *APIError rather than *DecodeError
		wantStatus int
	}{
		{"html page on 200", 200, "<html><body>oops</body></html>", false, 200},
		{"empty body", 200, "", false, 200},
		{"truncated JSON", 200, `{"status_code":9999,"payload":{"full_na`, false, 200},
		{"JSON without envelope", 200, `{"full_name":"x"}`, false, 200},
		{"JSON array", 200, `[1,2]`, false, 200},
		{"html error page", 404, "<html>Not Found</html>", true, 404},
		{"empty 400", 400, "", true, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(tc.status, tc.body))
			ten, err := c.Tenant.Get(ctxT(t))
			require.Error(t, err)
			assert.Nil(t, ten)
			assert.Contains(t, err.Error(), "GET /api/tenant/detail")
			if tc.wantAPI {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.wantStatus, apiErr.HTTPStatus)
			} else {
				var decErr *DecodeError
				require.ErrorAs(t, err, &decErr)
				assert.Equal(t, tc.wantStatus, decErr.HTTPStatus)
				assert.ErrorIs(t, err, ErrMalformedResponse)
			}
		})
	}
}

func TestMistypedFieldLeavesZeroAndKeepsTheRest(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(200,
		`{"status_code":9999,"payload":{"full_name":{"oops":1},"email":"a@b.c","service_package":{"staff_num":"7"},"public_numbers":"none","domain_expire":"1584606068154","enabled":"true"}}`))
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Empty(t, ten.FullName)
	assert.Equal(t, "a@b.c", ten.Email)
	assert.Empty(t, ten.PublicNumbers)
	assert.Equal(t, int64(1584606068154), ten.DomainExpire.UnixMilli())
	assert.True(t, bool(ten.Enabled))
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

func TestNilContextIsAnError(t *testing.T) {
	c, _ := newMockClient(t)
	//nolint:staticcheck // deliberately nil
	err := c.Do(nilCtx(), http.MethodGet, "/api/tenant/detail", nil, nil, nil)
	assert.ErrorIs(t, err, ErrValidation)
	_, err = c.Token(nilCtx()) // a cold client: the fetch would start from ctx
	assert.ErrorIs(t, err, ErrValidation)
}

func nilCtx() context.Context { return nil }

func TestResponseSizeCap(t *testing.T) {
	c, mt := newMockClient(t)
	c.e.cfg.maxBody = 1024
	var calls int
	big := `{"status_code":9999,"payload":{"full_name":"` + strings.Repeat("x", 2048) + `"}}`
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		calls++
		return httpmock.NewStringResponse(200, big), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.ErrorIs(t, err, errBodyTooLarge)
	assert.Contains(t, err.Error(), "/api/tenant/detail")
	assert.Equal(t, 1, calls, "an oversized answer is not asked for again")

	c.e.cfg.maxBody = 4096
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Len(t, ten.FullName, 2048)
}

func TestBodyReadErrorIsRetried(t *testing.T) {
	c, mt := newMockClient(t)
	var calls int
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		calls++
		if calls == 1 {
			r := httpmock.NewStringResponse(200, "")
			r.Body = io.NopCloser(io.MultiReader(strings.NewReader(`{"status_code":99`), iotest.ErrReader(errors.New("connection reset by peer"))))
			return r, nil
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, 2, calls)
}

func TestEnvelopeStatusCodeVariants(t *testing.T) {
	for _, body := range []string{
		`{"status_code":"9999","payload":{"full_name":"ok"}}`,
		`{"status_code":9999.0,"payload":{"full_name":"ok"}}`,
		`{"payload":{"full_name":"ok"},"status_code":9999}`,
	} {
		err := decodeResponse(&request{method: "GET", path: "/api/tenant/detail", out: &Tenant{}}, 200, []byte(body))
		assert.NoError(t, err, body)
	}
	err := decodeResponse(&request{method: "POST", path: "/api/agent/invite"}, 200, []byte(`{"status_code":"-9999","message":"agent_exists","payload":null}`))
	assert.ErrorIs(t, err, ErrAgentExists)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, -9999, apiErr.StatusCode)

	// A success with a null or missing payload leaves the result zero.
	for _, body := range []string{`{"status_code":9999,"payload":null}`, `{"status_code":9999}`} {
		var ten Tenant
		require.NoError(t, decodeResponse(&request{method: "GET", path: "/x", out: &ten}, 200, []byte(body)), body)
		assert.Equal(t, Tenant{}, ten)
	}
	// No status code at all, or a null one, is not an envelope.
	for _, body := range []string{`{"payload":{}}`, `{"status_code":null}`} {
		assert.ErrorIs(t, decodeResponse(&request{method: "GET", path: "/x"}, 200, []byte(body)), ErrMalformedResponse, body)
	}
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

func TestWithTimeoutBoundsEachAttemptAndLeavesTheHTTPClientAlone(t *testing.T) {
	hc := &http.Client{Transport: httpmock.NewMockTransport()}
	c, err := NewClient(testAPIKey, WithBaseURL(mockBase), WithHTTPClient(hc), WithTimeout(50*time.Millisecond),
		WithRetry(3, time.Millisecond, 2*time.Millisecond))
	require.NoError(t, err)
	assert.Zero(t, hc.Timeout, "the caller's http.Client is not changed")

	mt := hc.Transport.(*httpmock.MockTransport)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth",
		httpmock.NewStringResponder(200, `{"status_code":9999,"payload":{"access_token":"`+testToken+`"}}`))
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(r *http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 { // the first attempt hangs until its time is up
			<-r.Context().Done()
			return nil, r.Context().Err()
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	})
	start := time.Now()
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "ok", ten.FullName)
	assert.Equal(t, int32(2), calls.Load(), "a timed-out attempt is retried")
	assert.Less(t, time.Since(start), 5*time.Second)
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestNestedURLErrorIsRedacted(t *testing.T) {
	// A transport that forwards through another http.Client returns that
	// client's *url.Error, whose URL holds ?apiKey=.
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, &url.Error{Op: "Get", URL: r.URL.String(), Err: errors.New("connection refused")}
	})}
	c, err := NewClient(testAPIKey, WithBaseURL(mockBase), WithHTTPClient(hc), WithRetry(1, 0, 0))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testAPIKey)
	assert.Contains(t, err.Error(), "connection refused")
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

// TestReadBodyAllocatesAboutTheBody: a body whose Content-Length is known is
// read with one regrowth (the first 64 KiB, then the declared size), not by
// doubling: a 300 KB page costs about 1.2x its size, not 2x or more.
func TestReadBodyAllocatesAboutTheBody(t *testing.T) {
	const size = 300_000
	body := bytes.Repeat([]byte("x"), size)
	read := func() {
		resp := &http.Response{ContentLength: size, Body: io.NopCloser(bytes.NewReader(body))}
		got, err := readBody(resp, maxResponseBytes)
		if err != nil || len(got) != size {
			t.Fatalf("readBody: %d bytes, %v", len(got), err)
		}
	}
	read()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	const runs = 20
	for range runs {
		read()
	}
	runtime.ReadMemStats(&after)
	perRead := float64(after.TotalAlloc-before.TotalAlloc) / runs
	assert.Less(t, perRead, 1.4*size, "bytes allocated per read of a %d-byte body", size)
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
