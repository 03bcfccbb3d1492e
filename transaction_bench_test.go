package omicall_test

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// benchYear is the span of the benchmark histories.
const benchYear = 365 * 24 * time.Hour

// benchClient starts a simulator holding n calls over the year before
// simEnd and returns a client with a token already fetched.
func benchClient(b *testing.B, n int) (*omicall.Client, *omicalltest.Server) {
	b.Helper()
	sim := omicalltest.NewServer(omicalltest.WithHistory(n, benchYear, simEnd))
	url, stop := sim.Start()
	b.Cleanup(stop)
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := c.Token(context.Background()); err != nil {
		b.Fatal(err)
	}
	return c, sim
}

// benchOpts is the whole benchmark history: 13 windows of 30 days.
func benchOpts() *omicall.TransactionListOptions {
	return &omicall.TransactionListOptions{From: simEnd.Add(-benchYear), To: simEnd}
}

// BenchmarkTransactionsAll walks a year of simulated history with
// Transactions.All. B/op and allocs/op count the whole process, so they
// include the in-process simulator serving the pages.
//
//	go test -run '^$' -bench BenchmarkTransactionsAll -benchmem .
//
// records=N: records/s over N records. nethttp/records=10000: the baseline,
// the same pages fetched one after the other with plain net/http and
// encoding/json. heap: the peak live heap above the
// baseline during a walk of 10,000 and of 100,000 records; their difference
// must stay within one page. latency=D: with D per request, the walk's
// throughput against the server-bound limit (D × pages), for All
// (prefetching) and for a plain loop of List calls; All must reach 0.8 from
// 25 ms on (at 10 ms the ratio is reported only: see benchLatency).
func BenchmarkTransactionsAll(b *testing.B) {
	benchRecords(b, allWalk)
	b.Run("nethttp/records=10000", func(b *testing.B) {
		// The baseline: the same 13 windows of 50-record pages with plain
		// net/http and encoding/json, sequentially, into the same type.
		c, sim := benchClient(b, 10_000)
		tok, err := c.Token(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		base := sim.URL() + "/api/call_transaction/list?"
		windows := omicall.HistoryWindows(benchOpts().From, benchOpts().To)
		hc := &http.Client{}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			n := 0
			for _, w := range windows {
				for page := 1; ; page++ {
					q := url.Values{"from_date": {strconv.FormatInt(w.From, 10)}, "to_date": {strconv.FormatInt(w.To, 10)}, "page": {strconv.Itoa(page)}}
					req, _ := http.NewRequest(http.MethodGet, base+q.Encode(), nil)
					req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
					resp, err := hc.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					var env struct {
						Payload struct {
							Items   []omicall.Transaction `json:"items"`
							HasNext bool                  `json:"has_next"`
						} `json:"payload"`
					}
					err = json.NewDecoder(resp.Body).Decode(&env)
					resp.Body.Close()
					if err != nil {
						b.Fatal(err)
					}
					n += len(env.Payload.Items)
					if !env.Payload.HasNext {
						break
					}
				}
			}
			if n != 10_000 {
				b.Fatalf("walked %d records", n)
			}
		}
		b.ReportMetric(float64(10_000*b.N)/b.Elapsed().Seconds(), "records/s")
	})
	b.Run("heap", func(b *testing.B) { benchHeapFlat(b, pageHeapBytes, allWalk) })
	for _, latency := range []time.Duration{10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond} {
		b.Run("latency="+latency.String(), func(b *testing.B) { benchLatency(b, latency) })
	}
}

// benchLatency walks 2,000 records (40 pages of 50, one window) from a
// simulator that takes latency to answer each request, while the caller
// spends latency/2 on each page (as if writing it to a database). The
// server-bound limit is pages × latency: requests one after the other, each
// as slow as the server. prefetch-ratio is that limit over the time All
// takes; sequential-ratio is the same for a loop of List calls, which waits
// for the caller before asking for the next page.
func benchLatency(b *testing.B, latency time.Duration) {
	const records, pages = 2000, 40
	c, sim := benchClient(b, 0)
	from := simEnd.Add(-20 * 24 * time.Hour)
	for i := range records {
		sim.AddCall(from.Add(time.Duration(i) * time.Minute))
	}
	opts := &omicall.TransactionListOptions{From: from, To: simEnd}
	sim.SetLatency(latency)
	ctx := context.Background()
	consume := func(i int) {
		if i%50 == 49 {
			time.Sleep(latency / 2)
		}
	}
	var prefetch, sequential time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if got := walkCount(b, c.Transactions.All(ctx, opts), consume); got != records {
			b.Fatalf("walked %d records, want %d", got, records)
		}
		prefetch += time.Since(start)

		start = time.Now()
		i := 0
		for n := 1; ; n++ {
			o := *opts
			o.Page = n
			p, err := c.Transactions.List(ctx, &o)
			if err != nil {
				b.Fatal(err)
			}
			for range p.Items {
				consume(i)
				i++
			}
			if !p.HasNext {
				break
			}
		}
		sequential += time.Since(start)
	}
	bound := float64(pages*latency) * float64(b.N)
	ratio := bound / float64(prefetch)
	b.ReportMetric(ratio, "prefetch-ratio")
	b.ReportMetric(bound/float64(sequential), "sequential-ratio")
	b.ReportMetric(float64(records*b.N)/prefetch.Seconds(), "records/s")
	switch {
	case ratio >= 0.8:
	case latency < 25*time.Millisecond:
		// Each page also costs 1.3 ms or more of CPU (the in-process
		// simulator encoding it, the client decoding it) that no prefetch
		// can hide, since a page is asked for only once the previous one is
		// handed over; at 10 ms that caps the ratio below 0.9, and a busy
		// machine lowers it further. Reported, not enforced.
		b.Logf("All reached %.2f of the server-bound throughput at %v", ratio, latency)
	default:
		b.Errorf("All reached %.2f of the server-bound throughput at %v, want >= 0.8", ratio, latency)
	}
}

// walkCount consumes a walk, calling each (when set) with the index of every
// record, and returns how many records it yielded.
func walkCount(b *testing.B, seq func(func(omicall.Transaction, error) bool), each func(int)) int {
	n := 0
	for _, err := range seq {
		if err != nil {
			b.Fatal(err)
		}
		if each != nil {
			each(n)
		}
		n++
	}
	return n
}

// liveHeap returns the live heap after a full collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// benchRecords reports records/s of walks of 10,000 and 100,000 records.
func benchRecords(b *testing.B, walk walkOf) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			c, _ := benchClient(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if got := walkCount(b, walk(c), nil); got != n {
					b.Fatalf("walked %d records, want %d", got, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// walkOf is a walk of the whole benchmark history by one method.
type walkOf func(c *omicall.Client) iter.Seq2[omicall.Transaction, error]

// allWalk walks the benchmark history with Transactions.All.
func allWalk(c *omicall.Client) iter.Seq2[omicall.Transaction, error] {
	return c.Transactions.All(context.Background(), benchOpts())
}

// benchHeapFlat reports the peak live heap of walks of 10,000 and 100,000
// records and fails when their difference exceeds one page (pageBytes).
func benchHeapFlat(b *testing.B, pageBytes func(*testing.B) int64, walk walkOf) {
	for range b.N {
		page := pageBytes(b)
		small := peakLiveHeap(b, 10_000, walk)
		large := peakLiveHeap(b, 100_000, walk)
		b.ReportMetric(float64(small), "peak-B@10k")
		b.ReportMetric(float64(large), "peak-B@100k")
		b.ReportMetric(float64(large-small), "growth-B")
		b.ReportMetric(float64(page), "page-B")
		if large-small > page {
			b.Errorf("peak live heap grew by %d bytes from 10k to 100k records, more than one page (%d bytes)", large-small, page)
		}
	}
}

// peakLiveHeap walks n simulated records and returns the largest live heap
// above the pre-walk baseline, sampled at 20 points, each in the middle of
// a page (the same points for any n), while the next page is being fetched.
func peakLiveHeap(b *testing.B, n int, walk walkOf) int64 {
	c, _ := benchClient(b, n)
	const samples = 20
	every := n / samples
	base := liveHeap()
	var peak int64
	walkCount(b, walk(c), func(i int) {
		if i%every == every/2/50*50+25 {
			peak = max(peak, liveHeap()-base)
		}
	})
	return peak
}

// pageHeapBytes returns the memory one page of 50 simulated records takes:
// its decoded records (live heap) plus its JSON. It is the tolerance of the
// heap check.
func pageHeapBytes(b *testing.B) int64 {
	c, _ := benchClient(b, 1000)
	ctx := context.Background()
	opts := &omicall.TransactionListOptions{From: simEnd.Add(-30 * 24 * time.Hour), To: simEnd}
	base := liveHeap()
	p, err := c.Transactions.List(ctx, opts)
	if err != nil {
		b.Fatal(err)
	}
	decoded := liveHeap() - base
	runtime.KeepAlive(p)
	var raw json.RawMessage
	if err := c.Do(ctx, "GET", "/api/call_transaction/list", omicall.ListQuery(opts), nil, &raw); err != nil {
		b.Fatal(err)
	}
	return decoded + int64(len(raw))
}
