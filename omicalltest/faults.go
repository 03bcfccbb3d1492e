package omicalltest

import (
	"time"

	"github.com/omicall-go/omicall/internal/simulator"
)

// Fault is a failure injected into the next requests of a route.
type Fault struct {
	Route      string    // e.g. "GET /api/tenant/detail"; empty: every route but GET /api/auth
	Kind       FaultKind // default FaultStatus
	Status     int       // for FaultStatus; default 503, or 200 when Code is set
	RetryAfter string    // Retry-After header for FaultStatus, e.g. "1"
	Times      int       // how many requests it hits; default 1
	// Code is the envelope message of FaultStatus, e.g. "token_expired",
	// "permission_denied" or "rate_limit_exceeded" (any code of docs/api.md
	// §17 and §18.5); empty means service_unavailable (too_many_requests
	// for 429).
	Code string
	// StatusCode is the envelope status_code of FaultStatus; 0 means -9999.
	// Set 401 for the envelope 401 the vendor's client also meets.
	StatusCode int
}

// FaultKind is what a Fault does to a request.
type FaultKind int

// The fault kinds.
const (
	FaultStatus    FaultKind = iota // answer Status (and Retry-After, if set) with an error envelope
	FaultMalformed                  // answer HTTP 200 with an HTML page instead of JSON
	FaultTruncated                  // answer HTTP 200 with the first half of a valid envelope
	FaultDrop                       // close the connection without an answer (a network error)
	FaultRevoke                     // revoke every issued token, then serve the request (401 if it carried one)
)

// InjectFault queues a fault. Faults apply in the order injected.
func (s *Server) InjectFault(f Fault) {
	s.sim.InjectFault(simulator.Fault{Route: f.Route, Kind: simFaultKinds[f.Kind], Status: f.Status, RetryAfter: f.RetryAfter,
		Times: f.Times, Code: f.Code, StatusCode: f.StatusCode})
}

var simFaultKinds = map[FaultKind]simulator.FaultKind{
	FaultStatus:    simulator.FaultStatus,
	FaultMalformed: simulator.FaultMalformed,
	FaultTruncated: simulator.FaultTruncated,
	FaultDrop:      simulator.FaultDrop,
	FaultRevoke:    simulator.FaultRevoke,
}

// ClearFaults removes every queued fault, the latency and the error rate.
func (s *Server) ClearFaults() { s.sim.ClearFaults() }

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) { s.sim.SetLatency(d) }

// SetErrorRate makes a share p (0..1) of requests, drawn from the seeded
// random source, fail with HTTP status (default 503).
func (s *Server) SetErrorRate(p float64, status int) { s.sim.SetErrorRate(p, status) }

// RevokeTokens invalidates every token issued so far: the next request with
// one gets 401.
func (s *Server) RevokeTokens() { s.sim.RevokeTokens() }

// ExpireTokens makes every issued token expire now (unlike RevokeTokens,
// the server still knows them).
func (s *Server) ExpireTokens() { s.sim.ExpireTokens() }

// SetHistoryRateLimit makes the call-history endpoints that walk the
// history serve at most n requests each within any 30 minutes of the
// server's clock and answer the others with HTTP 200, status_code -9999
// and a Retry-After header (the seconds until a request is served again):
// GET /api/call_transaction/list (Transactions.List, All) answers
// limit_request_30_minute, the documented rate limit, and
// POST /api/v3/call-transaction/search (Transactions.Search) answers
// rate_limit_exceeded. Both match omicall.ErrRateLimited. Each endpoint
// has a quota of its own; refused requests do not count. n <= 0 removes
// the limit (the default).
func (s *Server) SetHistoryRateLimit(n int) { s.sim.SetHistoryRateLimit(n) }

// SetHistoryRateLimitWindow is SetHistoryRateLimit over window instead of
// 30 minutes (window <= 0 means 30 minutes), so that a test of code that
// waits out the limit, as the SDK does when the answer carries a
// Retry-After of a minute or less, runs in seconds.
func (s *Server) SetHistoryRateLimitWindow(n int, window time.Duration) {
	s.sim.SetHistoryRateLimitWindow(n, window)
}
