package omicall

import (
	"context"
	"errors"
	"net/http"
	"strings"
)

// errRedirectRefused is the cause of a failed token request whose answer was
// a redirect: the API key travels in its query string, so the redirect is
// never followed (a server may repeat the query, key included, to another
// host). It is not retried.
var errRedirectRefused = errors.New("omicall: a redirect of the token request is never followed (it would carry the API key); check the base URL")

// redirectPolicyKey carries a request's redirect policy in the context of
// its HTTP request, where guardRedirect reads it.
type redirectPolicyKey struct{}

// redirectPolicy is what guardRedirect must know of one request.
type redirectPolicy struct {
	refuse  bool     // never follow a redirect (the token request: its query carries the API key)
	headers []string // the per-call headers (WithHeader), dropped like credentials on leaving the host
}

// withRedirectPolicy returns ctx carrying r's redirect policy.
func withRedirectPolicy(ctx context.Context, r *request) context.Context {
	p := redirectPolicy{refuse: r.auth == authKeyQuery}
	for k := range r.headers {
		p.headers = append(p.headers, k)
	}
	if !p.refuse && len(p.headers) == 0 {
		return ctx
	}
	return context.WithValue(ctx, redirectPolicyKey{}, p)
}

// credentialHeaders are the headers a credential travels in.
var credentialHeaders = [...]string{"Authorization", "X-Api-Key", "Apikey", "Cookie"}

// guardRedirect wraps a redirect policy (next; nil means net/http's default
// of at most 10 redirects) so that credentials never leave for another host,
// whatever http.Client the caller gave: a redirect of the token request, or
// of any request whose URL carries an apiKey, is refused; on a redirect to
// another scheme or host the credential headers and the per-call headers
// (WithHeader) are dropped before next is consulted.
func guardRedirect(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) == 0 {
			return nil
		}
		first := via[0]
		p, _ := first.Context().Value(redirectPolicyKey{}).(redirectPolicy)
		if p.refuse || hasAPIKeyParam(first) || hasAPIKeyParam(req) {
			return errRedirectRefused
		}
		if req.URL.Scheme != first.URL.Scheme || !strings.EqualFold(req.URL.Host, first.URL.Host) {
			for _, h := range credentialHeaders {
				req.Header.Del(h)
			}
			for _, h := range p.headers {
				req.Header.Del(h)
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return errors.New("stopped after 10 redirects")
		}
		return nil
	}
}

// hasAPIKeyParam reports whether the request's query carries an API key.
func hasAPIKeyParam(r *http.Request) bool {
	if r == nil || r.URL == nil {
		return false
	}
	for k := range r.URL.Query() {
		if strings.EqualFold(k, "apikey") || strings.EqualFold(k, "api_key") {
			return true
		}
	}
	return false
}
