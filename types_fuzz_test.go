package omicall

import (
	"encoding/json"
	"testing"
)

// FuzzTimeUnmarshal checks that Time never fails and never panics, and that
// what it decodes survives a round trip through MarshalJSON.
func FuzzTimeUnmarshal(f *testing.F) {
	for _, s := range []string{"1575253218", "1575253235933", `"1575253218"`, "null", "0", "-1", "1e12", `""`, `"2023-10-18T02:23:15Z"`, "99999999999999999999", "1.5"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v Time
		if err := v.UnmarshalJSON(b); err != nil {
			t.Fatalf("UnmarshalJSON(%q) = %v", b, err)
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var back Time
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatal(err)
		}
		// Milliseconds read back as milliseconds for every time from
		// 1973-03-03 (msThreshold, 1e11 ms) on; earlier ones read as seconds
		// by design.
		if v.IsZero() != back.IsZero() || (v.UnixMilli() >= msThreshold && v.UnixMilli() != back.UnixMilli()) {
			t.Fatalf("round trip of %q: %v -> %s -> %v", b, v.Time, out, back.Time)
		}
	})
}
