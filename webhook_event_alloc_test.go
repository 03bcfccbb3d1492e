package omicall

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
)

// hostileEventBodies are call-event bodies of about size bytes built to make
// a decoder allocate far more than the body: many empty elements in every
// list a call event carries, and a key repeated many times.
func hostileEventBodies(size int) map[string][]byte {
	rep := func(prefix, elem, sep, suffix string) []byte {
		var b bytes.Buffer
		b.WriteString(prefix)
		for i := 0; b.Len() < size; i++ {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(elem)
		}
		b.WriteString(suffix)
		return b.Bytes()
	}
	return map[string][]byte{
		"users":              rep(`{"state":"cdr","user":[`, `{}`, `,`, `]}`),
		"user tags":          rep(`{"state":"cdr","user":[{"tag":[`, `{}`, `,`, `]}]}`),
		"tags":               rep(`{"state":"cdr","tag":[`, `""`, `,`, `]}`),
		"transfer histories": rep(`{"state":"cdr","transfer_histories":[`, `{}`, `,`, `]}`),
		"repeated user key":  rep(`{"state":"cdr",`, `"user":[{}]`, `,`, `}`),
		"repeated tag key":   rep(`{"state":"cdr",`, `"tag":["a"]`, `,`, `}`),
	}
}

// maxEventAllocRatio bounds what parsing one call event may allocate, as a
// multiple of its body's size.
const maxEventAllocRatio = 8

// TestParseCallEventAllocationIsBounded checks that no body makes
// ParseCallEvent allocate more than a small multiple of its size.
func TestParseCallEventAllocationIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates megabytes")
	}
	const size = 1 << 20
	for name, body := range hostileEventBodies(size) {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			got := allocRatio(t, body)
			t.Logf("%s: %d-byte body, allocated %.2f× its size", name, len(body), got)
			if got > maxEventAllocRatio {
				t.Errorf("parsing a %d-byte body allocated %.1f× its size, want at most %d×", len(body), got, maxEventAllocRatio)
			}
		})
	}
}

// TestParseCallEventAllocationUnderTheValueLimit checks bodies just under
// MaxCallEventValues, which are parsed: what they allocate stays within a
// small multiple of their size plus a constant.
func TestParseCallEventAllocationUnderTheValueLimit(t *testing.T) {
	for name, body := range hostileEventBodies(1 << 20) {
		// Cut each body down to about MaxCallEventValues-100 values.
		cut := len(body)
		if n := countValues(body, len(body)); n > MaxCallEventValues-100 {
			cut = len(body) * (MaxCallEventValues - 100) / n
		}
		small := closeJSON(body[:cut])
		if !json.Valid(small) {
			t.Fatalf("%s: cut body is not JSON", name)
		}
		got := allocRatio(t, small) * float64(len(small))
		t.Logf("%s: %d-byte body, allocated %.0f bytes (%.1f× its size)", name, len(small), got, got/float64(len(small)))
		if limit := float64(maxEventAllocRatio*len(small) + 1<<20); got > limit {
			t.Errorf("%s: allocated %.0f bytes for a %d-byte body, want at most %.0f", name, got, len(small), limit)
		}
	}
}

// closeJSON cuts b after its last complete element and closes the brackets
// still open.
func closeJSON(b []byte) []byte {
	i := bytes.LastIndexByte(b, ',')
	b = append([]byte(nil), b[:i]...)
	var open []byte
	inString := false
	for j := 0; j < len(b); j++ {
		switch c := b[j]; {
		case inString:
			if c == '\\' {
				j++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{', c == '[':
			open = append(open, c)
		case c == '}', c == ']':
			open = open[:len(open)-1]
		}
	}
	for k := len(open) - 1; k >= 0; k-- {
		if open[k] == '{' {
			b = append(b, '}')
		} else {
			b = append(b, ']')
		}
	}
	return b
}

// allocRatio returns the bytes ParseCallEvent allocates for body, over
// len(body).
func allocRatio(t *testing.T, body []byte) float64 {
	t.Helper()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	ev, err := ParseCallEvent(body)
	runtime.ReadMemStats(&after)
	if err != nil && !errors.Is(err, ErrInvalidCallEvent) {
		t.Fatalf("ParseCallEvent: %v", err)
	}
	runtime.KeepAlive(ev)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(len(body))
}
