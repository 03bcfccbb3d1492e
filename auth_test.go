package omicall

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnauthorizedTwiceGivesErrUnauthorized(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		calls.Add(1)
		return httpmock.NewStringResponse(401, `{"status_code":-9999,"message":"unauthorized"}`), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, int32(2), calls.Load(), "one refresh, then give up")
	assert.Equal(t, 2, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"])
}

func TestEnvelopeTokenCodeRefreshes(t *testing.T) {
	c, mt := newMockClient(t)
	var calls atomic.Int32
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(*http.Request) (*http.Response, error) {
		if calls.Add(1) == 1 {
			return httpmock.NewStringResponse(200, `{"status_code":-9999,"message":"token_expired"}`), nil
		}
		return httpmock.NewStringResponse(200, tenantOK), nil
	})
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, int32(2), calls.Load())
}

func TestJWTExpiryParsing(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	assert.Equal(t, now.Add(24*time.Hour), jwtExpiry("opaque", now))
	assert.Equal(t, now.Add(24*time.Hour), jwtExpiry("a.b.c", now))
	// {"exp":1700003600}
	assert.Equal(t, time.Unix(1700003600, 0), jwtExpiry("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDM2MDB9.sig", now))
	// {"sub":"x"} has no exp
	assert.Equal(t, now.Add(24*time.Hour), jwtExpiry("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig", now))
}
