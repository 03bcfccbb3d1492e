package omicall

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
)

// Page is one page of a list endpoint. It decodes both pagination styles
// OMICall uses: snake_case (page_number, has_next, ...) and camelCase
// (pageNumber, hasNext, ...).
type Page[T any] struct {
	Items       []T
	Number      int // 1-based
	Size        int
	TotalItems  int
	TotalPages  int
	HasNext     bool
	HasPrevious bool
}

// UnmarshalJSON reads either pagination style; a field of the wrong type is
// left zero. Items that cannot be records (more than a page can hold, or an
// item that is not an object) are an error, never zero records.
func (p *Page[T]) UnmarshalJSON(b []byte) error {
	var a pageJSON[T]
	if err := decodeLenient(b, &a); errors.Is(err, errBadItems) {
		return err
	}
	*p = a.page()
	return nil
}

// pageJSON is the wire form of a page in either style. A list call may
// decode its payload straight into it (rather than into a Page, whose
// UnmarshalJSON makes encoding/json scan the payload twice more) and may
// give Items a capacity up front.
type pageJSON[T any] struct {
	Items        pageItems[T] `json:"items"` // bounded, objects only (engine_page.go)
	PageNumber   *Int         `json:"page_number"`
	PageSize     *Int         `json:"page_size"`
	TotalItems   *Int         `json:"total_items"`
	TotalPages   *Int         `json:"total_pages"`
	HasNext      *Bool        `json:"has_next"`
	HasPrevious  Bool         `json:"has_previous"`
	PageNumberC  *Int         `json:"pageNumber"`
	PageSizeC    *Int         `json:"pageSize"`
	TotalItemsC  *Int         `json:"totalItems"`
	TotalPagesC  *Int         `json:"totalPages"`
	HasNextC     *Bool        `json:"hasNext"`
	HasPreviousC Bool         `json:"hasPrevious"`
}

// hasNext returns has_next (or hasNext), and whether the server sent it.
func (a *pageJSON[T]) hasNext() (next, sent bool) {
	switch {
	case a.HasNext != nil:
		return bool(*a.HasNext), true
	case a.HasNextC != nil:
		return bool(*a.HasNextC), true
	}
	return false, false
}

// page returns the decoded page.
func (a *pageJSON[T]) page() Page[T] {
	hasNext, _ := a.hasNext()
	return Page[T]{
		Items:       a.Items.items,
		Number:      firstInt(a.PageNumber, a.PageNumberC),
		Size:        firstInt(a.PageSize, a.PageSizeC),
		TotalItems:  firstInt(a.TotalItems, a.TotalItemsC),
		TotalPages:  firstInt(a.TotalPages, a.TotalPagesC),
		HasNext:     hasNext,
		HasPrevious: bool(a.HasPrevious || a.HasPreviousC),
	}
}

// MarshalJSON writes the snake_case style.
func (p Page[T]) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Items       []T  `json:"items"`
		Number      int  `json:"page_number"`
		Size        int  `json:"page_size"`
		TotalItems  int  `json:"total_items"`
		TotalPages  int  `json:"total_pages"`
		HasNext     bool `json:"has_next"`
		HasPrevious bool `json:"has_previous"`
	}{p.Items, p.Number, p.Size, p.TotalItems, p.TotalPages, p.HasNext, p.HasPrevious})
}

func firstInt(vs ...*Int) int {
	for _, v := range vs {
		if v != nil {
			return int(*v)
		}
	}
	return 0
}

// pageFetcher fetches page number n (1-based) of a list.
type pageFetcher[T any] func(ctx context.Context, n int) (*Page[T], error)

// paginate walks every page that fetch returns, starting at page first, one
// page after the other: the next page is requested only once the caller has
// consumed the current one, so breaking out of the loop requests no further
// page. (The admin lists it serves are small; the call history, which can be
// large, prefetches: see paginateLists.) Cancelling ctx stops the walk and
// is yielded once, as is a fetch error. The walk also ends on an empty page,
// a page without HasNext, or a page number that does not advance.
func paginate[T any](ctx context.Context, first int, fetch pageFetcher[T]) iter.Seq2[T, error] {
	return walkPages(ctx, 1, first, false, func(ctx context.Context, _, n int) (*Page[T], error) {
		return fetch(ctx, n)
	})
}

// listFetcher fetches page n (1-based) of list i (0-based) of a sequence of
// lists.
type listFetcher[T any] func(ctx context.Context, i, n int) (*Page[T], error)

// paginateLists walks lists 0 to lists-1 one after the other as a single
// sequence: every page of list 0 from page first, then every page of the
// next list from page 1, and so on. It behaves as paginate does, and its
// prefetch crosses list boundaries: while the caller consumes the last page
// of a list, the first page of the next list is fetched. A list ends on an
// empty page, a page without HasNext, or a page number that does not
// advance; the walk ends after the last list, on the first error, when the
// caller breaks, or when ctx ends (checked before each item is yielded; the
// context error is then yielded once).
//
// While the caller consumes one page, the next is fetched in the background,
// so at most two pages are in memory and at most one page is fetched beyond
// what the caller consumed. Breaking out of the loop or cancelling ctx stops
// the fetching: a fetch in flight is cancelled, and the loop ends once it has
// returned, so no fetch outlives the loop.
func paginateLists[T any](ctx context.Context, lists, first int, fetch listFetcher[T]) iter.Seq2[T, error] {
	return walkPages(ctx, lists, first, true, fetch)
}

// walkPages is paginateLists, with the prefetch of the next page optional.
//
// It does not trust the server (see walkGuard): a list also ends when its
// total_pages or total_items say so; a record already yielded among the last
// maxSeen of the same list is not yielded again; a page that only repeats
// such records,
// or a list longer than maxWalkPages, ends the walk with an error matching
// ErrMalformedResponse. A panic in a fetch becomes an error yielded to the
// caller, never a crash of the caller's process.
func walkPages[T any](ctx context.Context, lists, first int, prefetch bool, fetch listFetcher[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if lists < 1 {
			return
		}
		if ctx == nil { // as the request path answers it, rather than a panic
			var zero T
			yield(zero, &ValidationError{Field: "ctx", Reason: "must not be nil"})
			return
		}
		type pos struct{ list, page int }
		type result struct {
			page *Page[T]
			err  error
		}
		// The prefetch in flight, if any. Whatever ends the walk cancels it
		// and waits for it, so that no fetch outlives the loop.
		var inflight <-chan result
		ctx, cancel := context.WithCancel(ctx)
		defer func() {
			cancel()
			if inflight != nil {
				<-inflight
			}
		}()
		start := func(at pos) <-chan result {
			ch := make(chan result, 1)
			inflight = ch
			go func() {
				defer func() { // a panic in a background fetch is the caller's error, not a crash
					if v := recover(); v != nil {
						ch <- result{nil, panicErr(v)}
					}
				}()
				p, err := fetch(ctx, at.list, at.page)
				ch <- result{p, err}
			}()
			return ch
		}
		var zero T
		at := pos{0, first}
		guard := newWalkGuard[T](first)
		pending := start(at)
		for {
			var res result
			select {
			case res = <-pending:
				inflight = nil
			case <-ctx.Done():
			}
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			if res.err != nil {
				yield(zero, res.err)
				return
			}
			p := res.page
			if p != nil && len(p.Items) > 0 && p.Number != 0 && p.Number != at.page {
				// Another page than asked, with items: they would repeat, or
				// records would be skipped without a word.
				yield(zero, fmt.Errorf("%w: asked for page %d, got page %d", errPageContradiction, at.page, p.Number))
				return
			}
			items, listMore, err := guard.page(p, at.page)
			if err != nil {
				yield(zero, err)
				return
			}
			next, more := at, true
			switch {
			case listMore:
				next.page++
			case at.list+1 < lists:
				next = pos{at.list + 1, 1}
			default:
				more = false
			}
			if more && prefetch {
				pending = start(next)
			}
			for _, it := range items {
				if err := ctx.Err(); err != nil {
					yield(zero, err)
					return
				}
				if !yield(it, nil) {
					return
				}
			}
			if !more {
				return
			}
			if next.list != at.list {
				guard = newWalkGuard[T](1)
			}
			if !prefetch {
				pending = start(next)
			}
			at = next
		}
	}
}

// errSeq is a sequence that yields err once; All methods return it for
// options that fail validation, so that no request is sent.
func errSeq[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}
