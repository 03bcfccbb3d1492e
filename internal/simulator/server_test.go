package simulator

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCountersAndUnknownRoutes(t *testing.T) {
	s := New()
	tok := login(t, s)
	call(t, s, "GET", "/api/tenant/detail", tok)
	call(t, s, "GET", "/api/tenant/detail", tok)
	code, _, env := call(t, s, "GET", "/api/nothing/here", tok)
	assert.Equal(t, 404, code)
	assert.Equal(t, "not_found", env["message"])
	assert.Equal(t, 1, s.Requests("GET /api/auth"))
	assert.Equal(t, 2, s.Requests("GET /api/tenant/detail"))
	assert.Equal(t, 4, s.TotalRequests())
	s.ResetCounts()
	assert.Zero(t, s.TotalRequests())
}

func TestStartServesOverLoopback(t *testing.T) {
	s := New()
	base, stop := s.Start()
	defer stop()
	require.True(t, strings.HasPrefix(base, "http://127.0.0.1:"), base)
	status, _, raw := roundTrip(t, s, base, "GET", "/api/auth?apiKey="+s.APIKey(), nil, nil)
	assert.Equal(t, 200, status, string(raw))
	assert.Equal(t, 1, s.Requests("GET /api/auth"))
}

func TestSameSeedSameState(t *testing.T) {
	a, b := New(WithSeed(11)), New(WithSeed(11))
	assert.Equal(t, a.CallIDs(time.Unix(0, 0), time.Now()), b.CallIDs(time.Unix(0, 0), time.Now()))
	assert.Equal(t, a.tickets.categories[1].ID, b.tickets.categories[1].ID)
	assert.NotEqual(t, a.tickets.categories[1].ID, New(WithSeed(12)).tickets.categories[1].ID)
}
