package omicall

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An envelope status_code 401 (on HTTP 200) is ErrUnauthorized, answered by
// one refresh and one replay.
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

// token_expired replays once, never in a loop; auth_invalid does not
// replay.
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

func TestNilContextIsAnError(t *testing.T) {
	c, _ := newMockClient(t)
	//nolint:staticcheck // deliberately nil
	err := c.Do(nilCtx(), http.MethodGet, "/api/tenant/detail", nil, nil, nil)
	assert.ErrorIs(t, err, ErrValidation)
	_, err = c.Token(nilCtx()) // a cold client: the fetch would start from ctx
	assert.ErrorIs(t, err, ErrValidation)
}

func nilCtx() context.Context { return nil }

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
