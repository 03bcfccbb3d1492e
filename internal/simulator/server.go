// Package simulator is an in-memory OMICall server for tests, benchmarks and
// examples. It is a stateful fake of the documented API: it issues JWT-shaped
// tokens that expire, keeps agents, extensions, call history, webhooks,
// contacts and tickets, validates input with the documented error codes, and
// has fault switches (latency, 5xx, 429, revoked tokens, malformed bodies).
//
// Each domain of the API (agents, call center, call history, hooks, ...)
// lives in files of its own, which register its routes and its seed.
package simulator

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// DefaultAPIKey is the API key the simulator accepts unless WithAPIKey is
// given.
const DefaultAPIKey = "sim-api-key-0123456789"

// Version is reported as the envelope's instance_version.
const Version = "sim-1.0.0"

// Server is a simulated OMICall API. Its methods are safe for concurrent use.
type Server struct {
	cfg     config
	handler http.Handler

	mu     sync.Mutex // guards everything below
	rng    *rand.Rand
	tokens map[string]time.Time // access token -> expiry
	counts map[string]int       // route ("GET /api/auth") -> requests
	faults faultState
	domainState
}

// New returns a server with its seeded state.
func New(opts ...Option) *Server {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.hookClient == nil {
		cfg.hookClient = &http.Client{Timeout: 10 * time.Second}
	}
	s := &Server{
		cfg:    cfg,
		rng:    rand.New(rand.NewPCG(cfg.seed, cfg.seed^0x9e3779b97f4a7c15)),
		tokens: map[string]time.Time{},
		counts: map[string]int{},
	}
	s.seed()
	s.handler = s.buildMux()
	return s
}

// Handler returns the server as an http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Start serves the simulator on a loopback port and returns its base URL and
// a function that stops it.
func (s *Server) Start() (url string, stop func()) {
	ts := httptest.NewServer(s.handler)
	return ts.URL, func() {
		s.waitHooks()
		ts.Close()
	}
}

// APIKey returns the API key the server accepts.
func (s *Server) APIKey() string { return s.cfg.apiKey }

// Requests returns how many requests a route has received, e.g.
// Requests("GET /api/auth"). Requests that a fault answered count too.
func (s *Server) Requests(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[route]
}

// TotalRequests returns how many requests all routes have received.
func (s *Server) TotalRequests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, v := range s.counts {
		n += v
	}
	return n
}

// ResetCounts sets every request counter to zero.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.counts)
}

// now returns the server clock's time.
func (s *Server) now() time.Time { return s.cfg.now() }

func (s *Server) count(name string) {
	s.mu.Lock()
	s.counts[name]++
	s.mu.Unlock()
}
