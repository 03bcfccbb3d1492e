package omicall

// The page guard against hostile servers: httptest servers whose lists lie
// (endless has_next, totals that contradict has_next, repeated and
// overlapping pages, garbage items, pages of empty objects) and the bounds
// of Page/Size. No test depends on timing.

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const hostileKey = "hostile-api-key-SECRET-0042"

// hostileServer serves /api/auth (token "tok-<n>", n counting fetches) and
// hands every other path to h. It counts the requests per path.
type hostileServer struct {
	*httptest.Server
	mu    sync.Mutex
	calls map[string]int
	auths atomic.Int32
}

func newHostileServer(t testing.TB, h http.HandlerFunc) *hostileServer {
	t.Helper()
	s := &hostileServer{calls: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.calls[r.URL.Path]++
		s.mu.Unlock()
		if r.URL.Path == "/api/auth" {
			n := s.auths.Add(1)
			fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":"tok-%d"}}`, n)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *hostileServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[path]
}

func newHostileClient(t testing.TB, base string, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(hostileKey, append([]Option{WithBaseURL(base), WithRetry(1, 0, 0)}, opts...)...)
	require.NoError(t, err)
	return c
}

// hostileOK writes a success envelope around payload.
func hostileOK(w http.ResponseWriter, payload string) {
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"status_code":9999,"message":"","payload":`+payload+`}`)
}

var hostileFrom = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// walkTransactions walks Transactions.All (one 30-day window) and stops after
// limit records; it returns the ids yielded and the first error.
func walkTransactions(t *testing.T, c *Client, limit int) ([]string, error) {
	t.Helper()
	var ids []string
	for tx, err := range c.Transactions.All(ctxT(t), &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(20 * 24 * time.Hour), Size: 2}) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, tx.TransactionID)
		if len(ids) >= limit {
			break
		}
	}
	return ids, nil
}

// A server that answers every page with the same items and has_next: true,
// with or without page_number: the walk yields each record once and ends
// with an error, rather than running on.
func TestHostileEndlessHasNextRepeatingPage(t *testing.T) {
	for _, echo := range []bool{true, false} {
		t.Run(fmt.Sprintf("page_number=%v", echo), func(t *testing.T) {
			srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
				num := ""
				if echo {
					num = `"page_number":` + r.URL.Query().Get("page") + `,`
				}
				hostileOK(w, `{`+num+`"has_next":true,"items":[{"transaction_id":"a"},{"transaction_id":"b"}]}`)
			})
			c := newHostileClient(t, srv.URL)
			ids, err := walkTransactions(t, c, 1000)
			require.Error(t, err, "the walk must end with an error, not run on")
			assert.ErrorIs(t, err, ErrMalformedResponse)
			assert.Equal(t, []string{"a", "b"}, ids, "no record twice")
			assert.LessOrEqual(t, srv.count("/api/call_transaction/list"), 3, "requests made by the walk")
		})
	}
}

// The server says total_pages 1 while has_next says true, and every page
// brings new records: the walk believes total_pages.
func TestHostileTotalPagesContradictsHasNext(t *testing.T) {
	var n atomic.Int32
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(1)
		hostileOK(w, fmt.Sprintf(`{"page_number":%s,"total_pages":1,"has_next":true,"items":[{"transaction_id":"x%d"}]}`, r.URL.Query().Get("page"), k))
	})
	c := newHostileClient(t, srv.URL)
	ids, err := walkTransactions(t, c, 1000)
	require.NoError(t, err)
	assert.Equal(t, []string{"x1"}, ids)
	assert.Equal(t, 1, srv.count("/api/call_transaction/list"))
}

// total_items bounds the walk when pages keep saying has_next.
func TestHostileTotalItemsEndsTheWalk(t *testing.T) {
	var n atomic.Int32
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		k := n.Add(2)
		hostileOK(w, fmt.Sprintf(`{"total_items":4,"has_next":true,"items":[{"identify_info":"x%d@a.vn"},{"identify_info":"y%d@a.vn"}]}`, k, k))
	})
	c := newHostileClient(t, srv.URL)
	var got []Agent
	for a, err := range c.Agents.All(ctxT(t), &ListOptions{Size: 2}) {
		require.NoError(t, err)
		got = append(got, a)
		require.Less(t, len(got), 100, "endless walk")
	}
	assert.Len(t, got, 4)
	assert.Equal(t, 2, srv.count("/api/agent/list"))
}

// A page that overlaps the previous one (a record shifted by an
// insert) never yields a record twice.
func TestHostileOverlappingPagesYieldNoDuplicate(t *testing.T) {
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		p, _ := strconv.Atoi(r.URL.Query().Get("page"))
		hostileOK(w, fmt.Sprintf(`{"page_number":%d,"has_next":%v,"items":[{"transaction_id":"t%d"},{"transaction_id":"t%d"}]}`, p, p < 3, p, p+1))
	})
	c := newHostileClient(t, srv.URL)
	ids, err := walkTransactions(t, c, 1000)
	require.NoError(t, err)
	assert.Equal(t, []string{"t1", "t2", "t3", "t4"}, ids)
}

// Items that are not objects are an error, never zero records.
func TestHostileGarbageItems(t *testing.T) {
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		hostileOK(w, `{"items":[{"transaction_id":"a"},"garbage",null,123,{"transaction_id":"b"}]}`)
	})
	c := newHostileClient(t, srv.URL)
	p, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(time.Hour)})
	require.Error(t, err, "got %d items", itemsOf(p))
	assert.ErrorIs(t, err, ErrMalformedResponse)

	ids, err := walkTransactions(t, c, 100)
	require.Error(t, err)
	assert.Empty(t, ids)
}

func itemsOf(p *Page[Transaction]) int {
	if p == nil {
		return 0
	}
	return len(p.Items)
}

// amplifyingBody is an envelope whose payload is {"items":[{},{},...]} of
// about size bytes.
func amplifyingBody(size int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"status_code":9999,"payload":{"items":[{}`)
	for b.Len() < size-4 {
		b.WriteString(`,{}`)
	}
	b.WriteString(`]}}`)
	return b.Bytes()
}

// A 1 MiB page of empty objects is an error, and decoding it
// allocates a small multiple of the body, not gigabytes.
func TestHostileAmplifyingPage(t *testing.T) {
	body := amplifyingBody(1 << 20)
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) })
	c := newHostileClient(t, srv.URL)
	_, _ = c.Token(ctxT(t))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(time.Hour), Size: 50})
	runtime.ReadMemStats(&after)
	require.Error(t, err, "got %d items", itemsOf(p))
	assert.ErrorIs(t, err, ErrMalformedResponse)
	ratio := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(body))
	t.Logf("allocated %.1fx the body", ratio)
	assert.Less(t, ratio, 16.0, "allocation as a multiple of the body size")
}

// A page with more items than the size asked for is an error.
func TestHostilePageLongerThanAsked(t *testing.T) {
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
		hostileOK(w, `{"items":[{"transaction_id":"a"},{"transaction_id":"b"},{"transaction_id":"c"}]}`)
	})
	c := newHostileClient(t, srv.URL)
	_, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(time.Hour), Size: 2})
	assert.ErrorIs(t, err, ErrMalformedResponse)
	_, err = c.Agents.List(ctxT(t), &ListOptions{Size: 2})
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

// A negative page size is a ValidationError before sending, in
// List and in All (where it used to panic in the read-ahead goroutine and
// kill the process).
func TestHostileNegativePageSize(t *testing.T) {
	srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) { hostileOK(w, `{"items":[]}`) })
	c := newHostileClient(t, srv.URL)
	opts := &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(time.Hour), Size: -5}
	var err error
	func() {
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("panic: %v", v)
			}
		}()
		_, err = c.Transactions.List(ctxT(t), opts)
	}()
	requireValidation(t, err, "Size")
	for _, err := range c.Transactions.All(ctxT(t), opts) {
		requireValidation(t, err, "Size")
	}
	assert.Zero(t, srv.count("/api/call_transaction/list"), "nothing is sent")
}
