package omicall

import (
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
