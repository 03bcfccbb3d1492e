package omicall

import (
	"context"
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
