package main

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// contentSecurityPolicy is the page's policy: its own files, the Web SDK's
// script from sdkURL's origin, connections to itself and to connect (the
// SDK's SIP WebSocket), no plugins, no <base>, no framing, forms posting
// only to itself.
func contentSecurityPolicy(sdkURL string, connect []string) (string, error) {
	script := "'self'"
	if u, err := url.Parse(sdkURL); err != nil {
		return "", fmt.Errorf("the Web SDK URL: %w", err)
	} else if u.Host != "" {
		if u.Scheme != "https" {
			return "", errors.New("the Web SDK URL must be https")
		}
		script += " https://" + u.Host
	}
	for _, src := range connect {
		if src == "" || strings.ContainsAny(src, ";,' \t\r\n") {
			return "", fmt.Errorf("%q is not a CSP source", src)
		}
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src " + script,
		"connect-src " + strings.Join(append([]string{"'self'"}, connect...), " "),
		"media-src 'self' blob:",
		"img-src 'self' data:",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; "), nil
}

// checkIntegrity reports whether v is a Subresource Integrity value: the
// algorithm, "-", and the base64 digest of the right length.
func checkIntegrity(v string) error {
	alg, digest, ok := strings.Cut(v, "-")
	sizes := map[string]int{"sha256": sha256.Size, "sha384": sha512.Size384, "sha512": sha512.Size}
	b, err := base64.StdEncoding.DecodeString(digest)
	if !ok || err != nil || sizes[alg] == 0 || len(b) != sizes[alg] {
		return fmt.Errorf("%q is not an integrity hash: want sha384- and the base64 SHA-384 of the script (openssl dgst -sha384 -binary sdk.min.js | openssl base64 -A)", v)
	}
	return nil
}
