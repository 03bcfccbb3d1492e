package omicall

// Hostile servers, transport: huge Content-Length with stalled bodies,
// redirects to other hosts, Location headers that fail to parse. Each test
// names the defect it covers. Every wait is on an event.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// signalBody is a response body that reports its first Read.
type signalBody struct {
	io.ReadCloser
	once  sync.Once
	first chan<- struct{}
}

func (b *signalBody) Read(p []byte) (int, error) {
	b.once.Do(func() { b.first <- struct{}{} })
	return b.ReadCloser.Read(p)
}

// Defect 3(a): 20 stalled responses that declare 32 MiB each hold what
// they sent, not 640 MiB.
func TestHostileStalledHugeContentLength(t *testing.T) {
	const n = 20
	held := heapHeldByStalledResponses(t, n)
	t.Logf("heap held by %d stalled responses: %d KiB", n, held>>10)
	assert.Less(t, held, int64(64<<20), "memory must follow what arrived, not what was declared")
}

// heapHeldByStalledResponses returns the heap held while n responses that
// declare 32 MiB each have sent a few bytes and stall. The client's
// transport reports when each body is first read: by then readBody has
// sized its buffer.
func heapHeldByStalledResponses(t *testing.T, n int) int64 {
	t.Helper()
	release := make(chan struct{})
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(32<<20))
		_, _ = io.WriteString(w, `{"status_code":9999,`)
		w.(http.Flusher).Flush()
		select { // stall
		case <-release:
		case <-r.Context().Done():
		}
	})
	first := make(chan struct{}, n)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := tr.RoundTrip(r)
		if err == nil && r.URL.Path != "/api/auth" {
			resp.Body = &signalBody{ReadCloser: resp.Body, first: first}
		}
		return resp, err
	})}
	c := newHostileClient(t, srv.URL, WithHTTPClient(hc))
	_, err := c.Token(ctxT(t))
	require.NoError(t, err)

	runtime.GC()
	var before, during runtime.MemStats
	runtime.ReadMemStats(&before)
	ctx, cancel := context.WithCancel(ctxT(t))
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _ = c.Tenant.Get(ctx)
		}()
	}
	for range n {
		<-first
	}
	runtime.ReadMemStats(&during)
	cancel()
	close(release)
	wg.Wait()
	return int64(during.HeapAlloc) - int64(before.HeapAlloc)
}

// Defect 9: a redirect of the token request is never followed, so the API
// key in its query never reaches another host — with the default client and
// with the caller's own http.Client.
func TestHostileTokenRedirectToAnotherHost(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.RawQuery, hostileKey) || r.URL.Query().Get("apiKey") != "" {
			leaked.Add(1)
		}
		hostileOK(w, `{"access_token":"stolen"}`)
	}))
	defer other.Close()
	var authHits atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authHits.Add(1)
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusFound) // the query, key included, goes along
	}))
	defer front.Close()
	for name, opts := range map[string][]Option{
		"default client": nil,
		"own client":     {WithHTTPClient(&http.Client{})},
	} {
		t.Run(name, func(t *testing.T) {
			authHits.Store(0)
			c := newHostileClient(t, front.URL, append(opts, WithRetry(3, time.Millisecond, 2*time.Millisecond))...)
			_, err := c.Tenant.Get(ctxT(t))
			require.Error(t, err)
			assert.NotContains(t, err.Error(), hostileKey)
			assert.Zero(t, leaked.Load(), "the API key reached another host")
			assert.Equal(t, int32(1), authHits.Load(), "a refused redirect is not retried")
		})
	}
}

// Defect 8: a redirect whose Location cannot be parsed puts neither the API
// key nor a token in the error text or in the retry log line.
func TestHostileBadLocationLeaksNoKey(t *testing.T) {
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A Location that fails to parse, echoing the query (key included).
		w.Header().Set("Location", "http://[::1%zz]/api/auth?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusFound)
	}))
	defer front.Close()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newHostileClient(t, front.URL, WithLogger(log), WithRetry(2, time.Millisecond, 2*time.Millisecond))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), hostileKey)
	assert.NotContains(t, logs.String(), hostileKey)
}

// Defect 8: whatever the type of a transport error, its text is scrubbed of
// the API key and the token, and errors.Is still sees the cause.
func TestHostileTransportErrorTextIsScrubbed(t *testing.T) {
	cause := errors.New("proxy said: GET /api/auth?apiKey=" + hostileKey + " and Bearer tok-1 refused")
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("custom transport: %w", cause)
	})}
	c := newHostileClient(t, "https://api.omicall.test", WithHTTPClient(hc))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.NotContains(t, err.Error(), "tok-1")
	assert.ErrorIs(t, err, cause)
}
