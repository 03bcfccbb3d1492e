package omicall

import (
	"net/http"
	"sync/atomic"
	"testing"

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
