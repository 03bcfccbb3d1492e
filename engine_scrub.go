package omicall

import (
	"errors"
	"net/url"
	"regexp"
	"strings"
)

// secretParam matches a credential in a query string or a header-like text
// ("apiKey=...", "access_token=...", "Bearer ..."), whatever the secret is.
var secretParam = regexp.MustCompile(`(?i)((?:api_?key|access_token|token|secret)=|bearer\s+)[^&\s"',;)\\]+`)

// scrubText returns s with every non-empty secret (as is, query-escaped and
// path-escaped) and every credential-looking query parameter replaced by
// [redacted].
func scrubText(s string, secrets ...string) string {
	for _, sec := range secrets {
		if len(sec) < 4 { // too short to be a credential, and replacing it would garble the text
			continue
		}
		for _, form := range [...]string{sec, url.QueryEscape(sec), url.PathEscape(sec)} {
			s = strings.ReplaceAll(s, form, redacted)
		}
	}
	return secretParam.ReplaceAllString(s, "${1}"+redacted)
}

// secrets returns what the engine must never let out: the API key, the AI
// hosts' key, a token given with WithAccessToken, and token, the access
// token a request carried.
func (e *engine) secrets(token string) []string {
	return []string{e.tokens.apiKey, token, e.cfg.accessToken, e.cfg.speech.key}
}

// seal scrubs err where it is built, before anything else sees it: every
// field of the SDK's own error types, and every error in its chain, loses
// the engine's secrets and any credential-looking parameter. An error of
// another type whose text (or whose chain) held a secret is replaced by one
// with the scrubbed text that still matches what it matched with errors.Is,
// but no longer hands out the original through errors.As.
func (e *engine) seal(err error, token string) error {
	if err == nil { // the common case: no secrets list to build
		return nil
	}
	return sealErr(err, e.secrets(token))
}

// sealErr is seal with the secrets given.
func sealErr(err error, sec []string) error {
	if err == nil {
		return nil
	}
	switch x := err.(type) {
	case *scrubbedError:
		return x
	case *APIError:
		x.Code, x.RequestID = scrubText(x.Code, sec...), scrubText(x.RequestID, sec...)
		x.Method, x.Path = scrubText(x.Method, sec...), scrubText(x.Path, sec...)
		return x
	case *ValidationError:
		x.Field, x.Reason = scrubText(x.Field, sec...), scrubText(x.Reason, sec...)
		return x
	case *DecodeError:
		x.Method, x.Path = scrubText(x.Method, sec...), scrubText(x.Path, sec...)
		x.Err = sealErr(x.Err, sec)
		return x
	case *ctxEndedError:
		x.path, x.last = scrubText(x.path, sec...), sealErr(x.last, sec)
		x.ctxErr, x.cause = sealErr(x.ctxErr, sec), sealErr(x.cause, sec)
		return x
	case *url.Error:
		if i := strings.IndexAny(x.URL, "?#"); i >= 0 {
			x.URL = x.URL[:i]
		}
		x.URL, x.Err = scrubText(x.URL, sec...), sealErr(x.Err, sec)
		return x
	case *PartialFailureError:
		for i := range x.Failures {
			f := &x.Failures[i]
			f.Code, f.Message, f.PhoneNumber = scrubText(f.Code, sec...), scrubText(f.Message, sec...), scrubText(f.PhoneNumber, sec...)
		}
		return x
	case errNoEnvelope404:
		sealErr(x.api, sec)
		return x
	}
	kids := unwrapAll(err)
	sealed, changed := make([]error, len(kids)), false
	for i, k := range kids {
		sealed[i] = sealErr(k, sec)
		changed = changed || sealed[i] != k
	}
	msg := err.Error()
	clean := scrubText(msg, sec...)
	if clean == msg && !changed {
		return err
	}
	return &scrubbedError{msg: clean, kids: sealed, orig: err}
}

// unwrapAll returns the errors err wraps, one or several.
func unwrapAll(err error) []error {
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if k := u.Unwrap(); k != nil {
			return []error{k}
		}
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	}
	return nil
}

// scrubbedError stands for an error of a foreign type whose text, or whose
// chain, held a secret: Error returns the scrubbed text, Unwrap the sealed
// errors it wrapped, and Is what the original matched (a sentinel such as
// context.DeadlineExceeded still matches; the original itself is not
// reachable through errors.As).
type scrubbedError struct {
	msg  string
	kids []error
	orig error
}

func (e *scrubbedError) Error() string   { return e.msg }
func (e *scrubbedError) Unwrap() []error { return e.kids }

// Is reports whether the original error matched target.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.orig, target) }
