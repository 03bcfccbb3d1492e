package simulator

import (
	"net/http"
	"time"
)

// config is what the options set.
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
	numericLive    bool // live events send the extension and the customer's number as JSON numbers
}

// defaultConfig is the configuration before the options apply.
func defaultConfig() config {
	return config{
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
