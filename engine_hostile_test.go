package omicall

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The secrets the doors carry; a lying server echoes them back.
const (
	doorAPIKey       = "door-api-key-SECRET-0123456789"
	doorToken        = "door-access-token-SECRET-987654321"
	doorPartnerToken = "door-partner-token-SECRET-555555"
	doorHeaderSecret = "door-header-SECRET-42424242" // sent by Client.Do with WithHeader
)

// lyingServer is an OMICall host that lies in one way (its mode), and the
// other host it sends redirects to, which records what reaches it.
type lyingServer struct {
	mode  string
	srv   *httptest.Server
	other *httptest.Server

	mu        sync.Mutex
	sizes     []int    // the size query of every request to srv
	routes    []string // METHOD path of every request to srv
	leaked    []string // what reached the other host
	otherHits int
}

// newLyingServer starts a server in mode:
//   - echo: every call but /api/auth is refused with the key, token and
//     headers it carried echoed in the message and in response headers;
//   - echo-auth: /api/auth too;
//   - balloon: every call is answered a 1 MiB page of {};
//   - more: a page carries 5 more records than its size asked for;
//   - redirect: every call but /api/auth is redirected to another host;
//   - redirect-auth: /api/auth too, with its query;
//   - stall: every call but /api/auth is answered a status and half a body,
//     then nothing.
func newLyingServer(t *testing.T, mode string) *lyingServer {
	ls := &lyingServer{mode: mode}
	ls.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ls.mu.Lock()
		ls.otherHits++
		ls.leaked = append(ls.leaked, r.URL.String())
		for k, vs := range r.Header {
			ls.leaked = append(ls.leaked, k+": "+strings.Join(vs, ","))
		}
		ls.mu.Unlock()
		_, _ = io.WriteString(w, `{"status_code":9999,"payload":{}}`)
	}))
	t.Cleanup(ls.other.Close)
	ls.srv = httptest.NewServer(http.HandlerFunc(ls.serve))
	t.Cleanup(ls.srv.Close)
	return ls
}

func (ls *lyingServer) serve(w http.ResponseWriter, r *http.Request) {
	size, _ := strconv.Atoi(r.URL.Query().Get("size"))
	ls.mu.Lock()
	ls.sizes = append(ls.sizes, size)
	ls.routes = append(ls.routes, r.Method+" "+r.URL.Path)
	ls.mu.Unlock()
	_, _ = io.Copy(io.Discard, r.Body)
	auth := r.URL.Path == authPath
	switch {
	case ls.mode == "redirect-auth" || (ls.mode == "redirect" && !auth):
		http.Redirect(w, r, ls.other.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	case ls.mode == "echo-auth" || (ls.mode == "echo" && !auth):
		echo := strings.Join([]string{r.URL.Query().Get("apiKey"), r.Header.Get("X-Api-Key"), r.Header.Get("Apikey"),
			strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")}, " ")
		w.Header().Set("X-Request-Id", echo)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"status_code":-1,"message":%q,"payload":{"errors":[{"phone_number":%q,"code":%q}]}}`, "denied: "+echo, echo, echo)
	case auth:
		fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, doorToken)
	case ls.mode == "balloon":
		_, _ = w.Write(balloonBody)
	case ls.mode == "more":
		n := cmpOr(size, 60) + 5
		items := make([]string, n)
		for i := range items {
			items[i] = fmt.Sprintf(`{"transaction_id":"tx-%d","_id":"id-%d","id":"id-%d","public_id":"p-%d","uuid":"u-%d","email":"a%d@example.com","name":"n%d"}`, i, i, i, i, i, i, i)
		}
		fmt.Fprintf(w, `{"status_code":9999,"payload":{"items":[%s],"has_next":false,"total_items":%d}}`, strings.Join(items, ","), n)
	case ls.mode == "stall":
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"status_code":9999,"payload":{"items":[`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
}

// balloonBody is a 1 MiB page of {}.
var balloonBody = []byte(`{"status_code":9999,"message":"ok","payload":{"items":[{}` + strings.Repeat(`,{}`, (1<<20)/3) + `],"has_next":true,"total_items":999999}}`)

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// seen returns what the server recorded.
func (ls *lyingServer) seen() (sizes []int, routes, leaked []string, otherHits int) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return append([]int(nil), ls.sizes...), append([]string(nil), ls.routes...), append([]string(nil), ls.leaked...), ls.otherHits
}

// doorClients returns a tenant and a partner client of ls that log to logs
// and report to an observer whose texts go to obs.
func doorClients(t *testing.T, ls *lyingServer, timeout time.Duration, logs io.Writer, obs *[]string, obsMu *sync.Mutex) (*Client, *PartnerClient) {
	note := func(s string) {
		obsMu.Lock()
		*obs = append(*obs, s)
		obsMu.Unlock()
	}
	o := &Observer{
		Call: func(ctx context.Context, ci CallInfo) (context.Context, func(CallResult)) {
			note(ci.Route)
			return ctx, func(r CallResult) { note(r.Code + fmt.Sprint(r.Err)) }
		},
		Attempt: func(_ context.Context, a AttemptInfo) { note(fmt.Sprint(a.Err)) },
	}
	opts := []Option{WithBaseURL(ls.srv.URL), WithSpeechBaseURLs(ls.srv.URL, ls.srv.URL), WithRetry(1, 0, 0),
		WithTimeout(timeout), WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
		WithObserver(o)}
	c, err := NewClient(doorAPIKey, opts...)
	require.NoError(t, err)
	p, err := NewPartnerClient(doorPartnerToken, opts...)
	require.NoError(t, err)
	return c, p
}

// errorTexts returns every text an error shows: its message and printed
// forms, and every string field, however deep, of every error in its chain.
func errorTexts(err error) []string {
	var out []string
	var visit func(e error, depth int)
	visit = func(e error, depth int) {
		if e == nil || depth > 10 {
			return
		}
		out = append(out, e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e))
		out = append(out, fieldStrings(reflect.ValueOf(e), 0)...)
		for _, k := range unwrapAll(e) {
			visit(k, depth+1)
		}
	}
	visit(err, 0)
	return out
}

// fieldStrings returns the strings held in v's fields, exported or not.
func fieldStrings(v reflect.Value, depth int) []string {
	if depth > 5 || !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		return []string{v.String()}
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return fieldStrings(v.Elem(), depth+1)
	case reflect.Struct:
		var out []string
		for i := range v.NumField() {
			out = append(out, fieldStrings(v.Field(i), depth+1)...)
		}
		return out
	case reflect.Slice, reflect.Array:
		var out []string
		for i := range min(v.Len(), 16) {
			out = append(out, fieldStrings(v.Index(i), depth+1)...)
		}
		return out
	}
	return nil
}

// requireNoSecret fails when any text holds one of the doors' secrets.
func requireNoSecret(t *testing.T, what string, texts []string, secrets ...string) {
	t.Helper()
	for _, s := range texts {
		for _, sec := range secrets {
			if strings.Contains(s, sec) {
				t.Fatalf("%s holds a secret: %.300s", what, s)
			}
		}
	}
}

// TestEveryDoorAgainstLyingServers runs every public method that sends a
// request (doors) against servers that lie: none may leak a secret into an
// error, a log line or the observer, hold more than a bounded amount of
// memory, return more items than it asked for, send a credential to
// another host, or hang.
func TestEveryDoorAgainstLyingServers(t *testing.T) {
	secrets := []string{doorAPIKey, doorToken, doorPartnerToken}
	for _, mode := range []string{"echo", "echo-auth", "more", "redirect", "redirect-auth", "stall"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			for _, d := range doors {
				t.Run(d.name, func(t *testing.T) {
					t.Parallel()
					ls := newLyingServer(t, mode)
					var logs logBuffer
					var obs []string
					var obsMu sync.Mutex
					timeout := 2 * time.Second
					if mode == "stall" {
						timeout = 60 * time.Millisecond
					}
					c, p := doorClients(t, ls, timeout, &logs, &obs, &obsMu)
					ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
					defer cancel()
					start := time.Now()
					n, err := d.call(ctx, c, p, ls.srv.URL)
					elapsed := time.Since(start)
					sizes, routes, leaked, otherHits := ls.seen()
					beyondAuth := false // the door sent more than the token request
					for _, r := range routes {
						beyondAuth = beyondAuth || r != "GET "+authPath
					}

					requireNoSecret(t, "the error", errorTexts(err), secrets...)
					requireNoSecret(t, "the log", []string{logs.String()}, secrets...)
					obsMu.Lock()
					requireNoSecret(t, "the observer", obs, secrets...)
					obsMu.Unlock()
					switch mode {
					case "echo", "echo-auth":
						if beyondAuth || mode == "echo-auth" {
							require.Error(t, err, "a refusal is an error")
						}
					case "more":
						if len(sizes) > 0 && sizes[len(sizes)-1] > 0 && err == nil {
							assert.LessOrEqual(t, n, sizes[len(sizes)-1], "items beyond the page size asked for")
						}
					case "redirect", "redirect-auth":
						requireNoSecret(t, "a request to another host", leaked, doorAPIKey, doorToken, doorPartnerToken, doorHeaderSecret)
						_ = otherHits
					case "stall":
						if beyondAuth {
							require.Error(t, err)
						}
						assert.Less(t, elapsed, 5*time.Second, "a stalled answer must end with the attempt's timeout")
					}
				})
			}
		})
	}
}

// TestEveryDoorAgainstABalloonPage: a 1 MiB page of {} costs every door a
// bounded amount of memory, and a page method an error (more items than
// asked). Serial: the allocation counter is the process's.
func TestEveryDoorAgainstABalloonPage(t *testing.T) {
	const bound = 24 << 20
	worst, worstName := uint64(0), ""
	for _, d := range doors {
		ls := newLyingServer(t, "balloon")
		var obs []string
		var obsMu sync.Mutex
		c, p := doorClients(t, ls, 5*time.Second, io.Discard, &obs, &obsMu)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		var before, after runtime.MemStats // TotalAlloc only grows: no collection needed
		runtime.ReadMemStats(&before)
		n, err := d.call(ctx, c, p, ls.srv.URL)
		runtime.ReadMemStats(&after)
		cancel()
		alloc := after.TotalAlloc - before.TotalAlloc
		if alloc > worst {
			worst, worstName = alloc, d.name
		}
		assert.Less(t, alloc, uint64(bound), "%s allocated %d MiB for a 1 MiB page", d.name, alloc>>20)
		sizes, _, _, _ := ls.seen()
		if len(sizes) > 0 && sizes[len(sizes)-1] > 0 {
			assert.Error(t, err, "%s: a page of %d items for a size of %d", d.name, n, sizes[len(sizes)-1])
			assert.ErrorIs(t, err, ErrMalformedResponse, d.name)
		}
	}
	t.Logf("most allocated for a 1 MiB page of {}: %d KiB (%s)", worst>>10, worstName)
}
