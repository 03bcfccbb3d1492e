package omicall_test

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
)

// benchSearch is the whole benchmark history for the v3 search.
func benchSearch() *omicall.SearchRequest {
	return &omicall.SearchRequest{From: simEnd.Add(-benchYear), To: simEnd}
}

// BenchmarkSearchAll walks a year of simulated history with
// Transactions.SearchAll (the v3 search, 50-record pages, no windows), the
// same shape as BenchmarkTransactionsAll:
//
//	go test -run '^$' -bench BenchmarkSearchAll -benchmem .
//
// records=N: records/s over N records. heap: the peak live heap above the
// baseline during walks of 10,000 and 100,000 records; their difference
// must stay within one page. latency=D: the walk's throughput against the
// server-bound limit (D × pages) with D per request while the caller spends
// D/2 on each page; SearchAll must reach 0.8 from 25 ms on.
func BenchmarkSearchAll(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			c, _ := benchClient(b, n)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if got := walkCount(b, c.Transactions.SearchAll(ctx, benchSearch()), nil); got != n {
					b.Fatalf("walked %d records, want %d", got, n)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
	b.Run("heap", func(b *testing.B) {
		for range b.N {
			page := searchPageHeapBytes(b)
			small := peakSearchHeap(b, 10_000)
			large := peakSearchHeap(b, 100_000)
			b.ReportMetric(float64(small), "peak-B@10k")
			b.ReportMetric(float64(large), "peak-B@100k")
			b.ReportMetric(float64(large-small), "growth-B")
			b.ReportMetric(float64(page), "page-B")
			if large-small > page {
				b.Errorf("peak live heap grew by %d bytes from 10k to 100k records, more than one page (%d bytes)", large-small, page)
			}
		}
	})
	for _, latency := range []time.Duration{10 * time.Millisecond, 25 * time.Millisecond, 50 * time.Millisecond} {
		b.Run("latency="+latency.String(), func(b *testing.B) { benchSearchLatency(b, latency) })
	}
}

// benchSearchLatency is benchLatency for SearchAll: 2,000 records, 40
// pages, latency per request, latency/2 of work per page.
func benchSearchLatency(b *testing.B, latency time.Duration) {
	const records, pages = 2000, 40
	c, sim := benchClient(b, 0)
	from := simEnd.Add(-20 * 24 * time.Hour)
	for i := range records {
		sim.AddCall(from.Add(time.Duration(i) * time.Minute))
	}
	sim.SetLatency(latency)
	ctx := context.Background()
	consume := func(i int) {
		if i%50 == 49 {
			time.Sleep(latency / 2)
		}
	}
	var walk time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if got := walkCount(b, c.Transactions.SearchAll(ctx, &omicall.SearchRequest{From: from, To: simEnd}), consume); got != records {
			b.Fatalf("walked %d records, want %d", got, records)
		}
		walk += time.Since(start)
	}
	ratio := float64(pages*latency) * float64(b.N) / float64(walk)
	b.ReportMetric(ratio, "prefetch-ratio")
	b.ReportMetric(float64(records*b.N)/walk.Seconds(), "records/s")
	switch {
	case ratio >= 0.8:
	case latency < 25*time.Millisecond:
		b.Logf("SearchAll reached %.2f of the server-bound throughput at %v", ratio, latency)
	default:
		b.Errorf("SearchAll reached %.2f of the server-bound throughput at %v, want >= 0.8", ratio, latency)
	}
}

// peakSearchHeap is peakLiveHeap for SearchAll.
func peakSearchHeap(b *testing.B, n int) int64 {
	c, _ := benchClient(b, n)
	every := n / 20
	base := liveHeap()
	var peak int64
	walkCount(b, c.Transactions.SearchAll(context.Background(), benchSearch()), func(i int) {
		if i%every == every/2/50*50+25 {
			peak = max(peak, liveHeap()-base)
		}
	})
	return peak
}

// searchPageHeapBytes is the memory one page of 50 records of the v3 search
// takes: its decoded records plus its JSON.
func searchPageHeapBytes(b *testing.B) int64 {
	c, _ := benchClient(b, 1000)
	ctx := context.Background()
	req := &omicall.SearchRequest{From: simEnd.Add(-30 * 24 * time.Hour), To: simEnd}
	base := liveHeap()
	p, err := c.Transactions.Search(ctx, req)
	if err != nil {
		b.Fatal(err)
	}
	decoded := liveHeap() - base
	runtime.KeepAlive(p)
	var raw json.RawMessage
	body := map[string]any{"filter": map[string]any{"fromDate": req.From.UnixMilli(), "toDate": req.To.UnixMilli()}}
	if err := c.Do(ctx, "POST", "/api/v3/call-transaction/search", nil, body, &raw, omicall.WithAPIKeyHeader()); err != nil {
		b.Fatal(err)
	}
	return decoded + int64(len(raw))
}
