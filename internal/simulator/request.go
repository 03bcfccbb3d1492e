package simulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// decodeBody reads a JSON request body into v: request_body_required when it
// is empty, HTTP 400 when it is not JSON of v's shape.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		return failHTTP(http.StatusBadRequest, "request_body_invalid")
	}
	if len(strings.TrimSpace(string(b))) == 0 {
		return fail("request_body_required")
	}
	if err := json.Unmarshal(b, v); err != nil {
		return failHTTP(http.StatusBadRequest, "request_body_invalid")
	}
	return nil
}

// readOptionalBody decodes a JSON body into v when there is one; an empty
// body leaves v as it is.
func readOptionalBody(r *http.Request, v any) error {
	err := decodeBody(r, v)
	if ae, ok := err.(*apiError); ok && ae.code == "request_body_required" {
		return nil
	}
	return err
}

// requiredFields returns fail("<name>_is_required") for the first empty
// value (pairs of name, value), or nil. The codes follow the documented
// from_date_is_required pattern; the API documents none for these fields.
func requiredFields(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fail(pairs[i] + "_is_required")
		}
	}
	return nil
}

// strongPassword applies the documented password rule: at least 8
// characters with upper- and lower-case letters, digits and special
// characters. The agents' check does not count a space as a special
// character; the partner's does (spaceIsSpecial).
func strongPassword(p string, spaceIsSpecial bool) bool {
	var upper, lower, digit, special bool
	for _, c := range p {
		switch {
		case unicode.IsUpper(c):
			upper = true
		case unicode.IsLower(c):
			lower = true
		case unicode.IsDigit(c):
			digit = true
		case spaceIsSpecial || !unicode.IsSpace(c):
			special = true
		}
	}
	return utf8.RuneCountInString(p) >= 8 && upper && lower && digit && special
}
