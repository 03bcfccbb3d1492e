// Package simulator is an in-memory OMICall server for tests, benchmarks and
// examples. It is a stateful fake of the documented API: it issues JWT-shaped
// tokens that expire, keeps agents, extensions, call history, webhooks,
// contacts and tickets, validates input with the documented error codes, and
// has fault switches (latency, 5xx, 429, revoked tokens, malformed bodies).
package simulator

import (
	"cmp"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
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

	agents   agentState
	cc       callCenterState
	history  history
	hooks    hookState
	contacts contactState
	tickets  ticketState
	speech   speechState
	partner  partnerState
}

type config struct {
	apiKey        string
	tokenLifetime time.Duration
	opaqueTokens  bool
	now           func() time.Time
	seed          uint64
	tenant        Tenant
	agentLimit    int
	historySize   int
	historySpan   time.Duration
	historyEnd    time.Time
	webhookRetry  int
	hookClient    *http.Client

	liveEvents2026 bool // live events in the integrators' 2026 shape (the default), else the 2023 one
	twoLegCalls    bool // answered placed calls have two legs, each with its CDR
}

// Option configures a Server.
type Option func(*config)

// WithAPIKey sets the API key that /api/auth accepts.
func WithAPIKey(key string) Option { return func(c *config) { c.apiKey = key } }

// WithTokenLifetime sets how long issued tokens live (default 24h).
func WithTokenLifetime(d time.Duration) Option { return func(c *config) { c.tokenLifetime = d } }

// WithOpaqueTokens makes the server issue tokens that are not JWTs, so a
// client cannot read their expiry (they still expire after the lifetime).
func WithOpaqueTokens() Option { return func(c *config) { c.opaqueTokens = true } }

// WithClock sets the server's clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithSeed seeds every random choice, so two servers with the same seed hold
// the same data (default 1).
func WithSeed(seed uint64) Option { return func(c *config) { c.seed = seed } }

// WithAgentLimit sets the service package's agent limit (default 50).
func WithAgentLimit(n int) Option { return func(c *config) { c.agentLimit = n } }

// WithHistory seeds n calls spread evenly-at-random over span, ending at end
// (zero end: now). The default is 500 calls over the last 90 days.
func WithHistory(n int, span time.Duration, end time.Time) Option {
	return func(c *config) { c.historySize, c.historySpan, c.historyEnd = n, span, end }
}

// WithWebhookRetries sets how many times a call hook is delivered again after
// a non-2xx answer (default 3).
func WithWebhookRetries(n int) Option { return func(c *config) { c.webhookRetry = n } }

// WithWebhookClient sets the HTTP client used to deliver call hooks.
func WithWebhookClient(hc *http.Client) Option { return func(c *config) { c.hookClient = hc } }

// New returns a server with its seeded state.
func New(opts ...Option) *Server {
	cfg := config{
		apiKey:        DefaultAPIKey,
		tokenLifetime: 24 * time.Hour,
		now:           time.Now,
		seed:          1,
		tenant:        defaultTenant(),
		agentLimit:    50,
		historySize:   500,
		historySpan:   90 * 24 * time.Hour,
		webhookRetry:  3,

		liveEvents2026: true,
	}
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
	s.initAgents()
	s.initCallCenter()
	s.initHistory()
	s.initContacts()
	s.initTickets()
	s.initSpeech()
	s.initPartner()
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

// authKind says how a route authenticates its caller.
type authKind int

const (
	authBearer authKind = iota // Authorization: Bearer <token>
	authNone                   // the token endpoint itself
	authAPIKey                 // x-api-key: <API key>
	authSpeech                 // apikey: <API key> (AI hosts)
)

// handlerFunc serves one route: it returns the payload to wrap in the
// envelope, or an error (an *apiError picks the status and code).
type handlerFunc func(r *http.Request) (any, error)

// route is one row of the routing table.
type route struct {
	method  string
	pattern string // net/http pattern path, e.g. /api/call_transaction/detail/{transaction_id}
	auth    authKind
	raw     bool // write the payload as the whole body (no envelope)
	h       handlerFunc
}

// routes is the one routing table; each domain file adds its own rows.
func (s *Server) routes() []route {
	return slices.Concat(
		s.authRoutes(),
		s.tenantRoutes(),
		s.agentRoutes(),
		s.callCenterRoutes(),
		s.callRoutes(),
		s.historyRoutes(),
		s.searchRoutes(),
		s.v3Routes(),
		s.wildRoutes(),
		s.hookRoutes(),
		s.contactRoutes(),
		s.ticketRoutes(),
		s.speechRoutes(),
		s.partnerRoutes(),
	)
}

func (s *Server) buildMux() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes() {
		name := rt.method + " " + rt.pattern
		mux.HandleFunc(name, s.serve(name, rt))
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.count("UNKNOWN " + r.URL.Path)
		writeEnvelope(w, http.StatusNotFound, -9999, "not_found", nil)
	})
	return mux
}

// serve wraps a route with counting, faults, authentication and the envelope.
func (s *Server) serve(name string, rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.count(name)
		if s.applyFaults(w, r, name) {
			return
		}
		if err := s.authenticate(r, rt.auth); err != nil {
			writeError(w, err)
			return
		}
		payload, err := rt.h(r)
		if err != nil {
			writeError(w, err)
			return
		}
		if b, ok := payload.(binaryBody); ok {
			if b.contentType != "" {
				w.Header().Set("Content-Type", b.contentType)
			}
			w.WriteHeader(cmp.Or(b.status, http.StatusOK))
			_, _ = w.Write(b.data)
			return
		}
		if rt.raw {
			writeJSON(w, http.StatusOK, payload)
			return
		}
		writeEnvelope(w, http.StatusOK, 9999, "", payload)
	}
}

func (s *Server) count(name string) {
	s.mu.Lock()
	s.counts[name]++
	s.mu.Unlock()
}

// apiError is a failure the simulator answers with.
type apiError struct {
	status int    // HTTP status
	code   string // envelope message
}

func (e *apiError) Error() string { return e.code }

// binaryBody, returned by a handler, is written as the whole response body
// as is (no envelope, no JSON): audio files, empty answers.
type binaryBody struct {
	contentType string
	data        []byte
	status      int // 0 means 200
}

// fail is a documented error code, answered with HTTP 200 and status_code
// -9999 as OMICall does.
func fail(code string) error { return &apiError{status: http.StatusOK, code: code} }

// failHTTP is an error answered with an HTTP error status.
func failHTTP(status int, code string) error { return &apiError{status: status, code: code} }

// errNotFound answers an unknown id.
var errNotFound = failHTTP(http.StatusNotFound, "not_found")

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{status: http.StatusInternalServerError, code: "internal_error"}
	}
	writeEnvelope(w, ae.status, -9999, ae.code, nil)
}

type envelope struct {
	StatusCode      int    `json:"status_code"`
	Message         string `json:"message,omitempty"`
	InstanceID      string `json:"instance_id"`
	InstanceVersion string `json:"instance_version"`
	Payload         any    `json:"payload,omitempty"`
	KeyEnabled      bool   `json:"key_enabled"`
}

func writeEnvelope(w http.ResponseWriter, status, code int, msg string, payload any) {
	writeJSON(w, status, envelope{StatusCode: code, Message: msg, InstanceID: "sim", InstanceVersion: Version, Payload: payload})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"status_code":-9999,"message":"internal_error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
