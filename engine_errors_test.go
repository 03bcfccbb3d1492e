package omicall

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An *APIError carries the response's Retry-After and its request id.
func TestAPIErrorRetryAfterAndRequestID(t *testing.T) {
	c, mt := newMockClient(t, WithRetry(1, 0, 0))
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(429, `{"status_code":-9999,"message":"rate_limit_exceeded"}`)
		r.Header.Set("Retry-After", "7")
		r.Header.Set("X-Request-Id", "req-123")
		return r, nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 7*time.Second, apiErr.RetryAfter)
	assert.Equal(t, "req-123", apiErr.RequestID)
	assert.ErrorIs(t, err, ErrRateLimited)
}

// An error for api_key_invalid names the host the key went to (and never
// the key), so that a key sent to the wrong host is told apart.
func TestAPIKeyInvalidNamesTheHost(t *testing.T) {
	c, err := NewClient(testAPIKey, WithBaseURL(mockBase), WithRetry(1, 0, 0))
	require.NoError(t, err)
	httpmock.ActivateNonDefault(c.e.rc.GetClient())
	t.Cleanup(httpmock.DeactivateAndReset)
	mt := c.e.rc.GetClient().Transport.(*httpmock.MockTransport)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth", httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"api_key_invalid"}`))
	_, err = c.Tenant.Get(ctxT(t))
	require.ErrorIs(t, err, ErrAPIKeyInvalid)
	assert.Contains(t, err.Error(), "api.omicall.test")
	assert.NotContains(t, err.Error(), testAPIKey)
}

// refusedErr is a real "connect: connection refused" from dialing a closed port.
func refusedErr(t *testing.T) error {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	_, err = net.Dial("tcp", addr)
	require.Error(t, err)
	return err
}

// When the caller's context ends during retries, the error still
// matches context.DeadlineExceeded and names the method, the path, the
// attempts made and the last cause.
func TestContextEndDuringRetriesKeepsTheCause(t *testing.T) {
	refused := refusedErr(t)
	var attempts atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if attempts.Add(1) == 1 {
			return nil, refused
		}
		<-r.Context().Done() // the second attempt hangs until the caller's deadline
		return nil, r.Context().Err()
	})}
	c, err := NewClient("", WithAccessToken("tok"), WithBaseURL(mockBase), WithHTTPClient(hc), WithRetry(5, time.Millisecond, time.Millisecond))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = c.Tenant.Get(ctx)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	for _, want := range []string{"GET /api/tenant/detail", "2 attempts", "connection refused"} {
		assert.Contains(t, err.Error(), want)
	}
}

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

func TestCtxEndedErrorTextAndUnwrap(t *testing.T) {
	last := errors.New("connect: connection refused")
	cause := errors.New("shutting down")
	for _, tc := range []struct {
		e      *ctxEndedError
		text   string
		unwrap []error
	}{
		{&ctxEndedError{method: "GET", path: "/api/agent/list", attempts: 1, ctxErr: context.Canceled},
			"omicall: GET /api/agent/list: context canceled after 1 attempt",
			[]error{context.Canceled}},
		{&ctxEndedError{method: "GET", path: "/api/agent/list", attempts: 2, last: last, ctxErr: context.DeadlineExceeded},
			"omicall: GET /api/agent/list: context deadline exceeded after 2 attempts (last error: connect: connection refused)",
			[]error{context.DeadlineExceeded, last}},
		{&ctxEndedError{method: "GET", path: "/api/auth", attempts: 1, last: last, ctxErr: context.Canceled, cause: cause, token: true},
			"omicall: GET /api/auth: context canceled (shutting down) while waiting for the access token, after 1 attempt (last error: connect: connection refused)",
			[]error{context.Canceled, cause, last}},
		{&ctxEndedError{method: "POST", path: "/api/x", attempts: 0, ctxErr: context.Canceled, cause: context.Canceled},
			"omicall: POST /api/x: context canceled after 0 attempts",
			[]error{context.Canceled}},
	} {
		assert.Equal(t, tc.text, tc.e.Error())
		assert.Equal(t, tc.unwrap, tc.e.Unwrap(), tc.text)
		for _, target := range tc.unwrap {
			assert.ErrorIs(t, tc.e, target)
		}
	}
}

// transportError names the method and the path, the host the request went
// to, and the innermost cause, never the query or a URL a transport nested.
func TestTransportErrorDropsTheQuery(t *testing.T) {
	c, _ := newMockClient(t)
	inner := errors.New("connection reset by peer")
	nested := &url.Error{Op: "Delete", URL: mockBase + "/api/x?apiKey=" + testAPIKey,
		Err: &url.Error{Op: "Get", URL: "https://proxy.example/?token=" + testToken, Err: inner}}
	r := &request{method: http.MethodDelete, path: "/api/x", query: url.Values{"apiKey": {testAPIKey}}}
	err := c.e.transportError(r, nested)
	assert.Equal(t, `omicall: DELETE /api/x: Delete "`+mockBase+`/api/x": connection reset by peer`, err.Error())
	assert.ErrorIs(t, err, inner)
	var ue *url.Error
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, mockBase+"/api/x", ue.URL)
	assert.Same(t, inner, ue.Err, "the nested *url.Error is gone")

	r = &request{method: http.MethodGet, path: "/v1/tts", query: url.Values{"q": {"x"}}}
	r.host = "https://ai.example"
	err = c.e.transportError(r, io.ErrUnexpectedEOF)
	assert.Equal(t, `omicall: GET /v1/tts: Get "https://ai.example/v1/tts": unexpected EOF`, err.Error())
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}
