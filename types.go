package omicall

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"time"
	"unicode/utf8"
)

// Time is a timestamp from the API. OMICall sends some times as Unix seconds
// and others as Unix milliseconds, as numbers or numeric strings; Time decodes
// them all (a value >= 1e11 is milliseconds), null, 0 and negative values as
// the zero time, and never fails a response. A decoded Time is in UTC
// (print it with t.In(Vietnam) for the local time of OMICall's tenants). It
// marshals as Unix milliseconds (0 for the zero time).
type Time struct{ time.Time }

// Vietnam is Indochina Time (UTC+7, no daylight saving), the zone OMICall's
// web console shows times in. It is a fixed zone, so it needs no tzdata.
var Vietnam = time.FixedZone("ICT", 7*60*60)

// msThreshold separates seconds from milliseconds: 1e11 ms is 1973-03-03,
// 1e11 s is the year 5138. (At 1e12, millisecond times before 2001-09-09,
// such as the vendor's year-2000 placeholders, would read as seconds.)
const msThreshold = 100_000_000_000

// UnmarshalJSON decodes seconds or milliseconds; anything unreadable leaves
// the zero time.
func (t *Time) UnmarshalJSON(b []byte) error {
	t.Time = time.Time{}
	if len(b) > 1 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
		if ts, err := time.Parse(time.RFC3339Nano, string(b)); err == nil {
			if ts.Unix() > 0 {
				t.Time = ts.UTC()
			}
			return nil
		}
	}
	n, ok := parseEpoch(b)
	if !ok || n <= 0 { // no OMICall time is before 1970
		return nil
	}
	if n >= msThreshold {
		t.Time = time.UnixMilli(n).UTC()
	} else {
		t.Time = time.Unix(n, 0).UTC()
	}
	return nil
}

// MarshalJSON encodes the time as Unix milliseconds.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("0"), nil
	}
	return strconv.AppendInt(nil, t.UnixMilli(), 10), nil
}

// parseEpoch reads an integer (or the integer part of a decimal) without
// allocating.
func parseEpoch(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	neg := b[0] == '-'
	if neg {
		b = b[1:]
	}
	if bytes.ContainsAny(b, "eE") {
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil || f >= 1e18 {
			return 0, false
		}
		b = strconv.AppendInt(nil, int64(f), 10)
	}
	var n int64
	digits := 0
	for _, c := range b {
		if c == '.' && digits > 0 {
			break
		}
		if c < '0' || c > '9' || digits >= 18 {
			return 0, false
		}
		n = n*10 + int64(c-'0')
		digits++
	}
	if digits == 0 {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}

// Bool is a boolean that OMICall sometimes sends as the string "true" or
// "false". Anything else decodes as false.
type Bool bool

// UnmarshalJSON accepts true, false, "true", "false", 1 and 0.
func (v *Bool) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	*v = Bool(string(b) == "true" || string(b) == "1" || string(b) == "True" || string(b) == "TRUE")
	return nil
}

// Int is an integer that OMICall sometimes sends as a string or a float.
// Anything unreadable decodes as 0.
type Int int64

// UnmarshalJSON accepts a number or a numeric string.
func (v *Int) UnmarshalJSON(b []byte) error {
	n, _ := parseEpoch(bytes.Trim(b, `"`))
	*v = Int(n)
	return nil
}

// Float is a number that OMICall sometimes sends as a string. Anything
// unreadable, out of range, NaN or infinite decodes as 0 (so the value can
// always be marshalled again).
type Float float64

// UnmarshalJSON accepts a number or a numeric string.
func (v *Float) UnmarshalJSON(b []byte) error {
	f, err := strconv.ParseFloat(string(bytes.Trim(b, `"`)), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		f = 0
	}
	*v = Float(f)
	return nil
}

// TagList is a list of tag names. OMICall sends tags as an array of strings
// or as an array of {"name": ...} objects; both decode to names. At most
// MaxTags tags are kept.
type TagList []string

// UnmarshalJSON accepts ["a","b"] and [{"name":"a"},{"name":"b"}]; elements
// of any other shape are skipped, and so is every tag after the first
// MaxTags. Anything but an array decodes as nil.
func (l *TagList) UnmarshalJSON(b []byte) error {
	out := (*l)[:0]
	isArray := eachElement(b, MaxTags, func(e []byte) {
		switch e[0] {
		case '"':
			if len(e) >= 2 && e[len(e)-1] == '"' {
				if body := e[1 : len(e)-1]; bytes.IndexByte(body, '\\') < 0 && utf8.Valid(body) {
					out = append(out, string(body)) // no escape: the text is the string
					return
				}
			}
			var s string
			if json.Unmarshal(e, &s) == nil {
				out = append(out, s)
			}
		case '{':
			var o struct {
				Name string `json:"name"`
			}
			if decodeLenient(e, &o) == nil && o.Name != "" {
				out = append(out, o.Name)
			}
		}
	})
	switch {
	case !isArray:
		out = nil
	case out == nil:
		out = TagList{}
	}
	*l = out
	return nil
}

// Direction is the direction of a call.
type Direction string

// The documented call directions.
const (
	DirectionInbound  Direction = "inbound"
	DirectionOutbound Direction = "outbound"
	DirectionLocal    Direction = "local" // internal call between extensions
)

// Disposition is how a call ended.
type Disposition string

// The documented dispositions.
const (
	DispositionAnswered  Disposition = "answered"
	DispositionCancelled Disposition = "cancelled" // not answered
)

// CallState is the state a call hook reports.
type CallState string

// The documented call-hook states.
const (
	StateRinging  CallState = "ringing"
	StateAnswered CallState = "answered"
	StateHangup   CallState = "hangup"
	StateCDR      CallState = "cdr" // the finished-call record

	// StateCreate is the first live event integrators receive in 2026: the
	// call is set up, not ringing at the agent yet (docs/api.md §18.4;
	// undocumented by the vendor).
	StateCreate CallState = "create"
	// StateEarly is SIP early media: set up, not ringing at the agent yet
	// (docs/api.md §18.4, an inference from integrators' code).
	StateEarly CallState = "early"
)

// numText is a text field that some senders write as a JSON number
// ("extension":106, a phone number without quotes): a string decodes as
// itself, a number as its decimal text as sent, anything else as "".
type numText string

// UnmarshalJSON accepts a string or a number.
func (v *numText) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		if bytes.IndexByte(b, '\\') < 0 && len(b) >= 2 { // no escapes: the bytes between the quotes
			*v = numText(b[1 : len(b)-1])
			return nil
		}
		var s string
		if json.Unmarshal(b, &s) == nil {
			*v = numText(s)
			return nil
		}
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*v = numText(b)
		return nil
	}
	*v = ""
	return nil
}
