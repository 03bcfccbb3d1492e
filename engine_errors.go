package omicall

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// requestIDHeaders are the response headers a request id is read from, in
// order. OMICall documents none; these are the usual spellings.
var requestIDHeaders = [...]string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid", "X-Trace-Id"}

// annotate fills the fields of an *APIError that come from the response
// headers (RetryAfter, RequestID) and, for api_key_invalid answered to a
// request that carried the API key, the host the key went to.
func (e *engine) annotate(err error, r *request, resp *resty.Response) {
	var apiErr *APIError
	if err == nil || !errors.As(err, &apiErr) {
		return
	}
	if resp != nil && resp.RawResponse != nil {
		h := resp.Header()
		if d, ok := parseRetryAfter(h.Get("Retry-After"), time.Now()); ok {
			apiErr.RetryAfter = d
		}
		for _, k := range requestIDHeaders {
			if v := h.Get(k); v != "" {
				apiErr.RequestID = v
				break
			}
		}
	}
	if r.auth.sendsKey() && (apiErr.Code == "api_key_invalid" || apiErr.Code == "api_key_is_required") {
		if u, perr := url.Parse(e.baseOf(r)); perr == nil {
			apiErr.host = u.Hostname()
		}
	}
}

// ctxEndedError is what a request returns when the caller's context ends
// while it is being sent or retried, or while it waits for the access
// token: it matches the context's error (context.DeadlineExceeded or
// context.Canceled) and its cause, and its text keeps the method, the path,
// how many attempts were made and the last cause.
type ctxEndedError struct {
	method, path string
	attempts     int
	last         error // the error of the last completed attempt, or nil
	ctxErr       error
	cause        error // context.Cause, when it says more than ctxErr
	token        bool  // the caller was waiting for the token fetch (path is /api/auth)
}

// Error reads like "omicall: GET /api/agent/list: context deadline exceeded
// after 2 attempts (last error: ... connect: connection refused)", or for a
// token fetch "omicall: GET /api/auth: context deadline exceeded while
// waiting for the access token, after 1 attempt (last error: ...)".
func (e *ctxEndedError) Error() string {
	s := fmt.Sprintf("omicall: %s %s: %v", e.method, e.path, e.ctxErr)
	if e.cause != nil && e.cause != e.ctxErr {
		s += " (" + e.cause.Error() + ")"
	}
	if e.token {
		s += " while waiting for the access token,"
	}
	s += fmt.Sprintf(" after %d attempt", e.attempts)
	if e.attempts != 1 {
		s += "s"
	}
	if e.last != nil {
		s += " (last error: " + e.last.Error() + ")"
	}
	return s
}

// Unwrap returns the context's error, so errors.Is(err,
// context.DeadlineExceeded) holds, its cause, and the last attempt's error.
func (e *ctxEndedError) Unwrap() []error {
	errs := []error{e.ctxErr}
	if e.cause != nil && e.cause != e.ctxErr {
		errs = append(errs, e.cause)
	}
	if e.last != nil {
		errs = append(errs, e.last)
	}
	return errs
}

// transportError rewrites a transport failure so that it names the method
// and path but never the query string (which may hold the API key).
func (e *engine) transportError(r *request, err error) error {
	inner := err
	var ue *url.Error
	for errors.As(inner, &ue) { // a transport may itself return a *url.Error with the full URL
		inner = ue.Err
	}
	op := r.method // "Get", as net/http names it
	if len(op) > 1 {
		op = strings.ToUpper(op[:1]) + strings.ToLower(op[1:])
	}
	return fmt.Errorf("omicall: %s %s: %w", r.method, r.path, &url.Error{Op: op, URL: e.baseOf(r) + r.path, Err: inner})
}
