package omicall

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeResponse checks that no body and status can make the request
// path panic, and that every failure is one of the typed errors.
func FuzzDecodeResponse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(200, b)
		}
	}
	for _, s := range []string{"", "<html>", `{"status_code":9999}`, `{"status_code":"9999"}`, `{"status_code":-9999,"message":"x"}`, `{"payload":1}`, `[`, `null`} {
		f.Add(200, []byte(s))
		f.Add(503, []byte(s))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		var out struct {
			Page[Transaction]
			Tenant
		}
		err := decodeResponse(&request{method: "GET", path: "/api/x", out: &out}, status, body)
		if err == nil {
			if status >= 400 {
				t.Fatalf("HTTP %d accepted", status)
			}
			return
		}
		var apiErr *APIError
		var decErr *DecodeError
		if !errors.As(err, &apiErr) && !errors.As(err, &decErr) {
			t.Fatalf("untyped error %T: %v", err, err)
		}
	})
}

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
