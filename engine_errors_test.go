package omicall

import (
	"context"
	"errors"
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
