package omicall

import (
	"fmt"
	"log/slog"
	"strings"
)

// redacted stands in for a secret in printed values.
const redacted = "[redacted]"

// redact returns redacted for a non-empty secret, "" for an empty one (so a
// printout still shows whether the secret is set).
func redact(secret string) string {
	if secret == "" {
		return ""
	}
	return redacted
}

// formatRedacted prints v — a copy, of a local type without methods, whose
// secrets are already redacted — with the caller's verb and flags. For %#v
// it names the type as name.
func formatRedacted(f fmt.State, verb rune, name string, v any) {
	if verb == 'v' && f.Flag('#') {
		s := fmt.Sprintf("%#v", v)
		if i := strings.IndexByte(s, '{'); i >= 0 {
			s = s[i:]
		}
		fmt.Fprint(f, "omicall."+name+s)
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

// redactedLogValue is the LogValue of a type that holds a secret: its %+v
// text, in which the type's Format has already redacted the secret. Without
// it slog's JSON handler would marshal the value, secret included.
func redactedLogValue(v fmt.Formatter) slog.Value { return slog.StringValue(fmt.Sprintf("%+v", v)) }
