package omicall

import (
	"errors"
	"fmt"
	"strings"
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

// looksLikeEmail is a light check: something@something, no spaces.
func looksLikeEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n")
}

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
