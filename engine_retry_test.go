package omicall

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/iotest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const tenantOK = `{"status_code":9999,"payload":{"full_name":"ok"}}`

// scripted answers the given statuses in order, then tenantOK; it counts calls.
func scripted(calls *atomic.Int32, statuses ...int) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		n := int(calls.Add(1))
		if n <= len(statuses) {
			return httpmock.NewStringResponse(statuses[n-1], `{"status_code":-9999,"message":"temporarily_unavailable"}`), nil
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	}
}

func TestRetriesEachTransientStatus(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			c, mt := newMockClient(t)
			var calls atomic.Int32
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", scripted(&calls, status, status))
			ten, err := c.Tenant.Get(ctxT(t))
			require.NoError(t, err)
			assert.Equal(t, "ok", ten.FullName)
			assert.Equal(t, int32(3), calls.Load())
		})
	}
}

func TestRetriesStopAfterMaxAttempts(t *testing.T) {
	c, mt := newMockClient(t, WithRetry(4, time.Millisecond, 2*time.Millisecond))
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", scripted(&calls, 503, 503, 503, 503, 503))
	_, err := c.Tenant.Get(ctxT(t))
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.HTTPStatus)
	assert.Equal(t, int32(4), calls.Load())
}

func TestNoRetryOnPermanentFailures(t *testing.T) {
	for _, status := range []int{400, 403, 404, 501} {
		c, mt := newMockClient(t)
		var calls atomic.Int32
		mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", scripted(&calls, status, status))
		_, err := c.Tenant.Get(ctxT(t))
		require.Error(t, err)
		assert.Equal(t, int32(1), calls.Load(), "status %d", status)
	}
}

func TestNetworkErrorsAreRetried(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		if calls.Add(1) < 3 {
			return nil, errors.New("connection reset by peer")
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, int32(3), calls.Load())
}

func TestCreatePOSTIsNeverSentTwice(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodPost, mockBase+"/api/click2call", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return httpmock.NewStringResponse(503, ""), nil
	})
	req := &ClickToCallRequest{Extension: "100", Hotline: "842899990001", PhoneNumber: "0900000001"}
	_, err := c.Calls.ClickToCall(ctxT(t), req)
	require.Error(t, err)
	assert.Equal(t, int32(1), calls.Load())

	mt.RegisterResponder(http.MethodPost, mockBase+"/api/click2call", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return nil, errors.New("connection reset by peer")
	})
	calls.Store(0)
	_, err = c.Calls.ClickToCall(ctxT(t), req)
	require.Error(t, err)
	assert.Equal(t, int32(1), calls.Load(), "a network error after sending may have created the call")

	// Opting in per request.
	calls.Store(0)
	mt.RegisterResponder(http.MethodPost, mockBase+"/api/click2call", func(*http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			return httpmock.NewStringResponse(503, ""), nil
		}
		return httpmock.NewStringResponse(200, `{"status_code":9999,"payload":{"call_uuid":"u1"}}`), nil
	})
	id, err := c.Calls.ClickToCall(ContextWithRetry(ctxT(t)), req)
	require.NoError(t, err)
	assert.Equal(t, "u1", id)
	assert.Equal(t, int32(2), calls.Load())
}

func retryAfterResponder(calls *atomic.Int32, retryAfter string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			r := httpmock.NewStringResponse(429, `{"status_code":-9999,"message":"too_many_requests"}`)
			r.Header.Set("Retry-After", retryAfter)
			return r, nil
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	}
}

func TestRetryAfterHonouredAboveMaxWait(t *testing.T) {
	c, mt := newMockClient(t) // max wait 5ms
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", retryAfterResponder(&calls, "1"))
	start := time.Now()
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second)
	assert.Equal(t, int32(2), calls.Load())
}

func TestRetryAfterTooLongReturnsAtOnce(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", retryAfterResponder(&calls, "120"))
	start := time.Now()
	_, err := c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, int32(1), calls.Load())
}

func TestRetryAfterPastDeadlineReturnsAtOnce(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", retryAfterResponder(&calls, "30"))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Tenant.Get(ctx)
	assert.ErrorIs(t, err, ErrRateLimited)
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, int32(1), calls.Load())
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	c, mt := newMockClient(t, WithRetry(5, 10*time.Second, 10*time.Second))
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", scripted(&calls, 503, 503, 503))
	_, _ = c.Token(ctxT(t))
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Tenant.Get(ctx)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, int32(1), calls.Load())
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		d  time.Duration
		ok bool
	}{
		"":                              {0, false},
		"3":                             {3 * time.Second, true},
		" 0 ":                           {0, true},
		"-1":                            {0, false},
		"soon":                          {0, false},
		"Thu, 01 Jan 2026 12:00:30 GMT": {30 * time.Second, true},
		"Thu, 01 Jan 2026 11:00:00 GMT": {0, true},
	}
	for in, want := range cases {
		d, ok := parseRetryAfter(in, now)
		assert.Equal(t, want.ok, ok, in)
		assert.Equal(t, want.d, d, in)
	}
}

func TestBackoffBounds(t *testing.T) {
	for attempt := 1; attempt < 10; attempt++ {
		for i := 0; i < 200; i++ {
			d := backoff(attempt, 10*time.Millisecond, 80*time.Millisecond)
			require.GreaterOrEqual(t, d, 10*time.Millisecond)
			require.LessOrEqual(t, d, 80*time.Millisecond)
			if attempt == 1 {
				require.LessOrEqual(t, d, 20*time.Millisecond)
			}
		}
	}
	var seen80 bool
	for i := 0; i < 2000 && !seen80; i++ {
		seen80 = backoff(5, 10*time.Millisecond, 80*time.Millisecond) > 70*time.Millisecond
	}
	assert.True(t, seen80, "the jitter reaches the cap")
}

// A DNS "no such host" is a wrong base URL, not a blip: it is not retried.
func TestNoSuchHostIsNotRetried(t *testing.T) {
	var attempts atomic.Int32
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		attempts.Add(1)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: r.URL.Hostname(), IsNotFound: true}}
	})}
	c, err := NewClient("", WithAccessToken("tok"), WithBaseURL(mockBase), WithHTTPClient(hc), WithRetry(3, time.Millisecond, time.Millisecond))
	require.NoError(t, err)
	_, err = c.Tenant.Get(ctxT(t))
	var dnsErr *net.DNSError
	require.ErrorAs(t, err, &dnsErr)
	assert.Equal(t, int32(1), attempts.Load())
}

// The transport error of a refused redirect is not retried and names no key.
func TestRefusedRedirectIsNotTransient(t *testing.T) {
	assert.False(t, isTransient(fmt.Errorf("x: %w", errRedirectRefused)))
	assert.False(t, isTransient(fmt.Errorf("x: %w", errPageContradiction)))
	assert.True(t, isTransient(io.ErrUnexpectedEOF))
	assert.False(t, errors.Is(errRedirectRefused, ErrNotFound))
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

// ContextWithRetry(nil) does not panic; the call answers a
// ValidationError naming ctx.
func TestContextWithRetryNil(t *testing.T) {
	c, mt := newMockClient(t)
	var err error
	require.NotPanics(t, func() {
		//nolint:staticcheck // a nil context on purpose
		_, err = c.Agents.Invite(ContextWithRetry(nil), &InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: testPassword})
	})
	requireValidation(t, err, "ctx")
	assert.Zero(t, mt.GetTotalCallCount())
	_ = context.Background()
}

// What is worth another attempt beyond the HTTP statuses: a malformed
// gateway answer and a network failure are; a certificate the client does
// not trust, a host that does not exist, a malformed success, or an answer
// over the size cap are not.
func TestTransientFailures(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want bool
	}{
		{"malformed 502", &DecodeError{HTTPStatus: http.StatusBadGateway, Err: io.ErrUnexpectedEOF}, true},
		{"malformed 200", &DecodeError{HTTPStatus: http.StatusOK, Err: io.ErrUnexpectedEOF}, false},
		{"connection reset", fmt.Errorf("read: %w", syscall.ECONNRESET), true},
		{"DNS failure for now", &net.DNSError{Err: "server misbehaving", Name: "h", IsTemporary: true}, true},
		{"no such host", &net.DNSError{Err: "no such host", Name: "h", IsNotFound: true}, false},
		{"untrusted authority", &url.Error{Op: "Get", URL: "https://h", Err: x509.UnknownAuthorityError{}}, false},
		{"certificate refused", fmt.Errorf("tls: %w", &tls.CertificateVerificationError{Err: errors.New("expired")}), false},
		{"body over the cap", fmt.Errorf("reading: %w", errBodyTooLarge), false},
	} {
		assert.Equal(t, tc.want, isTransient(tc.err), tc.name)
	}
}

func TestIdempotentMethods(t *testing.T) {
	for _, m := range []string{"GET", "get", "HEAD", "PUT", "DELETE", "OPTIONS"} {
		assert.True(t, isIdempotent(m), m)
	}
	for _, m := range []string{"POST", "PATCH", "CONNECT", ""} {
		assert.False(t, isIdempotent(m), m)
	}
}
