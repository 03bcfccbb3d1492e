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

// The credential is chosen by the request, in the engine only: the bearer
// token by default, x-api-key alone on a /api/v3/ path (Client.Do
// included), both for the call bot, the apikey header for the AI hosts,
// none for a download; the API key in the apiKey query only on the token
// request.
func TestCredentialsChosenByTheRequest(t *testing.T) {
	type creds struct{ bearer, xAPIKey, apikey string }
	withAuth := func(a authKind, path string) *request {
		return &request{method: http.MethodGet, path: path, callOptions: callOptions{auth: a}}
	}
	for _, tc := range []struct {
		name  string
		send  func(ctx context.Context, c *Client) error
		want  creds
		token bool // the access token is fetched
	}{
		{"bearer by default", func(ctx context.Context, c *Client) error {
			return c.e.do(ctx, &request{method: http.MethodGet, path: "/api/x"})
		}, creds{bearer: "Bearer " + testToken}, true},
		{"x-api-key on a /api/v3/ path, through Client.Do", func(ctx context.Context, c *Client) error {
			return c.Do(ctx, http.MethodPost, "/api/v3/x", nil, map[string]any{}, nil)
		}, creds{xAPIKey: testAPIKey}, false},
		{"both for the call bot", func(ctx context.Context, c *Client) error {
			return c.e.do(ctx, withAuth(authBearerAndKey, "/api/x"))
		}, creds{bearer: "Bearer " + testToken, xAPIKey: testAPIKey}, true},
		{"apikey for the AI hosts", func(ctx context.Context, c *Client) error {
			return c.e.do(ctx, withAuth(authSpeechKey, "/v1/x"), WithHost("https://ai.omicall.test"), withRawResponse())
		}, creds{apikey: testAPIKey}, false},
		{"none for a download", func(ctx context.Context, c *Client) error {
			return c.e.do(ctx, withAuth(authNone, "/audio/x"), WithHost("https://tts.omicall.test"), withRawResponse())
		}, creds{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			auth := recordRoute(t, mt, http.MethodGet, "/api/auth", okPayload(`{"access_token":"`+testToken+`"}`))
			rec := recordAny(t, mt, okPayload(`true`))
			require.NoError(t, tc.send(ctxT(t), c))
			got := rec.only(t)
			assert.Equal(t, tc.want, creds{got.Header.Get("Authorization"), got.Header.Get("X-Api-Key"), got.Header.Get("Apikey")})
			assert.Empty(t, got.Query.Get("apiKey"), "the key travels in a query only to /api/auth")
			if !tc.token {
				assert.Zero(t, auth.count(), "no token is fetched")
				return
			}
			tok := auth.only(t)
			assert.Equal(t, testAPIKey, tok.Query.Get("apiKey"))
			for _, h := range []string{"Authorization", "X-Api-Key", "Apikey"} {
				assert.Empty(t, tok.Header.Get(h), h)
			}
		})
	}
}

// Credentials are set after the per-call headers: a WithHeader cannot
// replace them.
func TestWithHeaderCannotReplaceCredentials(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordAny(t, mt, okPayload(`true`))
	require.NoError(t, c.Do(ctxT(t), http.MethodGet, "/api/x", nil, nil, nil, WithHeader("authorization", "Bearer forged")))
	require.NoError(t, c.Do(ctxT(t), http.MethodGet, "/api/v3/x", nil, nil, nil, WithHeader("x-api-key", "forged")))
	sent := rec.all()
	require.Len(t, sent, 2)
	assert.Equal(t, []string{"Bearer " + testToken}, sent[0].Header.Values("Authorization"))
	assert.Equal(t, []string{testAPIKey}, sent[1].Header.Values("X-Api-Key"))
}
