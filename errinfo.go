package omicall

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/go-resty/resty/v2"
)

// requestIDHeaders are the response headers a request id is read from, in
// order. OMICall documents none; these are the usual spellings.
var requestIDHeaders = [...]string{"X-Request-Id", "Request-Id", "X-Correlation-Id", "X-Amzn-Requestid", "X-Trace-Id"}

// annotate fills the fields of an *APIError that come from the response
// headers (RetryAfter, RequestID) and, for api_key_invalid answered to a
// request that carried the API key, the host the key went to.
func (c *Client) annotate(err error, r *request, resp *resty.Response) {
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
	if (r.auth == authNone || r.auth == authAPIKey) && (apiErr.Code == "api_key_invalid" || apiErr.Code == "api_key_is_required") {
		if u, perr := url.Parse(c.baseOf(r)); perr == nil {
			apiErr.host = u.Hostname()
		}
	}
}

// ctxEndedError is what a request returns when the caller's context ends
// while it is being sent or retried: it matches the context's error
// (context.DeadlineExceeded or context.Canceled) and its text keeps the
// method, the path, how many attempts were made and the last cause.
type ctxEndedError struct {
	method, path string
	attempts     int
	last         error // the error of the last completed attempt, or nil
	ctxErr       error
}

// Error reads like "omicall: GET /api/agent/list: context deadline exceeded
// after 2 attempts (last error: ... connect: connection refused)".
func (e *ctxEndedError) Error() string {
	s := fmt.Sprintf("omicall: %s %s: %v after %d attempt", e.method, e.path, e.ctxErr, e.attempts)
	if e.attempts != 1 {
		s += "s"
	}
	if e.last != nil {
		s += " (last error: " + e.last.Error() + ")"
	}
	return s
}

// Unwrap returns the context's error, so errors.Is(err,
// context.DeadlineExceeded) holds, and the last cause.
func (e *ctxEndedError) Unwrap() []error {
	if e.last == nil {
		return []error{e.ctxErr}
	}
	return []error{e.ctxErr, e.last}
}
