package omicall

// Figures of the hostile-server limits, opt-in:
//
//	OMICALL_FIGURES=1 go test -run '^TestFigures' -v -count=1 .
//
// Each subtest logs one figure. They are measurements, not assertions
// (the hostile tests assert the bounds), so they can run against an older
// version of the package for the "before" figures.

import (
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFigures(t *testing.T) {
	if os.Getenv("OMICALL_FIGURES") == "" {
		t.Skip("set OMICALL_FIGURES=1 to measure the figures of the hostile-server limits")
	}

	t.Run("stalled 32-MiB responses", func(t *testing.T) {
		const n = 20
		held := heapHeldByStalledResponses(t, n)
		t.Logf("FIGURE heap held by %d stalled 32-MiB-declared responses: %.1f MiB", n, float64(held)/(1<<20))
	})

	t.Run("1 MiB amplifying page", func(t *testing.T) {
		body := amplifyingBody(1 << 20)
		srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) })
		c := newHostileClient(t, srv.URL)
		_, _ = c.Token(ctxT(t))
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		p, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(time.Hour), Size: 50})
		runtime.ReadMemStats(&after)
		t.Logf("FIGURE 1 MiB page of {}: allocated %.1f MiB = %.1fx the body; %d records, err=%v",
			float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), float64(after.TotalAlloc-before.TotalAlloc)/float64(len(body)), itemsOf(p), err != nil)
	})

	t.Run("lying servers: requests per walk", func(t *testing.T) {
		const cap = 20000 // the measurement stops a walk that has not ended by then
		for name, page := range map[string]func(n int) string{
			"same page, has_next": func(n int) string {
				return fmt.Sprintf(`{"page_number":%d,"has_next":true,"items":[{"transaction_id":"a"},{"transaction_id":"b"}]}`, n)
			},
			"fresh records forever, has_next": func(n int) string {
				return fmt.Sprintf(`{"has_next":true,"items":[{"transaction_id":"a%d"},{"transaction_id":"b%d"}]}`, n, n)
			},
			"total_pages 1, has_next": func(n int) string {
				return fmt.Sprintf(`{"total_pages":1,"has_next":true,"items":[{"transaction_id":"a%d"}]}`, n)
			},
		} {
			var reqs atomic.Int32
			srv := newHostileServer(t, func(w http.ResponseWriter, r *http.Request) {
				n, _ := strconv.Atoi(r.URL.Query().Get("page"))
				reqs.Add(1)
				hostileOK(w, page(n))
			})
			c := newHostileClient(t, srv.URL)
			var recs int
			var walkErr error
			for _, err := range c.Transactions.All(ctxT(t), &TransactionListOptions{From: hostileFrom, To: hostileFrom.Add(24 * time.Hour), Size: 2}) {
				if err != nil {
					walkErr = err
					break
				}
				if recs++; recs >= 2*cap {
					break
				}
			}
			ended := "ended by itself"
			if recs >= 2*cap {
				ended = "still going, stopped by the measurement"
			}
			t.Logf("FIGURE walk against %q: %d requests, %d records, %s, err=%v", name, reqs.Load(), recs, ended, walkErr != nil)
		}
	})

	t.Run("/api/auth calls: clock skew", func(t *testing.T) {
		srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
			skewed := time.Now().Add(-3 * time.Hour)
			fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, testJWT(fmt.Sprint(n), skewed, skewed.Add(time.Hour)))
		})
		c := newHostileClient(t, srv.URL)
		for range 20 {
			_, _ = c.Tenant.Get(ctxT(t))
		}
		t.Logf("FIGURE clock skew: %d /api/auth calls for 20 calls", srv.auths.Load())
	})

	t.Run("/api/auth calls: refresh failure inside the margin", func(t *testing.T) {
		start := time.Now()
		var now atomic.Int64
		now.Store(start.UnixNano())
		srv := newAuthServer(t, func(n int32, w http.ResponseWriter) {
			if n == 1 {
				fmt.Fprintf(w, `{"status_code":9999,"payload":{"access_token":%q}}`, testJWT("t1", start, start.Add(10*time.Minute)))
				return
			}
			w.WriteHeader(http.StatusServiceUnavailable)
		})
		c, err := NewClient(hostileKey, WithBaseURL(srv.URL), WithRetry(3, time.Millisecond, 2*time.Millisecond))
		require.NoError(t, err)
		c.e.tokens.now = func() time.Time { return time.Unix(0, now.Load()) }
		_, err = c.Tenant.Get(ctxT(t))
		require.NoError(t, err)
		now.Add(int64(6 * time.Minute)) // inside the 5-minute margin, still valid
		var failed int
		for range 20 {
			if _, err := c.Tenant.Get(ctxT(t)); err != nil {
				failed++
			}
		}
		time.Sleep(200 * time.Millisecond) // let a background refresh finish (a measurement, not a test)
		t.Logf("FIGURE refresh failure: %d /api/auth calls (1 initial) for 20 calls inside the margin, %d calls failed", srv.auths.Load(), failed)
	})
}
