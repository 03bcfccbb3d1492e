package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
)

// syncBuffer is a log sink that tests can read while the server writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startTest starts the softphone on the simulator for one test, logging to
// the returned buffer.
func startTest(t *testing.T, cfg config, wrap func(http.Handler) http.Handler) (*simulation, *syncBuffer) {
	t.Helper()
	logs := new(syncBuffer)
	cfg.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := startSimulation("127.0.0.1:0", cfg, wrap)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	return s, logs
}

// agentClient is an HTTP client with a cookie jar, like a browser.
func agentClient(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second}
}

// call sends a request and returns the status and body.
func call(t *testing.T, hc *http.Client, method, url, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// signIn signs hc in as email and returns the session GET /api/me tells.
func signIn(t *testing.T, s *simulation, hc *http.Client, email string) session {
	t.Helper()
	status, body := call(t, hc, "POST", s.url+"/api/session", "application/json", `{"email":"`+email+`"}`)
	if status != http.StatusNoContent {
		t.Fatalf("sign-in as %s: %d %s", email, status, body)
	}
	if status, body = call(t, hc, "GET", s.url+"/api/me", "", ""); status != http.StatusOK {
		t.Fatalf("sign-in as %s: GET /api/me: %d %s", email, status, body)
	}
	var sess session
	if err := json.Unmarshal([]byte(body), &sess); err != nil {
		t.Fatal(err)
	}
	return sess
}

// simCredentials returns what the simulator holds for extension ext, read
// from the extension list (not the lookup the server uses).
func simCredentials(t *testing.T, s *simulation, ext string) omicall.SIPCredentials {
	t.Helper()
	c := s.sim.Client(t)
	page, err := c.CallCenter.ListExtensions(context.Background(), &omicall.ListOptions{Keyword: ext})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page.Items {
		if e.SIPUser == ext {
			return e.SIPCredentials()
		}
	}
	t.Fatalf("the simulator has no extension %s", ext)
	return omicall.SIPCredentials{}
}

// sseStream reads the events of GET /api/events.
type sseStream struct {
	events chan pageEvent
	resp   *http.Response
}

// openEvents opens the event stream of the agent hc is signed in as, with
// lastID as Last-Event-ID (0: none).
func openEvents(t *testing.T, s *simulation, hc *http.Client, lastID uint64) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"/api/events", nil)
	if lastID > 0 {
		req.Header.Set("Last-Event-ID", strconv.FormatUint(lastID, 10))
	}
	hc2 := *hc
	hc2.Timeout = 0 // a stream
	resp, err := hc2.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		cancel()
		t.Fatalf("GET /api/events: %d", resp.StatusCode)
	}
	st := &sseStream{events: make(chan pageEvent, 256), resp: resp}
	go func() {
		defer close(st.events)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var ev pageEvent
				if json.Unmarshal([]byte(data), &ev) == nil {
					st.events <- ev
				}
			}
		}
	}()
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return st
}

// next returns the next event, failing after a generous timeout.
func (st *sseStream) next(t *testing.T) pageEvent {
	t.Helper()
	select {
	case ev, ok := <-st.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(20 * time.Second):
		t.Fatal("no event within 20 s")
	}
	return pageEvent{}
}

// close ends the stream.
func (st *sseStream) close() { st.resp.Body.Close() }

// stateHook is a 2023-shaped call-state hook (docs/api.md §14.1) of an
// outbound call of extension ext.
func stateHook(callID, state, ext string) string {
	b, _ := json.Marshal(map[string]any{
		"call_uuid": callID, "state": state, "direction": "outbound",
		"from_number": ext, "to_number": "0901234567", "hotline": "842899990001",
		"created_time": 1764800000, "date_time": 1764800000000,
	})
	return string(b)
}

// postHook delivers a hook as OMICall does, with the registered secret.
func postHook(t *testing.T, s *simulation, body string) int {
	t.Helper()
	status, _ := call(t, http.DefaultClient, "POST", s.url+"/omicall/hook?secret="+s.app.cfg.HookSecret, "application/json", body)
	return status
}

// waitFor polls cond until it holds, failing after timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// discardLogger logs nothing.
func discardLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
