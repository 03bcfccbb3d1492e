package omicall

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// Observer receives what a Client (WithObserver) and a webhook handler
// (WithWebhookObserver) do, for tracing, metrics or logs: the otelomicall
// package makes one for OpenTelemetry, and a Prometheus or log adapter is a
// few lines. Every field is optional. The functions run on the caller's
// goroutine, so they must be fast and safe for concurrent use. What they
// receive never holds the API key, a token, a query string or a webhook
// body; errors are the SDK's own, which never do either.
type Observer struct {
	// Call is called when a call starts: a service method or Do, and the
	// client's own GET /api/auth. The context it returns is the call's
	// (carrying a span, say), passed to Attempt, to a token fetch the call
	// starts, and to the request; done, if not nil, is called once when the
	// call ends.
	Call func(ctx context.Context, call CallInfo) (context.Context, func(CallResult))
	// Attempt is called after each HTTP attempt of a call, with the call's
	// context.
	Attempt func(ctx context.Context, a AttemptInfo)
	// TokenFetch is called when the client starts to obtain a token (from
	// its token store or /api/auth; concurrent callers share one fetch).
	// The context it returns is the fetch's, so the /api/auth call nests in
	// it; done, if not nil, is called once when the fetch ends.
	TokenFetch func(ctx context.Context) (context.Context, func(TokenFetchResult))
	// WebhookEvent is called once per request a webhook handler answered.
	WebhookEvent func(ctx context.Context, e WebhookEventInfo)
}

// CallInfo names a call.
type CallInfo struct {
	Method string // HTTP method
	// Route is the path as a template: segments that look like ids (a
	// digit in 4 characters or more, all digits, or an "@", "." or "%")
	// are "{id}", e.g. "/api/contacts/{id}". Never the query.
	Route string
}

// CallResult is how a call ended.
type CallResult struct {
	Status     int           // HTTP status of the last response; 0 when none came
	StatusCode int           // the envelope's status_code of an *APIError, else 0
	Code       string        // the envelope's message of an *APIError, e.g. "agent_exists"
	Attempts   int           // HTTP attempts made
	RetryWait  time.Duration // time waited between attempts
	Err        error         // nil on success
}

// AttemptInfo is one HTTP attempt of a call.
type AttemptInfo struct {
	Attempt int           // 1 for the first
	Status  int           // HTTP status; 0 for a transport failure
	Start   time.Time     // when the attempt started
	Elapsed time.Duration // time of the attempt
	Err     error         // the attempt's error, nil on success
	Retry   bool          // another attempt follows
	Wait    time.Duration // the wait before it, when Retry
}

// TokenFetchResult is how a token fetch ended.
type TokenFetchResult struct {
	FromAPI bool  // /api/auth was called (false: the token came from the store)
	Err     error // nil on success
}

// WebhookEventInfo is one request a webhook handler answered.
type WebhookEventInfo struct {
	State     CallState     // the event's state; "" when the body was not a call event
	Status    int           // the HTTP status answered
	Outcome   string        // "delivered", "duplicate", "deferred" (503: handled elsewhere), "failed" or "refused"
	Duplicate bool          // answered from the dedup memory
	Elapsed   time.Duration // time to answer
}

// WithObserver makes the client report its calls, attempts and token
// fetches to o.
func WithObserver(o *Observer) Option { return func(c *config) { c.observer = o } }

// WithWebhookObserver makes the handler report each request it answers to
// o (its WebhookEvent).
func WithWebhookObserver(o *Observer) WebhookOption {
	return func(c *webhookConfig) { c.observer = o }
}

// callStats is what the request path counts for the observer.
type callStats struct {
	status    int
	attempts  int
	retryWait time.Duration
}

// observeCall starts the observation of a call; the returned func ends it.
func (c *Client) observeCall(ctx context.Context, r *request) (context.Context, func(error)) {
	o := c.cfg.observer
	if o == nil || o.Call == nil {
		return ctx, func(error) {}
	}
	cctx, done := o.Call(ctx, CallInfo{Method: r.method, Route: routeTemplate(r.path)})
	if cctx == nil {
		cctx = ctx
	}
	return cctx, func(err error) {
		if done == nil {
			return
		}
		res := CallResult{Status: r.stats.status, Attempts: r.stats.attempts, RetryWait: r.stats.retryWait, Err: err}
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			res.StatusCode, res.Code = apiErr.StatusCode, apiErr.Code
		}
		done(res)
	}
}

// observeAttempt reports one attempt and counts it in r.stats.
func (c *Client) observeAttempt(ctx context.Context, r *request, a AttemptInfo) {
	r.stats.attempts, r.stats.status = a.Attempt, a.Status
	if a.Retry {
		r.stats.retryWait += a.Wait
	}
	if o := c.cfg.observer; o != nil && o.Attempt != nil {
		o.Attempt(ctx, a)
	}
}

// observeTokenFetch starts the observation of a token fetch.
func (ts *tokenSource) observeTokenFetch(ctx context.Context) (context.Context, func(error)) {
	o := ts.c.cfg.observer
	if o == nil || o.TokenFetch == nil {
		return ctx, func(error) {}
	}
	before := ts.apiFetches.Load()
	fctx, done := o.TokenFetch(ctx)
	if fctx == nil {
		fctx = ctx
	}
	return fctx, func(err error) {
		if done != nil {
			done(TokenFetchResult{FromAPI: ts.apiFetches.Load() != before, Err: err})
		}
	}
}

// observe reports a webhook request to the observer.
func (h *webhookHandler) observe(r *http.Request, o outcome, elapsed time.Duration) {
	ob := h.cfg.observer
	if ob == nil || ob.WebhookEvent == nil {
		return
	}
	e := WebhookEventInfo{Status: o.status, Duplicate: o.dup, Elapsed: elapsed}
	if o.ev != nil {
		e.State = o.ev.State
	}
	switch {
	case o.status == http.StatusServiceUnavailable && o.dup:
		e.Outcome = "deferred"
	case o.status == http.StatusOK && o.dup:
		e.Outcome = "duplicate"
	case o.status == http.StatusOK:
		e.Outcome = "delivered"
	case o.status >= 500:
		e.Outcome = "failed"
	default:
		e.Outcome = "refused"
	}
	ob.WebhookEvent(r.Context(), e)
}

// routeTemplate returns path with its id-like segments replaced by {id}.
func routeTemplate(path string) string {
	if !strings.ContainsAny(path, "0123456789@.%") {
		return path
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if idLike(s) {
			segs[i] = "{id}"
		}
	}
	return strings.Join(segs, "/")
}

// idLike reports whether a path segment looks like an id rather than a
// word of the API: any digit in a segment of 4 characters or more (ids,
// uuids, phone numbers; "v2" and "v3" stay), all digits, or an "@", "." or
// "%" (e-mail addresses, escaped text).
func idLike(s string) bool {
	if s == "" {
		return false
	}
	if strings.ContainsAny(s, "@.%") {
		return true
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits == len(s) || (digits > 0 && len(s) >= 4)
}
