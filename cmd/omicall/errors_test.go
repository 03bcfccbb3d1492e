package main

import (
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
)

// TestErrorsNeverPrintSecrets points the CLI at a host that echoes the API
// key and a token into its error code: neither may reach the output.
func TestErrorsNeverPrintSecrets(t *testing.T) {
	key := "echoed-secret-key-31415926"
	jwt := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZ2VudCJ9.c2lnbmF0dXJl"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"status_code":-9999,"message":"api_key_invalid ` + key + ` token ` + jwt + `"}`))
	}))
	t.Cleanup(ts.Close)
	for _, args := range [][]string{{"tenant"}, {"auth", "check", "-v"}, {"calls", "get", "x", "-o", "json"}} {
		r := runCLI(t, []string{"OMICALL_BASE_URL=" + ts.URL, "OMICALL_API_KEY=" + key}, args...)
		all := r.stdout + r.stderr
		if r.code != 1 || strings.Contains(all, key) || strings.Contains(all, "eyJ") {
			t.Errorf("%v: exit %d, output %q", args, r.code, all)
		}
		if !strings.Contains(r.stderr, "api_key_invalid") {
			t.Errorf("%v: the code is gone too: %q", args, r.stderr)
		}
	}
}

// TestErrorsInCLIWords: errors speak of flags, not of the SDK's Go names.
func TestErrorsInCLIWords(t *testing.T) {
	notFound := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notFound.Close)
	for _, tc := range []struct {
		env  []string
		args []string
		want string
	}{
		{[]string{"OMICALL_API_KEY=k"}, []string{"--base-url", "ftp://example.com", "tenant"}, "--base-url"},
		{[]string{"OMICALL_API_KEY=k", "OMICALL_BASE_URL=" + notFound.URL}, []string{"tenant"}, "--base-url"},
	} {
		r := runCLI(t, tc.env, tc.args...)
		if !strings.Contains(r.stderr, tc.want) || strings.Contains(r.stderr, "With") || strings.Contains(r.stderr, "baseURL") {
			t.Errorf("%v: stderr %q: want %q and no Go names", tc.args, r.stderr, tc.want)
		}
	}
}

// TestSimBusyPort: a port in use is named with the flag that chose it.
func TestSimBusyPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	addr := l.Addr().String()
	for _, args := range [][]string{{"sim", "--addr", addr, "--calls", "10"}, {"listen", "--addr", addr}} {
		r := runCLI(t, nil, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "--addr "+addr) || !strings.Contains(r.stderr, "in use") ||
			strings.Contains(r.stderr, "--base-url") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestFileErrorIsNotANetworkError: a file's error (its errno has the
// methods of a net.Error) names the file and no network.
func TestFileErrorIsNotANetworkError(t *testing.T) {
	err := &fs.PathError{Op: "open", Path: "calls.csv", Err: syscall.EACCES}
	if got := describe(err); strings.Contains(got, "network") || !strings.Contains(got, "calls.csv") {
		t.Errorf("describe: %q", got)
	}
}
