package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
