package omicall

import (
	"context"
	"encoding/json"
	"errors"
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

	"github.com/go-resty/resty/v2"
)

// Version is the version of this SDK; it is sent in the default User-Agent.
const Version = "0.2.0"

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
	cfg    *config // behind a pointer, so that printing a Client or a service never shows the access token
	rc     *resty.Client
	base   string // base URL without a trailing slash
	tokens *tokenSource

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
	_, _ = io.WriteString(f, "omicall.Client{BaseURL: "+c.base+"}")
}

// service is the value every service type is made of: a back-pointer to the
// client whose request path it uses.
type service struct{ c *Client }

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
		return nil, dateErr("apiKey", "is required", ErrAPIKeyRequired) // a ValidationError that also matches ErrAPIKeyRequired
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
	hc := cfg.httpClient
	if hc == nil {
		hc = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), CheckRedirect: guardRedirect(sameOriginRedirect)}
	} else { // a shallow copy: the caller's client is not changed, its transport is shared
		own := *hc
		own.CheckRedirect = guardRedirect(hc.CheckRedirect)
		hc = &own
	}
	rc := resty.NewWithClient(hc).
		SetLogger(restyQuiet{}).
		SetRetryCount(0). // the retry policy is ours (retry.go)
		SetHeader("User-Agent", cfg.userAgent).
		SetHeader("Accept", "application/json")
	c := &Client{cfg: &cfg, rc: rc, base: base}
	c.tokens = newTokenSource(c, apiKey)
	c.common.c = c
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

// sameOriginRedirect is the redirect policy of the default http.Client. A
// redirect to another scheme or host is followed without the credentials:
// net/http would keep the Authorization header on a redirect from https to
// plain http on the same host, and the x-api-key and apikey headers on a
// redirect to any host.
func sameOriginRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return errors.New("stopped after 10 redirects")
	}
	if req.URL.Scheme != via[0].URL.Scheme || !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
		for _, h := range []string{"Authorization", "X-Api-Key", "Apikey"} {
			req.Header.Del(h)
		}
	}
	return nil
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
	return c.do(ctx, &request{method: method, path: path, query: query, body: body, out: out}, opts...)
}

// do is the one request path every service uses; opts are applied to r
// first.
func (c *Client) do(ctx context.Context, r *request, opts ...RequestOption) (err error) {
	r.apply(opts)
	if r.err != nil {
		return r.err
	}
	if ctx == nil {
		return &ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	ctx, end := c.observeCall(ctx, r) // observer.go
	defer func() { end(err) }()
	if r.auth == authAPIKey && c.tokens.apiKey == "" {
		return &ValidationError{Field: "WithAPIKeyHeader", Reason: "the client has no API key"}
	}
	var payload []byte
	if r.body != nil && r.multipart == nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return fmt.Errorf("omicall: %s %s: encoding request: %w", r.method, r.path, err)
		}
		payload = b
	}
	refreshed := false
	for {
		token, err := c.authFor(ctx, r)
		if err != nil {
			return err
		}
		err = c.send(ctx, r, payload, token)
		var apiErr *APIError
		if !refreshed && r.auth == authBearer && errors.As(err, &apiErr) && apiErr.tokenRejected() && c.tokens.canRefresh() {
			refreshed = true
			c.tokens.invalidate(token)
			if r.rewind() {
				continue
			}
		}
		return err
	}
}

// authFor returns the bearer token a request needs ("" when it needs none).
func (c *Client) authFor(ctx context.Context, r *request) (string, error) {
	if r.auth != authBearer {
		return "", nil
	}
	t, err := c.tokens.token(ctx)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// send performs the attempts of one request with the retry policy and decodes
// the final response.
func (c *Client) send(ctx context.Context, r *request, payload []byte, token string) error {
	retryable := r.multipart == nil && (r.retryPOST || isIdempotent(r.method) || retryAllowed(ctx))
	var last error // the error of the last completed attempt
	for attempt := 1; ; attempt++ {
		start := time.Now()
		resp, body, err := c.attempt(ctx, r, payload, token)
		status := 0
		if resp != nil && resp.RawResponse != nil {
			status = resp.StatusCode()
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				c.observeAttempt(ctx, r, AttemptInfo{Attempt: attempt, Start: start, Elapsed: time.Since(start), Err: ctxErr})
				return &ctxEndedError{method: r.method, path: r.path, attempts: attempt, last: last, ctxErr: ctxErr}
			}
			err = c.transportError(r, err)
		} else {
			err = decodeResponse(r, status, body)
			c.annotate(err, r, resp)
		}
		err = c.scrubError(err, token)
		last = err
		c.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "omicall request",
			slog.String("method", r.method), slog.String("path", r.path), slog.Int("status", status),
			slog.Int("attempt", attempt), slog.Duration("elapsed", time.Since(start)))
		a := AttemptInfo{Attempt: attempt, Status: status, Start: start, Elapsed: time.Since(start), Err: err}
		if err == nil || !retryable || attempt >= c.cfg.maxAttempts || !isTransient(err) {
			c.observeAttempt(ctx, r, a)
			return err
		}
		wait, ok := c.retryWait(ctx, attempt, resp)
		a.Retry, a.Wait = ok, wait
		c.observeAttempt(ctx, r, a)
		if !ok {
			return err
		}
		c.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall retrying",
			slog.String("method", r.method), slog.String("path", r.path), slog.Int("status", status),
			slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.String("error", err.Error()))
		if werr := sleepCtx(ctx, wait); werr != nil {
			return &ctxEndedError{method: r.method, path: r.path, attempts: attempt, last: last, ctxErr: werr}
		}
	}
}

// attempt sends the request once and reads the response body, at most
// maxResponseBytes of it.
func (c *Client) attempt(ctx context.Context, r *request, payload []byte, token string) (*resty.Response, []byte, error) {
	if c.cfg.timeout > 0 { // per attempt, body included; never set on a caller's http.Client
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.cfg.timeout)
		defer cancel()
	}
	if r.auth == authNone {
		ctx = withNoRedirect(ctx) // the token request carries the API key: never redirected
	}
	req := c.rc.R().SetContext(ctx).SetDoNotParseResponse(true) // the body is read by readBody
	if r.query != nil {
		req.SetQueryParamsFromValues(r.query)
	}
	switch {
	case token != "":
		req.SetHeader("Authorization", "Bearer "+token)
	case r.auth == authAPIKey:
		req.SetHeader("x-api-key", c.tokens.apiKey)
	}
	for k, v := range r.headers {
		req.SetHeader(k, v)
	}
	if r.multipart != nil {
		req.SetFileReader(r.multipart.field, r.multipart.fileName, r.multipart.reader).SetFormData(r.multipart.fields)
	} else if payload != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(payload)
	}
	resp, err := req.Execute(r.method, c.baseOf(r)+r.path)
	if err != nil {
		if resp != nil && resp.RawBody() != nil {
			_ = resp.RawBody().Close()
		}
		return resp, nil, err
	}
	body, err := readBody(resp.RawResponse, c.cfg.maxBody)
	return resp, body, err
}

// readBody reads a whole response body and closes it. A body over limit
// bytes is an error.
//
// The buffer grows with what arrives, never ahead of it by more than a
// factor: it starts at most maxPreSize, and each time it fills it grows
// eightfold, but never past the declared Content-Length (+1, to see EOF
// without growing again), or twofold when no length is declared. A page of
// up to 512 KiB is read with one regrowth, and a stalled response declaring
// a large body holds no more than eight times what it has sent (64 KiB when
// it sent nothing).
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	if resp.ContentLength > limit {
		return nil, errBodyTooLarge
	}
	want, factor := limit+1, int64(2) // the most read: one byte over the cap tells it is too large
	if resp.ContentLength >= 0 {
		want, factor = resp.ContentLength+1, 8
	}
	buf := make([]byte, 0, min(want, maxPreSize))
	for {
		if len(buf) == cap(buf) {
			next := int64(cap(buf)) * factor
			if next > want && want > int64(cap(buf)) {
				next = want // the declared size, now that the body is arriving
			}
			next = min(next, limit+1)
			if next <= int64(cap(buf)) { // the cap is reached
				return nil, errBodyTooLarge
			}
			buf = append(make([]byte, 0, next), buf...)
		}
		n, err := resp.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, errBodyTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// maxPreSize is the most readBody allocates for a body before it arrives.
const maxPreSize = 64 << 10

// errBodyTooLarge is a response over the size cap (32 MiB).
var errBodyTooLarge = errors.New("response body too large")

// baseOf returns the host a request goes to.
func (c *Client) baseOf(r *request) string {
	if r.host != "" {
		return r.host
	}
	return c.base
}

// transportError rewrites a transport failure so that it names the method
// and path but never the query string (which may hold the API key).
func (c *Client) transportError(r *request, err error) error {
	inner := err
	var ue *url.Error
	for errors.As(inner, &ue) { // a transport may itself return a *url.Error with the full URL
		inner = ue.Err
	}
	op := r.method // "Get", as net/http names it
	if len(op) > 1 {
		op = strings.ToUpper(op[:1]) + strings.ToLower(op[1:])
	}
	return fmt.Errorf("omicall: %s %s: %w", r.method, r.path, &url.Error{Op: op, URL: c.baseOf(r) + r.path, Err: inner})
}

// discardHandler is a slog.Handler that drops everything.
type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (h discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h discardHandler) WithGroup(string) slog.Handler           { return h }

// restyQuiet silences resty's own logger, which could print request details.
type restyQuiet struct{}

func (restyQuiet) Errorf(string, ...any) {}
func (restyQuiet) Warnf(string, ...any)  {}
func (restyQuiet) Debugf(string, ...any) {}
