package simulator

import (
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegisterKeepsSeedOrder(t *testing.T) {
	saved := domains
	t.Cleanup(func() { domains = saved })
	domains = nil
	var ran []string
	seed := func(name string) func(*Server) { return func(*Server) { ran = append(ran, name) } }
	register(domain{seed: seed("c"), seedOrder: 3})
	register(domain{seed: seed("a"), seedOrder: 1})
	register(domain{seed: seed("zero")})
	register(domain{seed: seed("b"), seedOrder: 1})
	register(domain{routes: func(*Server) []route { return []route{{method: "GET", pattern: "/r"}} }})
	s := &Server{}
	s.seed()
	assert.Equal(t, []string{"zero", "a", "b", "c"}, ran, "by order, then as registered")
	assert.Equal(t, []route{{method: "GET", pattern: "/r"}}, s.routes())
}

func TestDomainsSeedInOrder(t *testing.T) {
	s := New()
	var exts []string
	for _, a := range s.agents.list {
		exts = append(exts, a.ext)
	}
	require.NotEmpty(t, exts)
	assert.Equal(t, exts, s.cc.groups[0].SIPMembers, "the call center is seeded after the agents")
	assert.True(t, slices.IsSortedFunc(domains, func(a, b domain) int { return a.seedOrder - b.seedOrder }))
}

func TestEveryRouteIsRegisteredOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, rt := range New().routes() {
		name := rt.method + " " + rt.pattern
		assert.False(t, seen[name], name)
		seen[name] = true
		assert.NotNil(t, rt.h, name)
	}
	for _, name := range []string{"GET /api/auth", "GET /api/tenant/detail", "GET /api/agent/list",
		"POST /api/click2call", "GET /api/call_transaction/list", "POST /api/webhooks/register",
		"POST /api/contacts/list", "POST /api/ticket/list", "POST /v1/tts", "GET /api/partner/me"} {
		assert.True(t, seen[name], name)
	}
}

func TestServeAnswersRawBinaryAndUnknownRoutes(t *testing.T) {
	s := New()
	w := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/v1/tts", strings.NewReader(`{"text":"a"}`))
	req.Header.Set("apikey", s.APIKey())
	s.Handler().ServeHTTP(w, req)
	assert.Equal(t, 200, w.Code)
	assert.True(t, strings.HasPrefix(w.Body.String(), `{"data":`), "a raw route has no envelope: %s", w.Body)

	w = httptest.NewRecorder()
	req = httptest.NewRequest("POST", "/api/asr/register", strings.NewReader(`{"url":"https://x.example/asr"}`))
	req.Header.Set("apikey", s.APIKey())
	s.Handler().ServeHTTP(w, req)
	assert.Equal(t, 200, w.Code)
	assert.Empty(t, w.Body.String(), "a binary body is written as it is")

	w = httptest.NewRecorder()
	s.Handler().ServeHTTP(w, httptest.NewRequest("GET", "/api/nowhere", nil))
	assert.Equal(t, 404, w.Code)
	assert.Equal(t, 1, s.Requests("UNKNOWN /api/nowhere"))
}
