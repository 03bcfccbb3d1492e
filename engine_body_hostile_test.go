package omicall

// The bounded body read against hostile servers: responses that declare a
// huge Content-Length and then stall. Every wait is on an event.

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"sync"
	"testing"

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

// A response that declares a huge body and stalls must not make the client
// allocate what it declared: 20 stalled responses that declare 32 MiB each
// hold what they sent, not 640 MiB.
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
