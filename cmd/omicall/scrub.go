package main

import (
	"net/url"
	"regexp"
	"strings"
)

// redacted stands in for a secret in printed text.
const redacted = "[redacted]"

var (
	// jwtLike matches a JSON Web Token, the form of OMICall's access tokens.
	jwtLike = regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?`)
	// credential matches a secret in a query string or header-like text
	// ("apiKey=...", "secret=...", "Bearer ..."), whatever the secret is.
	credential = regexp.MustCompile(`(?i)((?:api_?key|access_token|token|secret|password)=|bearer\s+)[^&\s"',;)]+`)
)

// scrub returns s without the API key (as given, query- or path-escaped),
// tokens and credential-looking parameters. Every error line goes through
// it: the CLI does not trust an error's fields (a server may echo the key
// into its error code) to be safe to print.
func (a *app) scrub(s string) string {
	if k := a.key(); len(k) >= 4 {
		for _, form := range [...]string{k, url.QueryEscape(k), url.PathEscape(k)} {
			s = strings.ReplaceAll(s, form, redacted)
		}
	}
	s = jwtLike.ReplaceAllString(s, redacted)
	return credential.ReplaceAllString(s, "${1}"+redacted)
}
