package omicall

import (
	"strings"
	"unicode"
)

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

// knownAction reports whether a is "" or one of the ActionType constants.
func knownAction(a ActionType) bool {
	switch a {
	case "", ActionRecording, ActionIVRMenu, ActionRingGroup, ActionVoiceMail:
		return true
	}
	return false
}

// actionErr is the ValidationError of an unknown ActionType in field.
func actionErr(field string) error {
	return &ValidationError{Field: field, Reason: "must be ActionRecording, ActionIVRMenu, ActionRingGroup or ActionVoiceMail"}
}
