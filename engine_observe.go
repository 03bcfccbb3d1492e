package omicall

import (
	"context"
	"errors"
	"strings"
	"time"
)

// callStats is what the request path counts for the observer.
type callStats struct {
	status    int
	attempts  int
	retryWait time.Duration
}

// observeCall starts the observation of a call; the returned func ends it.
func (e *engine) observeCall(ctx context.Context, r *request) (context.Context, func(error)) {
	o := e.cfg.observer
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
func (e *engine) observeAttempt(ctx context.Context, r *request, a AttemptInfo) {
	r.stats.attempts, r.stats.status = a.Attempt, a.Status
	if a.Retry {
		r.stats.retryWait += a.Wait
	}
	if o := e.cfg.observer; o != nil && o.Attempt != nil {
		o.Attempt(ctx, a)
	}
	if hook, _ := ctx.Value(attemptHookKey{}).(func(AttemptInfo)); hook != nil {
		hook(a)
	}
}

// attemptHookKey carries a function told of every attempt of the requests
// made with the context (the token fetch's progress, for its waiters).
type attemptHookKey struct{}

// withAttemptHook returns ctx carrying hook.
func withAttemptHook(ctx context.Context, hook func(AttemptInfo)) context.Context {
	return context.WithValue(ctx, attemptHookKey{}, hook)
}

// observeTokenFetch starts the observation of a token fetch.
func (ts *tokenSource) observeTokenFetch(ctx context.Context) (context.Context, func(error)) {
	o := ts.e.cfg.observer
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
