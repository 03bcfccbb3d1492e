package omicall

import (
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

// scrubbedError is an error whose text had a secret in it: Error returns the
// scrubbed text, Unwrap the original error, so errors.Is and errors.As still
// see the cause.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubError returns err unchanged when its text holds no secret (the API
// key, the token the request carried, a token given with WithAccessToken,
// or any credential-looking query parameter); otherwise it wraps it so that
// its text is scrubbed. Every error the request path returns or logs goes
// through it, whatever its type.
func (c *Client) scrubError(err error, token string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := scrubText(msg, c.tokens.apiKey, token, c.cfg.accessToken, c.cfg.speech.key)
	if clean == msg {
		return err
	}
	return &scrubbedError{msg: clean, err: err}
}
