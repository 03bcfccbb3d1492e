package omicall

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// every code of docs/api.md §18.5 maps to its sentinel.
func TestSection185CodeToSentinel(t *testing.T) {
	for code, want := range map[string]error{
		"token_expired":                  ErrUnauthorized,
		"auth_invalid":                   ErrUnauthorized,
		"rate_limit_exceeded":            ErrRateLimited,
		"resource_not_found":             ErrNotFound,
		"source_contact_not_exists":      ErrNotFound,
		"permission_denied":              ErrPermissionDenied,
		"tenant_disabled":                ErrTenantDisabled,
		"individual_package_expired":     ErrPackageExpired,
		"service_package_customer_limit": ErrServiceLimit,
		"user_busy":                      ErrUserBusy,
		"do_not_call":                    ErrDoNotCall,
		"invalid_phone_number":           ErrPhoneInvalid,
		// the documented codes the same table repeats
		"api_key_is_required":     ErrAPIKeyRequired,
		"api_key_invalid":         ErrAPIKeyInvalid,
		"request_body_required":   ErrRequestBodyRequired,
		"data_is_required":        ErrDataRequired,
		"tenant_invalid":          ErrTenantInvalid,
		"user_not_registered":     ErrUserNotRegistered,
		"number_call_out_invalid": ErrHotlineInvalid,
		"extension_invalid":       ErrExtensionInvalid,
		"limit_service":           ErrServiceLimit,
		"limit_word":              ErrTTSWordLimit,
		"balance_is_not_enough":   ErrInsufficientBalance,
	} {
		t.Run(code, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
				httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"`+code+`"}`))
			_, err := c.Tenant.Get(ctxT(t))
			require.ErrorIs(t, err, want)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, code, apiErr.Code)
		})
	}
	// The new sentinels are distinct from one another and from ErrNotFound.
	news := []error{ErrPermissionDenied, ErrTenantDisabled, ErrPackageExpired, ErrUserBusy, ErrDoNotCall, ErrPhoneInvalid}
	for i, a := range news {
		assert.NotErrorIs(t, a, ErrNotFound)
		for _, b := range news[i+1:] {
			assert.NotErrorIs(t, a, b)
		}
	}
}

// an envelope status_code 401 (on HTTP 200) is
// ErrUnauthorized, answered by one refresh and one replay.
func TestEnvelope401RefreshesOnceAndReplays(t *testing.T) {
	c, mt := newMockClient(t)
	var n atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return httpmock.NewStringResponse(200, `{"status_code":401,"message":"unauthenticated"}`), nil
		}
		return httpmock.NewStringResponse(200, `{"status_code":9999,"payload":{"full_name":"ok"}}`), nil
	})
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "ok", ten.FullName)
	assert.Equal(t, int32(2), n.Load())
	assert.Equal(t, 2, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"])

	err = error(&APIError{HTTPStatus: 200, StatusCode: 401, Code: "whatever"})
	assert.ErrorIs(t, err, ErrUnauthorized)
}

// token_expired replays once, never in a loop; auth_invalid
// does not replay.
func TestTokenExpiredReplaysOnceAuthInvalidNever(t *testing.T) {
	for code, wantCalls := range map[string]int{"token_expired": 2, "auth_invalid": 1} {
		t.Run(code, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
				httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"`+code+`"}`))
			_, err := c.Tenant.Get(ctxT(t))
			require.ErrorIs(t, err, ErrUnauthorized)
			assert.Equal(t, wantCalls, mt.GetCallCountInfo()["GET "+mockBase+"/api/tenant/detail"])
			assert.Equal(t, wantCalls, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"])
		})
	}
}

// DESIGN v0.2: APIError carries Retry-After and the request id.
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

// DESIGN v0.2: an error for api_key_invalid names the host the key went to
// (and never the key).
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

// Defect 11: an HTTP 404 without an envelope (a wrong host's HTML page) is a
// *DecodeError that points at the base URL, not ErrNotFound; a 404 with an
// envelope still is ErrNotFound.
func TestBare404IsNotErrNotFound(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list", httpmock.NewStringResponder(404, "<html>Not Found</html>"))
	_, err := c.Agents.List(ctxT(t), nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNotFound)
	var decErr *DecodeError
	require.ErrorAs(t, err, &decErr)
	assert.Equal(t, 404, decErr.HTTPStatus)
	assert.Contains(t, err.Error(), "base URL")

	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(404, `{"status_code":-9999,"message":"not_found"}`))
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrNotFound)
}

// Defect 12: a base URL with a path is refused (https://host/api would send
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

// Defect 13: when the caller's context ends during retries, the error still
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

// Defect 14: NewClient("") matches ErrAPIKeyRequired (and ErrValidation).
func TestNewClientEmptyKeyMatchesErrAPIKeyRequired(t *testing.T) {
	for _, k := range []string{"", "  "} {
		_, err := NewClient(k)
		assert.ErrorIs(t, err, ErrAPIKeyRequired)
		requireValidation(t, err, "apiKey")
	}
}

// Defect 14: a DNS "no such host" is a wrong base URL, not a blip: it is not
// retried.
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

// Defect 14: WithWebhookSecret("") without a logger says so through
// slog.Default, rather than refusing everything silently.
func TestEmptyWebhookSecretIsLoggedWithoutALogger(t *testing.T) {
	var logs logBuffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, nil)))
	defer slog.SetDefault(prev)
	h := NewWebhookHandler(func(context.Context, *CallEvent) error { return nil }, WithWebhookSecret(""))
	require.NotNil(t, h)
	assert.Contains(t, logs.String(), "no non-empty secret")
}

// The transport error of a refused redirect is not retried and names no key.
func TestRefusedRedirectIsNotTransient(t *testing.T) {
	assert.False(t, isTransient(fmt.Errorf("x: %w", errRedirectRefused)))
	assert.False(t, isTransient(fmt.Errorf("x: %w", errPageContradiction)))
	assert.True(t, isTransient(io.ErrUnexpectedEOF))
	assert.False(t, errors.Is(errRedirectRefused, ErrNotFound))
}
