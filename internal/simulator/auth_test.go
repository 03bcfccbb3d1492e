package simulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthIssuesJWTWithExp(t *testing.T) {
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s := New(WithClock(func() time.Time { return now }), WithTokenLifetime(time.Hour))
	tok := login(t, s)
	parts := strings.Split(tok, ".")
	require.Len(t, parts, 3)
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	require.NoError(t, err)
	var claims struct{ Exp, Iat int64 }
	require.NoError(t, json.Unmarshal(raw, &claims))
	assert.Equal(t, now.Add(time.Hour).Unix(), claims.Exp)
	assert.Equal(t, now.Unix(), claims.Iat)
	assert.NotEqual(t, tok, login(t, s), "every token is new")
}

func TestAuthErrors(t *testing.T) {
	s := New()
	_, _, env := call(t, s, "GET", "/api/auth", "")
	assert.Equal(t, "api_key_is_required", env["message"])
	_, _, env = call(t, s, "GET", "/api/auth?apiKey=nope", "")
	assert.Equal(t, "api_key_invalid", env["message"])
	assert.EqualValues(t, -9999, env["status_code"])
}

func TestTokensExpireAndRevoke(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC).UnixNano())
	s := New(WithClock(func() time.Time { return time.Unix(0, now.Load()) }), WithTokenLifetime(time.Minute))
	code, _, _ := call(t, s, "GET", "/api/tenant/detail", "")
	assert.Equal(t, 401, code, "no token")
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", "made-up")
	assert.Equal(t, 401, code, "unknown token")
	tok := login(t, s)
	code, _, env := call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 200, code)
	assert.Equal(t, "democo", env["payload"].(map[string]any)["domain_fusion"])
	now.Add(int64(61 * time.Second))
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 401, code, "expired")
	tok = login(t, s)
	s.RevokeTokens()
	code, _, _ = call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 401, code, "revoked")
}

func TestOpaqueTokensAreNotJWTs(t *testing.T) {
	s := New(WithOpaqueTokens())
	tok := login(t, s)
	assert.True(t, strings.HasPrefix(tok, "sim-"))
	assert.NotContains(t, tok, ".")
	code, _, _ := call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 200, code)
}

func TestAnyAPIKey(t *testing.T) {
	s := New(WithAnyAPIKey())
	assert.True(t, s.AnyAPIKey())
	assert.False(t, New().AnyAPIKey())
	code, _, env := call(t, s, "GET", "/api/auth?apiKey=mine-own-key", "")
	assert.Equal(t, 200, code)
	assert.EqualValues(t, 9999, env["status_code"])
	_, _, env = call(t, s, "GET", "/api/auth?apiKey=", "")
	assert.Equal(t, "api_key_is_required", env["message"], "an empty key is still refused")

	header := func(kind authKind, h, key string) error {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set(h, key)
		return s.authenticate(r, kind)
	}
	assert.NoError(t, header(authAPIKey, "x-api-key", "anything"))
	assert.NoError(t, header(authSpeech, "apikey", "anything"))
	assert.Equal(t, "api_key_is_required", header(authAPIKey, "x-api-key", "").Error())

	strict := New()
	assert.True(t, strict.keyOK(DefaultAPIKey))
	assert.False(t, strict.keyOK("other"))
}

func TestExpireTokens(t *testing.T) {
	s := New()
	tok := login(t, s)
	s.ExpireTokens()
	code, _, env := call(t, s, "GET", "/api/tenant/detail", tok)
	assert.Equal(t, 401, code)
	assert.Equal(t, "unauthorized", env["message"])
}
