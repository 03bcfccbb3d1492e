package main

import (
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// sameOrigin refuses (403) the API requests a browser sends on behalf of
// another site: by Sec-Fetch-Site when the browser sends it, else by
// Origin. The page's own requests are same-origin; a request typed into
// the address bar is "none"; clients that are not browsers send neither.
// origin, if set, is the page's public origin (https://crm.example);
// otherwise the Origin must name the Host the request came to.
func sameOrigin(origin string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			writeError(w, http.StatusForbidden, "cross-site request refused")
			return
		}
		if o := r.Header.Get("Origin"); o != "" && !originMatches(o, origin, r.Host) {
			writeError(w, http.StatusForbidden, "cross-origin request refused")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// originMatches reports whether the Origin header o is the page's origin.
func originMatches(o, origin, host string) bool {
	if origin != "" {
		return strings.EqualFold(o, origin)
	}
	u, err := url.Parse(o)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && strings.EqualFold(u.Host, host)
}

// isJSON reports whether r's body is declared as JSON. A cross-site form
// can send text/plain and form types without asking the server first
// (no CORS preflight), never application/json.
func isJSON(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/json"
}

// jsonOnly answers 415 to a request whose body is not JSON.
func jsonOnly(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !isJSON(r) {
			writeError(w, http.StatusUnsupportedMediaType, "send JSON (Content-Type: application/json)")
			return
		}
		next(w, r)
	}
}
