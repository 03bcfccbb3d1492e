package omicall

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"runtime"
	"strings"
	"time"
)

// Version is the version of this SDK; it is sent in the default User-Agent.
const Version = "0.3.0"

const (
	// DefaultBaseURL is the production API host, the one a NewClient
	// without WithBaseURL talks to. API keys are per environment: a
	// production key is refused by StagingBaseURL and the other way round.
	DefaultBaseURL = "https://public-v1.omicall.com"
	// StagingBaseURL is OMICall's staging API host (the one its
	// documentation names), for keys issued for staging.
	StagingBaseURL = "https://public-v1-stg.omicall.com"
	// ProductionBaseURL is the production API host.
	//
	// Deprecated: use DefaultBaseURL, which is production since 0.2.0.
	ProductionBaseURL = DefaultBaseURL

	defaultTimeout     = 30 * time.Second
	defaultMaxAttempts = 3
	defaultMinWait     = 250 * time.Millisecond
	defaultMaxWait     = 5 * time.Second
	// maxResponseBytes caps every response body read into memory.
	maxResponseBytes = 32 << 20
)

// Client talks to the OMICall REST API. Create one with NewClient and share it:
// it is safe for concurrent use, caches its access token and reuses
// connections.
type Client struct {
	e      *engine // the request path every service shares (engine.go)
	common service

	// Agents manages agents (staff) and their invitations.
	Agents *AgentService
	// CallCenter manages extensions, hotlines, groups, IVR scripts and greetings.
	CallCenter *CallCenterService
	// Transactions reads and annotates the call history.
	Transactions *TransactionService
	// Webhooks registers the URLs OMICall posts call events to.
	Webhooks *WebhookService
	// Tenant reads the business account.
	Tenant *TenantService
	// Contacts manages customers.
	Contacts *ContactService
	// Calls places click-to-call and auto calls.
	Calls *CallService
	// Tickets manages support tickets.
	Tickets *TicketService
	// Speech calls the AI text-to-speech and speech-to-text hosts.
	Speech *SpeechService
}

// Format prints the client as omicall.Client{BaseURL: ...}, for every verb:
// never its API key, access token or other configuration.
func (c *Client) Format(f fmt.State, _ rune) {
	if c == nil {
		_, _ = io.WriteString(f, "<nil>")
		return
	}
	_, _ = io.WriteString(f, "omicall.Client{BaseURL: "+c.e.base+"}")
}

// service is the value every service type is made of: the engine its
// requests go through.
type service struct{ e *engine }

// config holds what the options set; NewClient validates it once.
type config struct {
	baseURL       string
	httpClient    *http.Client
	timeout       time.Duration
	maxAttempts   int
	minWait       time.Duration
	maxWait       time.Duration
	userAgent     string
	logger        *slog.Logger
	store         TokenStore
	accessToken   string
	refreshMargin time.Duration
	maxBody       int64        // response size cap
	speech        speechConfig // AI hosts and key (speech.go)
	observer      *Observer    // observer.go
}

// Option configures a Client; pass options to NewClient.
type Option func(*config)

// WithBaseURL sets the API host, e.g. StagingBaseURL or a simulator's URL
// (default DefaultBaseURL, production). A plain http:// URL is accepted only
// for a loopback host. The URL is the host alone: a URL with a path, such as
// https://host/api, is refused, since every endpoint path already starts
// with /api.
func WithBaseURL(u string) Option { return func(c *config) { c.baseURL = u } }

// WithHTTPClient sets the http.Client (and so the transport) requests use.
// The client's Timeout is left as it is; WithTimeout bounds each attempt
// through the request's context instead. The client is not changed: a
// copy of it is used whose redirect policy wraps the caller's, so that
// credentials never leave for another host or plain http (the token
// request is never redirected; on any other redirect to another scheme or
// host the credential headers are dropped), then applies the caller's.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.httpClient = hc } }

// WithTimeout sets the time limit of one HTTP attempt (default 30s). The
// caller's context bounds the whole call, retries included.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithRetry sets how many times a retryable request is attempted in all
// (default 3; 1 disables retries) and the bounds of the exponential backoff
// between attempts (default 250ms to 5s, with full jitter).
func WithRetry(maxAttempts int, minWait, maxWait time.Duration) Option {
	return func(c *config) { c.maxAttempts, c.minWait, c.maxWait = maxAttempts, minWait, maxWait }
}

// WithUserAgent replaces the default User-Agent header.
func WithUserAgent(ua string) Option { return func(c *config) { c.userAgent = ua } }

// WithLogger makes the client log each request (Debug) and each retry (Warn)
// to l. Log lines carry method, path, status and timing; never the API key,
// the token or a query string.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithTokenStore sets where access tokens are kept, so several clients or
// processes can share one token. The default keeps it in memory. A store
// that also implements TokenLocker (redisstore.TokenStore does) makes one
// process of a fleet fetch the token for all.
func WithTokenStore(s TokenStore) Option { return func(c *config) { c.store = s } }

// WithAccessToken makes the client use token as is and never call /api/auth,
// for callers that manage tokens themselves. With it the API key may be empty.
func WithAccessToken(token string) Option { return func(c *config) { c.accessToken = token } }

// WithTokenRefreshMargin sets how long before its expiry a token is replaced
// (default 5 minutes).
func WithTokenRefreshMargin(d time.Duration) Option {
	return func(c *config) { c.refreshMargin = d }
}

// NewClient returns a client for the tenant whose API key is apiKey. It fails
// on an empty key (unless WithAccessToken is given; the error matches
// ErrAPIKeyRequired and ErrValidation), a malformed base URL, a
// plain http:// URL to a host that is not loopback, or invalid retry bounds.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	cfg := config{
		baseURL:       DefaultBaseURL,
		timeout:       defaultTimeout,
		maxAttempts:   defaultMaxAttempts,
		minWait:       defaultMinWait,
		maxWait:       defaultMaxWait,
		userAgent:     fmt.Sprintf("omicall-go/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH),
		refreshMargin: 5 * time.Minute,
		maxBody:       maxResponseBytes,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if strings.TrimSpace(apiKey) == "" && cfg.accessToken == "" {
		return nil, invalidAs("apiKey", "is required", ErrAPIKeyRequired) // a ValidationError that also matches ErrAPIKeyRequired
	}
	base, err := checkBaseURL(cfg.baseURL)
	if err != nil {
		return nil, err
	}
	if cfg.maxAttempts < 1 || cfg.minWait < 0 || cfg.maxWait < cfg.minWait {
		return nil, &ValidationError{Field: "WithRetry", Reason: "needs maxAttempts >= 1 and 0 <= minWait <= maxWait"}
	}
	if err := cfg.speech.check(); err != nil {
		return nil, err
	}
	if cfg.timeout < 0 || cfg.refreshMargin < 0 {
		return nil, &ValidationError{Field: "options", Reason: "durations must not be negative"}
	}
	if cfg.logger == nil {
		cfg.logger = slog.New(discardHandler{})
	}
	if cfg.store == nil {
		cfg.store = NewMemoryTokenStore()
	}
	e := newEngine(&cfg, apiKey, base)
	c := &Client{e: e, common: service{e: e}}
	c.Agents = (*AgentService)(&c.common)
	c.CallCenter = (*CallCenterService)(&c.common)
	c.Transactions = (*TransactionService)(&c.common)
	c.Webhooks = (*WebhookService)(&c.common)
	c.Tenant = (*TenantService)(&c.common)
	c.Contacts = (*ContactService)(&c.common)
	c.Calls = (*CallService)(&c.common)
	c.Tickets = (*TicketService)(&c.common)
	c.Speech = (*SpeechService)(&c.common)
	return c, nil
}

// checkBaseURL validates a base URL and returns it without a trailing slash.
func checkBaseURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", &ValidationError{Field: "baseURL", Reason: "must be an absolute http(s) URL"}
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", &ValidationError{Field: "baseURL", Reason: "must not carry a query, fragment or user info"}
	}
	if strings.Trim(u.Path, "/") != "" { // every endpoint path starts with /api: https://host/api would send /api/api/...
		return "", &ValidationError{Field: "baseURL", Reason: "must be the host only (e.g. " + DefaultBaseURL + "), without a path: endpoint paths start with /api"}
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return "", &ValidationError{Field: "baseURL", Reason: "plain http is allowed only for a loopback host; use https"}
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Do sends one request through the client's request path — token,
// retries, envelope decoding and error mapping included — for endpoints
// this SDK has no method for. path is relative to the base URL (e.g.
// "/api/v2/callTransaction/search"); body, if not nil, is sent as JSON; on
// success the envelope's payload is decoded into out (if not nil).
// GET, PUT and DELETE are retried; a POST only with WithRetryPOST (or
// under ContextWithRetry). opts change this one call: WithAPIKeyHeader,
// WithRetryPOST, WithHeader, WithHost. An empty method, a path that does
// not start with "/" or that carries a query or fragment (pass the query in
// query), an out that is not a pointer, or an invalid option argument, is a
// ValidationError.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body, out any, opts ...RequestOption) error {
	if strings.TrimSpace(method) == "" {
		return &ValidationError{Field: "method", Reason: "is required"}
	}
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, "?#") {
		return &ValidationError{Field: "path", Reason: `must start with "/" and carry no query or fragment`}
	}
	if out != nil {
		if v := reflect.ValueOf(out); v.Kind() != reflect.Pointer || v.IsNil() {
			return &ValidationError{Field: "out", Reason: "must be nil or a non-nil pointer"}
		}
	}
	return c.e.do(ctx, &request{method: method, path: path, query: query, body: body, out: out}, opts...)
}
