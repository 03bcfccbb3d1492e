// Package omicalltest runs an in-memory OMICall for the tests of code that
// uses package omicall: no account, no network beyond loopback. The server
// is a stateful fake of the documented API — tokens that expire, agents and
// extensions, a seeded call history, webhook delivery, contacts, tickets —
// with request counters and fault switches.
//
//	func TestSync(t *testing.T) {
//		c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(1000, 60*24*time.Hour, time.Time{}))
//		// ... run your code with c ...
//		if n := srv.Requests("GET /api/auth"); n != 1 { t.Errorf("%d token requests", n) }
//	}
package omicalltest

import (
	"net/http"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/internal/simulator"
)

// Server is the simulated OMICall API. See its methods for request counters
// (Requests), fault switches (InjectFault, SetLatency, SetErrorRate,
// RevokeTokens, ExpireTokens) and PlaceCall.
type Server = simulator.Server

// Option configures a Server.
type Option = simulator.Option

// Fault is a failure injected into the next requests of a route.
type Fault = simulator.Fault

// FaultKind is what a Fault does to a request.
type FaultKind = simulator.FaultKind

// Tenant is the simulated business account.
type Tenant = simulator.Tenant

// The fault kinds.
const (
	FaultStatus    = simulator.FaultStatus
	FaultMalformed = simulator.FaultMalformed
	FaultTruncated = simulator.FaultTruncated
	FaultDrop      = simulator.FaultDrop
	FaultRevoke    = simulator.FaultRevoke
)

// DefaultAPIKey is the API key a Server accepts unless WithAPIKey is given.
const DefaultAPIKey = simulator.DefaultAPIKey

// NewServer returns a server that is not listening yet: call its Start
// method, or serve its Handler yourself.
func NewServer(opts ...Option) *Server { return simulator.New(opts...) }

// NewClient starts a server for the test, stops it when the test ends, and
// returns a client connected to it (retries with millisecond backoff, so
// fault tests stay fast) together with the server.
func NewClient(tb testing.TB, opts ...Option) (*omicall.Client, *Server) {
	tb.Helper()
	srv := simulator.New(opts...)
	url, stop := srv.Start()
	tb.Cleanup(stop)
	c, err := omicall.NewClient(srv.APIKey(), omicall.WithBaseURL(url), omicall.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		tb.Fatalf("omicalltest: %v", err)
	}
	return c, srv
}

// WithAPIKey sets the API key the server accepts.
func WithAPIKey(key string) Option { return simulator.WithAPIKey(key) }

// WithTokenLifetime sets how long issued tokens live (default 24h).
func WithTokenLifetime(d time.Duration) Option { return simulator.WithTokenLifetime(d) }

// WithOpaqueTokens makes the server issue tokens that are not JWTs.
func WithOpaqueTokens() Option { return simulator.WithOpaqueTokens() }

// WithClock sets the server's clock.
func WithClock(now func() time.Time) Option { return simulator.WithClock(now) }

// WithSeed seeds every random choice of the server (default 1).
func WithSeed(seed uint64) Option { return simulator.WithSeed(seed) }

// WithTenant replaces the simulated tenant.
func WithTenant(t Tenant) Option { return simulator.WithTenant(t) }

// WithAgentLimit sets the service package's agent limit (default 50).
func WithAgentLimit(n int) Option { return simulator.WithAgentLimit(n) }

// WithHistory seeds n calls over span, ending at end (zero: now).
func WithHistory(n int, span time.Duration, end time.Time) Option {
	return simulator.WithHistory(n, span, end)
}

// WithWebhookRetries sets how many times a call hook is delivered again
// after a non-2xx answer (default 3).
func WithWebhookRetries(n int) Option { return simulator.WithWebhookRetries(n) }

// WithWebhookClient sets the HTTP client that delivers call hooks.
func WithWebhookClient(hc *http.Client) Option { return simulator.WithWebhookClient(hc) }
