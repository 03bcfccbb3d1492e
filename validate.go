package omicall

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// required returns a ValidationError for an empty required field, or nil.
func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return &ValidationError{Field: field, Reason: "is required"}
	}
	return nil
}

// requireAll checks name/value pairs in order and returns the
// ValidationError of the first empty value.
func requireAll(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if err := required(pairs[i], pairs[i+1]); err != nil {
			return err
		}
	}
	return nil
}

// requiredList returns a ValidationError for an empty list or an empty
// element.
func requiredList(field string, vals []string) error {
	if len(vals) == 0 {
		return &ValidationError{Field: field, Reason: "is required"}
	}
	for i, v := range vals {
		if strings.TrimSpace(v) == "" {
			return &ValidationError{Field: fmt.Sprintf("%s[%d]", field, i), Reason: "is empty"}
		}
	}
	return nil
}

// positive returns a ValidationError unless n > 0.
func positive(field string, n int) error {
	if n <= 0 {
		return &ValidationError{Field: field, Reason: "must be greater than 0"}
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// validPhone reports whether s looks like a phone number: digits only,
// with an optional leading "+", 3 to 15 of them (E.164 allows 15; short
// service numbers exist), spaces, dots and dashes allowed between them.
func validPhone(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "+")
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == ' ' || r == '.' || r == '-') && i > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15
}

// checkPhone returns a ValidationError naming field, that also matches
// ErrPhoneInvalid, when s is not a phone number.
func checkPhone(field, s string) error {
	if !validPhone(s) {
		return invalidAs(field, "is not a phone number (digits, an optional leading +)", ErrPhoneInvalid)
	}
	return nil
}

// checkPhones is checkPhone for every number of a list, naming the item
// (field[i]).
func checkPhones(field string, list []string) error {
	for i, n := range list {
		if err := checkPhone(fmt.Sprintf("%s[%d]", field, i), n); err != nil {
			return err
		}
	}
	return nil
}

// validEmail is the one e-mail check of every input: one "@" between a
// non-empty local part and a domain with a dot inside, no spaces, no
// display name.
func validEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " \t\r\n<>(),;:\"") {
		return false
	}
	dom := s[at+1:]
	dot := strings.IndexByte(dom, '.')
	return dot > 0 && !strings.HasSuffix(dom, ".") && !strings.Contains(dom, "..")
}

// validationAsError is a ValidationError that also matches the API's
// sentinel for the same mistake, so that errors.Is(err,
// ErrDateRangeTooLong) holds whether the client or the server caught it.
type validationAsError struct {
	v   *ValidationError
	api error
}

// invalidAs returns a ValidationError for field that also matches the API
// sentinel api (ErrDateInvalid, ErrEmailInvalid, ErrAPIKeyRequired, ...).
func invalidAs(field, reason string, api error) error {
	return &validationAsError{v: &ValidationError{Field: field, Reason: reason}, api: api}
}

// Error reads as the ValidationError's message.
func (e *validationAsError) Error() string { return e.v.Error() }

// Unwrap returns the ValidationError and the API sentinel.
func (e *validationAsError) Unwrap() []error { return []error{e.v, e.api} }

// renameField returns err with its field renamed, if it is a
// *ValidationError.
func renameField(err error, field string) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return &ValidationError{Field: field, Reason: ve.Reason}
	}
	return err
}

// derefOr returns a copy of *p, or the zero value for nil, so the caller's
// options are never changed.
func derefOr[T any](p *T) T {
	var v T
	if p != nil {
		v = *p
	}
	return v
}

// requiredSegment is required for an id that travels as a path segment: it
// also refuses "." and ".." (and ids that are dots only), ids holding "/",
// "\\", "?", "#" or control characters: a server or proxy would read them
// as another path (GET .../detail/.. is the list's parent; many proxies
// decode %2F back into "/"). OMICall ids are UUIDs and 24-hex object ids.
func requiredSegment(field, id string) error {
	if err := required(field, id); err != nil {
		return err
	}
	if strings.Trim(id, ".") == "" || strings.ContainsAny(id, `/\?#`) || strings.ContainsFunc(id, unicode.IsControl) {
		return &ValidationError{Field: field, Reason: `must be one path segment: not "." or "..", no "/", "\", "?", "#" or control characters`}
	}
	return nil
}

// passwordRule reports whether pw meets OMICall's password rule: at least 8
// characters with an upper-case and a lower-case letter (any script), a
// digit and a character that is none of those.
func passwordRule(pw string) bool {
	var n int
	var upper, lower, digit, special bool
	for _, r := range pw {
		n++
		switch {
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsLower(r):
			lower = true
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsSpace(r):
		default:
			special = true
		}
	}
	return n >= 8 && upper && lower && digit && special
}
