package omicall_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

const listRoute = "GET /api/call_transaction/list"

// walkIDs walks All and returns the ids, failing on an error.
func walkIDs(t *testing.T, c *omicall.Client, opts *omicall.TransactionListOptions) []string {
	t.Helper()
	var ids []string
	var last int64
	for tx, err := range c.Transactions.All(ctxT(t), opts) {
		require.NoError(t, err)
		ms := tx.CreatedDate.UnixMilli()
		require.GreaterOrEqual(t, ms, last, "records come in created_date order")
		last = ms
		ids = append(ids, tx.TransactionID)
	}
	return ids
}

func TestTransactionsAllWalks75DaysExactlyOnce(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(3000, 90*24*time.Hour, simEnd)})
	from, to := simEnd.Add(-75*24*time.Hour), simEnd
	want := sim.CallIDs(from, to)
	require.Greater(t, len(want), 2000)

	got := walkIDs(t, c, &omicall.TransactionListOptions{From: from, To: to, Size: 100})
	assert.Equal(t, want, got, "every record once, in order")
	seen := map[string]bool{}
	for _, id := range got {
		require.False(t, seen[id], "record %s listed twice", id)
		seen[id] = true
	}
	// 3 windows (30 + 30 + 15 days), each walked to its last page.
	pages := 0
	for _, w := range omicall.HistoryWindows(from, to) {
		n := len(sim.CallIDs(time.UnixMilli(w.From), time.UnixMilli(w.To)))
		pages += max((n+99)/100, 1)
	}
	assert.Equal(t, pages, sim.Requests(listRoute))
}

func TestTransactionsAllWindowEdges(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(0, 0, simEnd)})
	from := simEnd.Add(-70 * 24 * time.Hour)
	to := simEnd
	// Windows are [from, from+30d-1ms], [from+30d, from+60d-1ms], [from+60d, to]:
	// a record on each side of each edge, and at both ends of the range.
	edges := []time.Time{from, from.Add(time.Millisecond), to.Add(-time.Millisecond), to}
	for k := 1; k <= 2; k++ {
		edge := from.Add(time.Duration(k) * omicall.MaxTransactionRange)
		edges = append(edges, edge.Add(-time.Millisecond), edge)
	}
	for _, at := range edges {
		sim.AddCall(at)
	}
	outside := []string{sim.AddCall(from.Add(-time.Millisecond)), sim.AddCall(to.Add(time.Millisecond))}

	want := sim.CallIDs(from, to)
	require.Len(t, want, len(edges))
	got := walkIDs(t, c, &omicall.TransactionListOptions{From: from, To: to, Size: 2})
	assert.Equal(t, want, got, "records on both sides of every window edge, once each")
	for _, id := range outside {
		assert.NotContains(t, got, id)
	}
}

func TestTransactionsAllEarlyBreakFetchesAtMostOnePageMore(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(2000, 60*24*time.Hour, simEnd)})
	opts := &omicall.TransactionListOptions{From: simEnd.Add(-60 * 24 * time.Hour), To: simEnd, Size: 10}
	for _, stopAt := range []int{1, 10, 15, 95} {
		sim.ResetCounts()
		n := 0
		for _, err := range c.Transactions.All(ctxT(t), opts) {
			require.NoError(t, err)
			n++
			if n == stopAt {
				break
			}
		}
		consumedPages := (stopAt + 9) / 10
		time.Sleep(20 * time.Millisecond) // a fetch still in flight would land now
		assert.LessOrEqual(t, sim.Requests(listRoute), consumedPages+1, "break after %d records", stopAt)
		assert.GreaterOrEqual(t, sim.Requests(listRoute), consumedPages)
	}

	// Breaking on the last record of the first window: the only fetch beyond
	// it is the first page of the second window.
	w0 := omicall.HistoryWindows(opts.From, opts.To)[0]
	inFirst := len(sim.CallIDs(time.UnixMilli(w0.From), time.UnixMilli(w0.To)))
	sim.ResetCounts()
	n := 0
	for _, err := range c.Transactions.All(ctxT(t), opts) {
		require.NoError(t, err)
		if n++; n == inFirst {
			break
		}
	}
	time.Sleep(20 * time.Millisecond)
	assert.LessOrEqual(t, sim.Requests(listRoute), (inFirst+9)/10+1)
}

func TestTransactionsAllPrefetchesWhileConsuming(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(200, 10*24*time.Hour, simEnd)})
	opts := &omicall.TransactionListOptions{From: simEnd.Add(-10 * 24 * time.Hour), To: simEnd, Size: 50}
	for _, err := range c.Transactions.All(ctxT(t), opts) {
		require.NoError(t, err)
		// Still on the first record of page 1: page 2 is on its way.
		assert.Eventually(t, func() bool { return sim.Requests(listRoute) == 2 }, 2*time.Second, time.Millisecond)
		break
	}
}

func TestTransactionsAllPrefetchCrossesWindows(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(0, 0, simEnd)})
	from := simEnd.Add(-40 * 24 * time.Hour)
	sim.AddCall(from.Add(time.Hour))           // window 0: one record, one page
	sim.AddCall(from.Add(35 * 24 * time.Hour)) // window 1
	opts := &omicall.TransactionListOptions{From: from, To: simEnd}
	for _, err := range c.Transactions.All(ctxT(t), opts) {
		require.NoError(t, err)
		// Consuming the only page of window 0: window 1's first page is fetched.
		assert.Eventually(t, func() bool { return sim.Requests(listRoute) == 2 }, 2*time.Second, time.Millisecond)
		break
	}
}

func TestTransactionsAllCancelMidWalk(t *testing.T) {
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(1000, 30*24*time.Hour, simEnd)})
	ctx, cancel := context.WithCancel(ctxT(t))
	defer cancel()
	n, errs := 0, 0
	var last error
	for _, err := range c.Transactions.All(ctx, &omicall.TransactionListOptions{From: simEnd.Add(-30 * 24 * time.Hour), To: simEnd, Size: 20}) {
		if err != nil {
			errs++
			last = err
			continue
		}
		n++
		if n == 30 {
			cancel()
		}
	}
	assert.Equal(t, 30, n, "nothing is yielded after the cancellation")
	assert.Equal(t, 1, errs, "the error is yielded once")
	assert.ErrorIs(t, last, context.Canceled)
}

func TestTransactionsAllErrorMidWalk(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(300, 20*24*time.Hour, simEnd)}, omicall.WithRetry(1, 0, 0))
	n, errs := 0, 0
	var last error
	for _, err := range c.Transactions.All(ctxT(t), &omicall.TransactionListOptions{From: simEnd.Add(-20 * 24 * time.Hour), To: simEnd, Size: 50}) {
		if err != nil {
			errs++
			last = err
			continue
		}
		if n++; n == 1 {
			// Page 2 may already be on its way; fail the page after it.
			sim.InjectFault(omicalltest.Fault{Route: listRoute, Status: 500, Times: 10})
		}
	}
	assert.Equal(t, 1, errs)
	var apiErr *omicall.APIError
	require.ErrorAs(t, last, &apiErr)
	assert.Equal(t, 500, apiErr.HTTPStatus)
	assert.Less(t, n, 300)
}

func TestTransactionsAllRateLimitedMidWalk(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(300, 20*24*time.Hour, simEnd)})
	sim.SetHistoryRateLimit(2)
	n, errs := 0, 0
	var last error
	for _, err := range c.Transactions.All(ctxT(t), &omicall.TransactionListOptions{From: simEnd.Add(-20 * 24 * time.Hour), To: simEnd, Size: 100}) {
		if err != nil {
			errs++
			last = err
			continue
		}
		n++
	}
	assert.Equal(t, 200, n, "the two pages served before the limit")
	assert.Equal(t, 1, errs, "the error is yielded once")
	assert.ErrorIs(t, last, omicall.ErrRateLimited)
	var apiErr *omicall.APIError
	require.ErrorAs(t, last, &apiErr)
	assert.Equal(t, "limit_request_30_minute", apiErr.Code)
	assert.Equal(t, 3, sim.Requests(listRoute), "a 30-minute limit is not retried")
}
