package omicall

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// maxRetryAfter is the longest Retry-After the client waits for; a longer one
// returns the error at once.
const maxRetryAfter = time.Minute

type retryKey struct{}

// ContextWithRetry returns a context under which every request may be retried,
// including the typed methods' POSTs that create something (invite,
// click-to-call, auto call, contact create, ticket create), which are
// otherwise sent exactly once. Use it only when a duplicate is acceptable to
// you. A file upload (UploadGreeting) is still sent once. For one Client.Do
// call, pass WithRetryPOST instead. A nil ctx gives a nil context, which
// every method refuses with a ValidationError naming ctx.
func ContextWithRetry(ctx context.Context) context.Context {
	if ctx == nil {
		return nil
	}
	return context.WithValue(ctx, retryKey{}, true)
}

func retryAllowed(ctx context.Context) bool {
	v, _ := ctx.Value(retryKey{}).(bool)
	return v
}

// isIdempotent reports whether a method may be repeated without a second
// effect.
func isIdempotent(method string) bool {
	switch strings.ToUpper(method) {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return false
}

// isTransient reports whether a failed attempt is worth repeating: a network
// error, HTTP 429, 500, 502, 503 or 504, or a rate-limit code of the
// envelope answered with a Retry-After header.
func isTransient(err error) bool {
	var apiErr *APIError
	var decErr *DecodeError
	switch {
	case errors.As(err, &apiErr):
		// A rate limit told in the envelope (rate_limit_exceeded on HTTP
		// 200) is worth waiting out when the server says for how long.
		return transientStatus(apiErr.HTTPStatus) || (apiErr.RetryAfter > 0 && apiErr.Is(ErrRateLimited))
	case errors.As(err, &decErr):
		return transientStatus(decErr.HTTPStatus)
	}
	if errors.Is(err, errBodyTooLarge) || errors.Is(err, errRedirectRefused) || errors.Is(err, errPageContradiction) {
		return false
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound { // "no such host": a wrong base URL, not a blip
		return false
	}
	// A network error, before the response or while reading its body.
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	return !errors.As(err, &certErr) && !errors.As(err, &unknownAuth)
}

func transientStatus(s int) bool {
	switch s {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryWait returns how long to wait before the attempt after attempt. ok is
// false when the server asks for a wait longer than maxRetryAfter or past the
// context's deadline: then the caller gets the error at once.
func (e *engine) retryWait(ctx context.Context, attempt int, resp *resty.Response) (wait time.Duration, ok bool) {
	wait = backoff(attempt, e.cfg.minWait, e.cfg.maxWait)
	if resp != nil && resp.RawResponse != nil {
		if d, found := parseRetryAfter(resp.Header().Get("Retry-After"), time.Now()); found {
			if d > maxRetryAfter {
				return 0, false
			}
			wait = d
		}
	}
	if dl, has := ctx.Deadline(); has && time.Until(dl) < wait {
		return 0, false
	}
	return wait, true
}

// backoff is exponential backoff with full jitter: a uniform random wait in
// [minWait, min(maxWait, minWait*2^attempt)].
func backoff(attempt int, minWait, maxWait time.Duration) time.Duration {
	ceil := minWait
	for i := 0; i < attempt && ceil < maxWait; i++ {
		ceil *= 2
	}
	if ceil > maxWait {
		ceil = maxWait
	}
	if ceil <= minWait {
		return minWait
	}
	return minWait + rand.N(ceil-minWait+1)
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		d := t.Sub(now)
		if d < 0 {
			d = 0
		}
		return d, true
	}
	return 0, false
}

// sleepCtx waits for d or until ctx ends, whichever is first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
