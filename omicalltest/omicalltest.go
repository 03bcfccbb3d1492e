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
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/internal/simulator"
)

// DefaultAPIKey is the API key a Server accepts unless WithAPIKey is given.
const DefaultAPIKey = "sim-api-key-0123456789"

// PartnerToken is the partner token a Server accepts on the partner API
// (omicall.NewPartnerClient(omicalltest.PartnerToken, ...)).
const PartnerToken = "sim-partner-token-0123456789"

// Option configures a Server. The With... functions make them.
type Option struct{ o simulator.Option }

// WithAPIKey sets the API key the server accepts (default DefaultAPIKey).
func WithAPIKey(key string) Option { return Option{simulator.WithAPIKey(key)} }

// WithTokenLifetime sets how long issued tokens live (default 24h).
func WithTokenLifetime(d time.Duration) Option { return Option{simulator.WithTokenLifetime(d)} }

// WithOpaqueTokens makes the server issue tokens that are not JWTs, so a
// client cannot read their expiry (they still expire after the lifetime).
func WithOpaqueTokens() Option { return Option{simulator.WithOpaqueTokens()} }

// WithClock sets the server's clock (default time.Now).
func WithClock(now func() time.Time) Option { return Option{simulator.WithClock(now)} }

// WithSeed seeds every random choice, so two servers with the same seed hold
// the same data (default 1).
func WithSeed(seed uint64) Option { return Option{simulator.WithSeed(seed)} }

// WithTenant replaces the simulated tenant, served by
// GET /api/tenant/detail. The hotlines of its PublicNumbers are the ones
// calls can go out on.
func WithTenant(t omicall.Tenant) Option {
	var st simulator.Tenant
	b, err := json.Marshal(t)
	if err == nil {
		err = json.Unmarshal(b, &st)
	}
	if err != nil {
		panic("omicalltest: WithTenant: " + err.Error()) // every omicall.Tenant encodes
	}
	return Option{simulator.WithTenant(st)}
}

// WithAgentLimit sets the service package's agent limit (default 50).
func WithAgentLimit(n int) Option { return Option{simulator.WithAgentLimit(n)} }

// WithHistory seeds n calls spread evenly at random over span, ending at end
// (zero end: now). The default is 500 calls over the last 90 days.
func WithHistory(n int, span time.Duration, end time.Time) Option {
	return Option{simulator.WithHistory(n, span, end)}
}

// WithWebhookRetries sets how many times a call hook is delivered again
// after a non-2xx answer (default 3).
func WithWebhookRetries(n int) Option { return Option{simulator.WithWebhookRetries(n)} }

// WithWebhookClient sets the HTTP client that delivers call hooks.
func WithWebhookClient(hc *http.Client) Option { return Option{simulator.WithWebhookClient(hc)} }

// Server is the simulated OMICall API: a stateful fake with request
// counters, fault switches and seeding helpers. Its methods are safe for
// concurrent use.
type Server struct {
	sim  *simulator.Server
	url  string
	stop func()
}

// NewServer returns a server with its seeded state that is not listening
// yet: call Start (or Client), or serve Handler yourself.
func NewServer(opts ...Option) *Server {
	so := make([]simulator.Option, 0, len(opts))
	for _, o := range opts {
		if o.o != nil {
			so = append(so, o.o)
		}
	}
	return &Server{sim: simulator.New(so...)}
}

// NewClient starts a server for the test, stops it when the test ends, and
// returns a client connected to it (retries with millisecond backoff, so
// fault tests stay fast) together with the server.
func NewClient(tb testing.TB, opts ...Option) (*omicall.Client, *Server) {
	tb.Helper()
	srv := NewServer(opts...)
	return srv.Client(tb), srv
}

// Client returns a client of the server, starting the server first if it
// is not listening (it then stops when the test ends). The client retries
// with millisecond backoff; opts are applied after that default.
func (s *Server) Client(tb testing.TB, opts ...omicall.Option) *omicall.Client {
	tb.Helper()
	if s.url == "" {
		_, stop := s.Start()
		tb.Cleanup(stop)
	}
	opts = append([]omicall.Option{omicall.WithBaseURL(s.url), omicall.WithRetry(3, time.Millisecond, 10*time.Millisecond)}, opts...)
	c, err := omicall.NewClient(s.APIKey(), opts...)
	if err != nil {
		tb.Fatalf("omicalltest: %v", err)
	}
	return c
}

// Start serves the server on a loopback port and returns its base URL and
// a function that stops it (after the call hooks in flight are delivered).
// Start a server once.
func (s *Server) Start() (url string, stop func()) {
	s.url, s.stop = s.sim.Start()
	return s.url, s.stop
}

// URL returns the base URL of a started server ("" before Start).
func (s *Server) URL() string { return s.url }

// Close stops a started server, like the function Start returns.
func (s *Server) Close() {
	if s.stop != nil {
		s.stop()
	}
}

// Handler returns the server as an http.Handler, for serving it yourself.
func (s *Server) Handler() http.Handler { return s.sim.Handler() }

// APIKey returns the API key the server accepts.
func (s *Server) APIKey() string { return s.sim.APIKey() }

// WithLiveEvents2023 makes placed calls send their live events in the
// documented 2023 shape (docs/api.md §14.1): call_uuid, from_number,
// to_number, hotline, created_time and date_time, states ringing, answered
// and hangup. By default they come as integrators receive them in 2026
// (§18.4): call_uuid or transaction_id, extension, phone_number, state and
// direction, no times and no hotline, with the states create and early
// before ringing.
func WithLiveEvents2023() Option { return Option{simulator.WithLiveEvents2023()} }

// WithTwoLegCalls makes every answered placed call a call of two legs (the
// agent's, then the customer's), each followed by a CDR for the same
// transaction id, as OMICall does (docs/api.md §18.6): the first for the
// agent's leg, without a recording yet; the second, later
// (last_updated_date) and complete, for the whole call. Each leg has its
// call_uuid (docs/api.md §18.9): the agent's is the transaction id, the
// customer's one of its own; every hook of the call carries both keys —
// the live events until the answer name the agent's leg, the answer, the
// hangup and the second CDR the customer's. Without it a call sends one
// CDR and has one leg, named by the transaction id. Use it to test that a
// webhook receiver keys calls by transaction id and keeps the newest copy.
func WithTwoLegCalls() Option { return Option{simulator.WithTwoLegCalls()} }

// WithNumericLiveFields makes the live events send the agent's extension
// and the customer's number as JSON numbers ("extension":106), as some
// captures show them (docs/api.md §18.9): extension and phone_number in the
// 2026 shape, from_number and to_number with WithLiveEvents2023. A number
// loses its leading zero (0901234567 is sent as 901234567). CDRs keep
// strings. Use it to test that a webhook receiver reads either.
func WithNumericLiveFields() Option { return Option{simulator.WithNumericLiveFields()} }
