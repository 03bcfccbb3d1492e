package omicall

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakePages serves pages of 3 items numbered from 1; total pages given.
type fakePages struct {
	total   int
	fetched atomic.Int32
	failAt  int
	stuck   bool // always answer page 1
}

func (f *fakePages) fetch(_ context.Context, n int) (*Page[int], error) {
	f.fetched.Add(1)
	if n == f.failAt {
		return nil, errors.New("boom")
	}
	num := n
	if f.stuck {
		num = 1
	}
	items := []int{num*10 + 1, num*10 + 2, num*10 + 3}
	return &Page[int]{Items: items, Number: num, HasNext: n < f.total}, nil
}

func collectPages(t *testing.T, f *fakePages, limit int) ([]int, error) {
	t.Helper()
	var got []int
	for v, err := range paginate(context.Background(), 1, f.fetch) {
		if err != nil {
			return got, err
		}
		got = append(got, v)
		if len(got) == limit {
			break
		}
	}
	return got, nil
}

func TestPaginateWalksEveryPage(t *testing.T) {
	f := &fakePages{total: 4}
	got, err := collectPages(t, f, -1)
	require.NoError(t, err)
	assert.Equal(t, []int{11, 12, 13, 21, 22, 23, 31, 32, 33, 41, 42, 43}, got)
	assert.Equal(t, int32(4), f.fetched.Load())
}

func TestPaginateBreakRequestsNoFurtherPage(t *testing.T) {
	f := &fakePages{total: 100}
	got, err := collectPages(t, f, 4) // the first item of page 2
	require.NoError(t, err)
	assert.Equal(t, []int{11, 12, 13, 21}, got)
	assert.Equal(t, int32(2), f.fetched.Load())
}

func TestPaginateListsPrefetchesOnePage(t *testing.T) {
	f := &fakePages{total: 100}
	var got []int
	for v, err := range prefetching(context.Background(), f.fetch) {
		require.NoError(t, err)
		got = append(got, v)
		if len(got) == 2 {
			// page 2 is requested while page 1 is being consumed
			require.Eventually(t, func() bool { return f.fetched.Load() == 2 }, time.Second, time.Millisecond)
		}
		if len(got) == 4 {
			break
		}
	}
	assert.Equal(t, []int{11, 12, 13, 21}, got)
	assert.Equal(t, int32(3), f.fetched.Load(), "one page beyond the one consumed")
}

// prefetching is paginateLists over a single list.
func prefetching[T any](ctx context.Context, fetch pageFetcher[T]) iter.Seq2[T, error] {
	return paginateLists(ctx, 1, 1, func(ctx context.Context, _, n int) (*Page[T], error) { return fetch(ctx, n) })
}

func TestPaginateErrorIsYieldedOnce(t *testing.T) {
	f := &fakePages{total: 10, failAt: 3}
	var items, errs int
	for _, err := range paginate(context.Background(), 1, f.fetch) {
		if err != nil {
			errs++
			continue // the iterator must end by itself
		}
		items++
	}
	assert.Equal(t, 6, items)
	assert.Equal(t, 1, errs)
}

func TestPaginateStopsWithAnErrorWhenThePageDoesNotAdvance(t *testing.T) {
	f := &fakePages{total: 1000, stuck: true}
	got, err := collectPages(t, f, -1)
	require.ErrorIs(t, err, ErrMalformedResponse, "a server that answers another page than asked contradicts itself")
	assert.Contains(t, err.Error(), "asked for page 2, got page 1")
	assert.Equal(t, []int{11, 12, 13}, got)
	assert.LessOrEqual(t, f.fetched.Load(), int32(2))
}

func TestPaginateCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	block := make(chan struct{})
	defer close(block)
	fetch := func(ctx context.Context, n int) (*Page[int], error) {
		if n == 1 {
			return &Page[int]{Items: []int{1}, Number: 1, HasNext: true}, nil
		}
		select {
		case <-block:
		case <-ctx.Done():
		}
		return nil, ctx.Err()
	}
	var errs []error
	for v, err := range paginate(ctx, 1, fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		assert.Equal(t, 1, v)
		cancel()
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
}

// TestPaginateLeavesNoFetchRunning breaks out of the loop, and cancels the
// context, while the prefetch of page 2 is in flight: the loop must end only
// once that fetch has returned.
func TestPaginateListsLeavesNoFetchRunning(t *testing.T) {
	for _, how := range []string{"break", "cancel"} {
		t.Run(how, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var running atomic.Int32
			started := make(chan struct{})
			fetch := func(ctx context.Context, n int) (*Page[int], error) {
				running.Add(1)
				defer running.Add(-1)
				if n == 1 {
					return &Page[int]{Items: []int{1, 2}, Number: 1, HasNext: true}, nil
				}
				close(started)
				<-ctx.Done()
				time.Sleep(20 * time.Millisecond) // a request takes a moment to unwind
				return nil, ctx.Err()
			}
			for _, err := range prefetching(ctx, fetch) {
				if err != nil {
					break
				}
				<-started
				if how == "break" {
					break
				}
				cancel()
			}
			assert.Zero(t, running.Load(), "a fetch is still running after the loop")
		})
	}
}

// A panic in a fetch of the read-ahead goroutine is yielded as an error;
// it never reaches the caller's process.
func TestWalkPagesFetchPanicIsYielded(t *testing.T) {
	for _, prefetch := range []bool{true, false} {
		fetch := func(_ context.Context, _, n int) (*Page[int], error) {
			if n == 2 {
				var s []int
				_ = s[n] // index out of range, in the background goroutine
			}
			return &Page[int]{Items: []int{n}, Number: n, HasNext: true}, nil
		}
		var got []int
		var last error
		for v, err := range walkPages(context.Background(), 1, 1, prefetch, fetch) {
			if err != nil {
				last = err
				break
			}
			got = append(got, v)
		}
		if len(got) != 1 || last == nil {
			t.Fatalf("prefetch=%v: got %v, err %v", prefetch, got, last)
		}
	}
}

// paginateLists walks every page of each list in turn: the first list from
// page first, the others from page 1, with a fresh guard per list (a record
// met again in the same list is dropped, in the next list it is yielded).
func TestPaginateListsCrossesLists(t *testing.T) {
	var asked []string
	fetch := func(_ context.Context, i, n int) (*Page[Transaction], error) {
		asked = append(asked, fmt.Sprintf("%d/%d", i, n))
		items := []Transaction{{TransactionID: fmt.Sprintf("%d-%d", i, n)}, {TransactionID: "again"}}
		return &Page[Transaction]{Items: items, Number: n, HasNext: n < 3}, nil
	}
	var got []string
	for tx, err := range paginateLists(context.Background(), 3, 2, fetch) {
		require.NoError(t, err)
		got = append(got, tx.TransactionID)
	}
	assert.Equal(t, []string{"0/2", "0/3", "1/1", "1/2", "1/3", "2/1", "2/2", "2/3"}, asked)
	assert.Equal(t, []string{"0-2", "again", "0-3", "1-1", "again", "1-2", "1-3", "2-1", "again", "2-2", "2-3"}, got)
	for range paginateLists(context.Background(), 0, 1, fetch) {
		t.Fatal("no list, no item")
	}
}

// A nil context is yielded as the ValidationError the request path gives,
// before any fetch.
func TestWalkPagesNilContext(t *testing.T) {
	fetched := false
	fetch := func(context.Context, int) (*Page[int], error) { fetched = true; return &Page[int]{}, nil }
	var errs []error
	//nolint:staticcheck // a nil context on purpose
	for _, err := range paginate(nilCtx(), 1, fetch) {
		errs = append(errs, err)
	}
	require.Len(t, errs, 1)
	requireValidation(t, errs[0], "ctx")
	assert.False(t, fetched)
}
