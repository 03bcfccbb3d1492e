package omicall

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logBuffer is a concurrency-safe slog sink for asserting on log output.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func newLogBuffer() (*logBuffer, *slog.Logger) {
	lb := &logBuffer{}
	return lb, slog.New(slog.NewTextHandler(lb, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// post serves one request through h and returns the recorder.
func post(h http.Handler, method, target string, body io.Reader, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// recordingFn is a callback that records the events it gets.
type recordingFn struct {
	mu     sync.Mutex
	events []*CallEvent
	err    error
}

func (f *recordingFn) fn(_ context.Context, ev *CallEvent) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, ev)
	return f.err
}

func (f *recordingFn) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.events)
}

func TestWebhookHandlerStatuses(t *testing.T) {
	ringing := string(fixture(t, "webhook_state_ringing.json"))
	big := `{"state":"ringing","pad":"` + strings.Repeat("a", 2048) + `"}`
	for _, tc := range []struct {
		name     string
		method   string
		target   string
		body     string
		header   map[string]string
		opts     []WebhookOption
		fnErr    error
		want     int
		called   bool
		allowHdr bool
	}{
		{name: "ringing", body: ringing, want: 200, called: true},
		{name: "cdr", body: string(fixture(t, "webhook_cdr.json")), want: 200, called: true},
		{name: "unknown state passes through", body: `{"state":"parked","call_uuid":"x"}`, want: 200, called: true},
		{name: "callback error", body: ringing, fnErr: errors.New("db down"), want: 500, called: true},
		{name: "GET", method: http.MethodGet, want: 405, allowHdr: true},
		{name: "PUT with a body", method: http.MethodPut, body: ringing, want: 405, allowHdr: true},
		{name: "HEAD", method: http.MethodHead, want: 405, allowHdr: true},
		{name: "empty body", body: "", want: 400},
		{name: "not JSON", body: "state=ringing", want: 400},
		{name: "JSON array", body: `[` + ringing + `]`, want: 400},
		{name: "JSON string", body: `"ringing"`, want: 400},
		{name: "no state", body: `{"call_uuid":"x"}`, want: 400},
		{name: "over the limit", body: big, opts: []WebhookOption{WithMaxBodyBytes(1024)}, want: 413},
		{name: "at the limit", body: big, opts: []WebhookOption{WithMaxBodyBytes(int64(len(big)))}, want: 200, called: true},
		{name: "secret in query", target: "/hook?secret=" + hookSecret, body: ringing, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 200, called: true},
		{name: "secret in header", body: ringing, header: map[string]string{WebhookSecretHeader: hookSecret}, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 200, called: true},
		{name: "rotated secret", target: "/hook?secret=new-one", body: ringing, opts: []WebhookOption{WithWebhookSecret(hookSecret, "new-one")}, want: 200, called: true},
		{name: "missing secret", body: ringing, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 401},
		{name: "wrong secret in query", target: "/hook?secret=nope", body: ringing, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 401},
		{name: "wrong secret in header", body: ringing, header: map[string]string{WebhookSecretHeader: hookSecret + "x"}, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 401},
		{name: "secret prefix", target: "/hook?secret=" + hookSecret[:5], body: ringing, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 401},
		{name: "wrong header, right query", target: "/hook?secret=" + hookSecret, header: map[string]string{WebhookSecretHeader: "nope"}, body: ringing, opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 200, called: true},
		{name: "only empty secrets: fail closed", target: "/hook?secret=", body: ringing, opts: []WebhookOption{WithWebhookSecret("")}, want: 401},
		{name: "secret checked before the body", body: "junk", opts: []WebhookOption{WithWebhookSecret(hookSecret)}, want: 401},
		{name: "nil option ignored", body: ringing, opts: []WebhookOption{nil}, want: 200, called: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &recordingFn{err: tc.fnErr}
			h := NewWebhookHandler(f.fn, tc.opts...)
			method, target := tc.method, tc.target
			if method == "" {
				method = http.MethodPost
			}
			if target == "" {
				target = "/hook"
			}
			rec := post(h, method, target, strings.NewReader(tc.body), tc.header)
			assert.Equal(t, tc.want, rec.Code)
			assert.Equal(t, tc.called, f.count() == 1, "callback called")
			if tc.allowHdr {
				assert.Equal(t, http.MethodPost, rec.Header().Get("Allow"))
			}
			assert.NotContains(t, rec.Body.String(), hookSecret)
		})
	}
}

// A secret pasted into the registered URL without query escaping still
// matches: "+" is not read as a space, "%" not as an escape.
func TestWebhookHandlerUnescapedSecretInURL(t *testing.T) {
	const secret = "q+Z/9%41x=="
	f := &recordingFn{}
	h := NewWebhookHandler(f.fn, WithWebhookSecret(secret))
	ringing := string(fixture(t, "webhook_state_ringing.json"))
	for target, want := range map[string]int{
		"/hook?secret=" + secret:                       200, // as pasted
		"/hook?secret=" + url.QueryEscape(secret):      200, // escaped
		"/hook?a=1&secret=" + secret + "&b=2":          200,
		"/hook?secret=q Z/9A" + "x==":                  401, // the decoded form of the pasted one
		"/hook?secret=" + url.QueryEscape("q Z/9Ax=="): 401,
		"/hook?secret=" + secret[:len(secret)-1]:       401,
		"/hook?other=" + secret:                        401,
		"/hook?xsecret=" + secret:                      401,
	} {
		req := httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(ringing))
		req.URL.RawQuery = strings.SplitN(target, "?", 2)[1]
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, want, rec.Code, target)
	}
}

func TestWebhookHandlerOversizeWithoutContentLength(t *testing.T) {
	f := &recordingFn{}
	h := NewWebhookHandler(f.fn, WithMaxBodyBytes(64))
	req := httptest.NewRequest(http.MethodPost, "/hook", io.MultiReader(strings.NewReader(`{"state":"ringing","x":"`), strings.NewReader(strings.Repeat("a", 100)+`"}`)))
	req.ContentLength = -1 // unknown, as with chunked encoding
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
	assert.Zero(t, f.count())
}

func TestWebhookHandlerNilBodyAndURL(t *testing.T) {
	h := NewWebhookHandler(nil, WithWebhookSecret(hookSecret))
	req := &http.Request{Method: http.MethodPost, Header: http.Header{WebhookSecretHeader: {hookSecret}}}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusBadRequest, rec.Code, "no body is an empty body")
}

func TestWebhookHandlerDefaultLimitIsOneMiB(t *testing.T) {
	h := NewWebhookHandler(nil)
	under := `{"state":"ringing","x":"` + strings.Repeat("a", DefaultMaxWebhookBody-40) + `"}`
	over := `{"state":"ringing","x":"` + strings.Repeat("a", DefaultMaxWebhookBody) + `"}`
	assert.Equal(t, 200, post(h, http.MethodPost, "/", strings.NewReader(under), nil).Code)
	assert.Equal(t, 413, post(h, http.MethodPost, "/", strings.NewReader(over), nil).Code)
}

func TestWebhookHandlerPassesEventAndContext(t *testing.T) {
	type ctxKey struct{}
	var got *CallEvent
	var gotVal any
	h := NewWebhookHandler(func(ctx context.Context, ev *CallEvent) error {
		got, gotVal = ev, ctx.Value(ctxKey{})
		return nil
	})
	req := httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(fixture(t, "webhook_cdr.json")))
	req = req.WithContext(context.WithValue(req.Context(), ctxKey{}, "from-request"))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	require.Equal(t, 200, rec.Code)
	assert.Equal(t, "from-request", gotVal, "fn gets the request's context")
	require.NotNil(t, got)
	assert.Equal(t, StateCDR, got.State)
	require.NotNil(t, got.CDR)
	assert.InDelta(t, 55.002, float64(got.CDR.CallOutPrice), 1e-9)
}

func TestWebhookHandlerPanicIsRecovered(t *testing.T) {
	for name, p := range map[string]any{"string": "boom", "error": errors.New("bad"), "nil map": nil} {
		t.Run(name, func(t *testing.T) {
			lb, log := newLogBuffer()
			h := NewWebhookHandler(func(context.Context, *CallEvent) error {
				if p == nil {
					var m map[string]int
					m["x"] = 1 // a runtime panic
				}
				panic(p)
			}, WithWebhookLogger(log))
			rec := post(h, http.MethodPost, "/hook", bytes.NewReader(fixture(t, "webhook_state_ringing.json")), nil)
			assert.Equal(t, http.StatusInternalServerError, rec.Code)
			assert.Contains(t, lb.String(), "panicked")
		})
	}
}

func TestWebhookHandlerLogsNeverHoldSecretOrBody(t *testing.T) {
	lb, log := newLogBuffer()
	const marker = "BODY-MARKER-0395187319"
	fail := true
	h := NewWebhookHandler(func(context.Context, *CallEvent) error {
		if fail {
			return errors.New("store failed")
		}
		return nil
	}, WithWebhookSecret(hookSecret), WithWebhookLogger(log), WithDedup(time.Minute))
	body := `{"state":"ringing","call_uuid":"c-1","to_number":"` + marker + `"}`
	q := "/hook?secret=" + hookSecret
	statuses := []int{
		post(h, http.MethodPost, q, strings.NewReader(body), nil).Code,                                               // 500
		post(h, http.MethodGet, q, nil, nil).Code,                                                                    // 405
		post(h, http.MethodPost, "/hook?secret="+hookSecret+"x", strings.NewReader(body), nil).Code,                  // 401
		post(h, http.MethodPost, "/hook", strings.NewReader(body), map[string]string{WebhookSecretHeader: "x"}).Code, // 401
		post(h, http.MethodPost, q, strings.NewReader(`{"to":"`+marker+`"}`), nil).Code,                              // 400
		post(h, http.MethodPost, q, strings.NewReader(marker), nil).Code,                                             // 400
	}
	fail = false
	statuses = append(statuses,
		post(h, http.MethodPost, q, strings.NewReader(body), map[string]string{WebhookSecretHeader: hookSecret}).Code, // 200
		post(h, http.MethodPost, q, strings.NewReader(body), nil).Code,                                                // 200 duplicate
	)
	assert.Equal(t, []int{500, 405, 401, 401, 400, 400, 200, 200}, statuses)
	out := lb.String()
	// One line per request handled or failed; the five refusals of this
	// second share one line (the first), with the sender's address.
	assert.Equal(t, 4, strings.Count(out, "\n"), "lines:\n%s", out)
	assert.Equal(t, 1, strings.Count(out, "omicall webhook refused"), out)
	assert.Contains(t, out, "remote=192.0.2.1:1234")
	assert.NotContains(t, out, hookSecret)
	assert.NotContains(t, out, hookSecret[:8])
	assert.NotContains(t, out, marker)
	assert.NotContains(t, out, "secret=")
	assert.Contains(t, out, "status=405")
	assert.Contains(t, out, "status=500")
	assert.Contains(t, out, "store failed")
	assert.Contains(t, out, "path=/hook")
	assert.Contains(t, out, "call_id=c-1")
	assert.Contains(t, out, "duplicate=true")
}

func TestWebhookHandlerSlowClient(t *testing.T) {
	lb, log := newLogBuffer()
	f := &recordingFn{}
	srv := httptest.NewUnstartedServer(NewWebhookHandler(f.fn, WithWebhookLogger(log)))
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	defer srv.Close()

	pr, pw := io.Pipe()
	defer pw.Close()
	req, err := http.NewRequestWithContext(ctxT(t), http.MethodPost, srv.URL+"/hook", pr)
	require.NoError(t, err)
	req.ContentLength = 100
	go func() { _, _ = pw.Write([]byte(`{"state":"ri`)) }() // then stall
	resp, err := srv.Client().Do(req)
	if err == nil { // the server answered before giving up on the connection
		defer resp.Body.Close()
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	}
	require.Eventually(t, func() bool { return strings.Contains(lb.String(), "body could not be read") }, 5*time.Second, 10*time.Millisecond)
	assert.Contains(t, lb.String(), "status=400")
	assert.Zero(t, f.count())
}

func TestWebhookHandlerDedupConcurrentRedeliveries(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	h := NewWebhookHandler(func(context.Context, *CallEvent) error {
		calls.Add(1)
		<-release // hold the first delivery so that the copies overlap it
		return nil
	}, WithDedup(time.Minute)).(*webhookHandler)
	body := fixture(t, "webhook_cdr.json")

	const n = 50
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code
		}()
	}
	// All 49 copies are waiting while the first is being handled.
	require.Eventually(t, func() bool { return h.dedup.waiting() == n-1 }, 10*time.Second, time.Millisecond)
	close(release)
	wg.Wait()
	assert.EqualValues(t, 1, calls.Load(), "fn runs once for 50 concurrent redeliveries")
	for i, c := range codes {
		assert.Equal(t, 200, c, "request %d", i)
	}
	// A later redelivery inside the window is answered without fn.
	assert.Equal(t, 200, post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code)
	assert.EqualValues(t, 1, calls.Load())
	// Another state of the same call is a different event.
	assert.Equal(t, 200, post(h, http.MethodPost, "/hook", strings.NewReader(`{"state":"hangup","call_uuid":"ae5f56fc-7baa-4537-b312-1105023bbb49"}`), nil).Code)
	assert.EqualValues(t, 2, calls.Load())
}

func TestWebhookHandlerDedupFailedFirstAttemptIsRetried(t *testing.T) {
	var calls atomic.Int32
	release := make(chan struct{})
	h := NewWebhookHandler(func(context.Context, *CallEvent) error {
		if calls.Add(1) == 1 {
			<-release
			return errors.New("temporary")
		}
		return nil
	}, WithDedup(time.Minute)).(*webhookHandler)
	body := fixture(t, "webhook_state_answered.json")

	// Copies that overlap the failing first attempt answer its status.
	codes := make(chan int, 6)
	var wg sync.WaitGroup
	for range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes <- post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code
		}()
	}
	require.Eventually(t, func() bool { return h.dedup.waiting() == 5 }, 10*time.Second, time.Millisecond)
	close(release)
	wg.Wait()
	close(codes)
	for c := range codes {
		assert.Equal(t, 500, c)
	}
	assert.EqualValues(t, 1, calls.Load())

	// The failure was forgotten: the next delivery calls fn again.
	assert.Equal(t, 200, post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code)
	assert.EqualValues(t, 2, calls.Load())
	assert.Equal(t, 200, post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code)
	assert.EqualValues(t, 2, calls.Load())
}

func TestWebhookHandlerDedupPanicReleasesWaiters(t *testing.T) {
	var calls atomic.Int32
	h := NewWebhookHandler(func(context.Context, *CallEvent) error {
		if calls.Add(1) == 1 {
			panic("first attempt")
		}
		return nil
	}, WithDedup(time.Minute))
	body := fixture(t, "webhook_state_hangup.json")
	assert.Equal(t, 500, post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code)
	assert.Equal(t, 200, post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil).Code)
	assert.EqualValues(t, 2, calls.Load())
}

func TestWebhookHandlerDedupWaiterContextEnds(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	var calls atomic.Int32
	h := NewWebhookHandler(func(context.Context, *CallEvent) error {
		calls.Add(1)
		<-release
		return nil
	}, WithDedup(time.Minute))
	body := fixture(t, "webhook_state_ringing.json")
	go post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil)
	require.Eventually(t, func() bool { return calls.Load() == 1 }, 5*time.Second, time.Millisecond)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req := httptest.NewRequest(http.MethodPost, "/hook", bytes.NewReader(body)).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
	assert.EqualValues(t, 1, calls.Load())
}

func TestWebhookHandlerDedupWindowAndBounds(t *testing.T) {
	var calls atomic.Int32
	h := NewWebhookHandler(func(context.Context, *CallEvent) error { calls.Add(1); return nil }, WithDedup(time.Minute)).(*webhookHandler)
	now := time.Unix(1_700_000_000, 0)
	h.dedup.now = func() time.Time { return now }
	send := func(id string) int {
		return post(h, http.MethodPost, "/hook", strings.NewReader(`{"state":"ringing","call_uuid":"`+id+`"}`), nil).Code
	}

	require.Equal(t, 200, send("a"))
	now = now.Add(59 * time.Second)
	require.Equal(t, 200, send("a"))
	assert.EqualValues(t, 1, calls.Load(), "inside the window")
	now = now.Add(2 * time.Second)
	require.Equal(t, 200, send("a"))
	assert.EqualValues(t, 2, calls.Load(), "after the window the event is handled again")

	// Expired entries are evicted.
	for i := range 100 {
		send(string(rune('A'+i%26)) + strings.Repeat("x", i))
	}
	assert.Equal(t, 101, h.dedup.size())
	now = now.Add(2 * time.Minute)
	send("b")
	assert.Equal(t, 1, h.dedup.size(), "expired entries evicted")

	// The number of remembered events is capped; the oldest go first.
	h.dedup.max = 10
	for i := range 50 {
		send(strings.Repeat("y", i+1))
	}
	assert.LessOrEqual(t, h.dedup.size(), 10)
	before := calls.Load()
	send(strings.Repeat("y", 50)) // newest: still remembered
	assert.Equal(t, before, calls.Load())
	send("y") // oldest: evicted, handled again
	assert.Equal(t, before+1, calls.Load())
}

func TestWebhookHandlerDedupSkipsEventsWithoutCallID(t *testing.T) {
	var calls atomic.Int32
	h := NewWebhookHandler(func(context.Context, *CallEvent) error { calls.Add(1); return nil }, WithDedup(time.Minute))
	for range 3 {
		assert.Equal(t, 200, post(h, http.MethodPost, "/", strings.NewReader(`{"state":"ringing"}`), nil).Code)
	}
	assert.EqualValues(t, 3, calls.Load())
}

func TestWebhookHandlerWithoutDedupCallsEveryTime(t *testing.T) {
	f := &recordingFn{}
	h := NewWebhookHandler(f.fn)
	body := fixture(t, "webhook_cdr.json")
	for range 3 {
		assert.Equal(t, 200, post(h, http.MethodPost, "/", bytes.NewReader(body), nil).Code)
	}
	assert.Equal(t, 3, f.count())
}

// The dedup memory does not grow with the size of the call ids it
// remembers: an event's key is kept as a fixed-size digest.
func TestWebhookHandlerDedupMemoryDoesNotHoldCallIDs(t *testing.T) {
	h := NewWebhookHandler(nil, WithDedup(time.Hour)).(*webhookHandler)
	const events, idLen = 64, 256 << 10 // 16 MiB of call ids in all
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	before := heap()
	pad := strings.Repeat("x", idLen)
	for i := range events {
		body := `{"state":"ringing","call_uuid":"` + strconv.Itoa(i) + pad + `"}`
		require.Equal(t, 200, post(h, http.MethodPost, "/", strings.NewReader(body), nil).Code)
	}
	pad = ""
	grown := int64(heap()) - int64(before)
	require.Equal(t, events, h.dedup.size())
	assert.Less(t, grown, int64(2<<20), "remembering %d events kept %d bytes", events, grown)
}

// A flood of refused requests costs one log line a second, which says how
// many were refused since the last.
func TestWebhookHandlerRefusalsLoggedAtABoundedRate(t *testing.T) {
	lb, log := newLogBuffer()
	h := NewWebhookHandler(nil, WithWebhookSecret(hookSecret), WithWebhookLogger(log)).(*webhookHandler)
	now := time.Unix(1_800_000_000, 0)
	h.now = func() time.Time { return now }
	for range 1000 {
		require.Equal(t, http.StatusUnauthorized, post(h, http.MethodPost, "/hook?secret=wrong", strings.NewReader(`{}`), nil).Code)
	}
	assert.Equal(t, 1, strings.Count(lb.String(), "\n"), lb.String())
	now = now.Add(time.Second)
	post(h, http.MethodPost, "/hook?secret=wrong", strings.NewReader(`{}`), nil)
	lines := strings.Split(strings.TrimSpace(lb.String()), "\n")
	require.Len(t, lines, 2)
	assert.True(t, strings.HasSuffix(lines[0], "refused=1"), lines[0])
	assert.Contains(t, lines[1], "refused=1000", "999 held back, and this one")
}

// A refused request is answered before its body is read, and the
// connection closed, so a slow body does not hold the answer.
func TestWebhookHandlerRefusesBeforeASlowBody(t *testing.T) {
	srv := httptest.NewServer(NewWebhookHandler(nil, WithWebhookSecret(hookSecret), WithMaxBodyBytes(1<<20)))
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		name, target string
		length       int
		want         int
	}{
		{"wrong secret", "/hook?secret=wrong", 100_000, http.StatusUnauthorized},
		{"too large", "/hook?secret=" + hookSecret, 2 << 20, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{\"state\":", tc.target, tc.length)
			start := time.Now()
			require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err, "answered while the body is still being sent")
			assert.Equal(t, tc.want, resp.StatusCode)
			assert.True(t, resp.Close, "Connection: close")
			assert.Less(t, time.Since(start), 2*time.Second)
		})
	}
}
