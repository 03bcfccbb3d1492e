package simulator

import (
	"net/http"
	"strconv"
)

// pageA is a page in the snake_case style almost every list endpoint uses.
type pageA struct {
	Items        any  `json:"items"`
	PageNumber   int  `json:"page_number"`
	PageSize     int  `json:"page_size"`
	TotalItems   int  `json:"total_items"`
	TotalPages   int  `json:"total_pages"`
	HasNext      bool `json:"has_next"`
	NextPage     int  `json:"next_page"`
	HasPrevious  bool `json:"has_previous"`
	PreviousPage int  `json:"previous_page"`
}

// pageB is the camelCase style of POST /api/call_transaction/search.
type pageB struct {
	Items        any  `json:"items"`
	PageNumber   int  `json:"pageNumber"`
	PageSize     int  `json:"pageSize"`
	TotalItems   int  `json:"totalItems"`
	TotalPages   int  `json:"totalPages"`
	HasNext      bool `json:"hasNext"`
	NextPage     int  `json:"nextPage"`
	HasPrevious  bool `json:"hasPrevious"`
	PreviousPage int  `json:"previousPage"`
}

// camel converts a snake_case page to the camelCase style.
func (p pageA) camel() pageB { return pageB(p) }

// maxPageSize is the largest page the simulator serves.
const maxPageSize = 200

// maxPage is the largest page number the simulator accepts: the offset of
// any page up to it, at any size, fits in an int.
const maxPage = 1 << 40

// pageParams reads page and size from the query (1-based page). A value
// that is not a positive number, or a page beyond maxPage, is HTTP 400.
func pageParams(r *http.Request, defaultSize int) (page, size int, err error) {
	page, size = 1, defaultSize
	q := r.URL.Query()
	for _, p := range []struct {
		key string
		v   *int
	}{{"page", &page}, {"size", &size}} {
		if raw := q.Get(p.key); raw != "" {
			n, convErr := strconv.Atoi(raw)
			if convErr != nil || n < 1 || (p.key == "page" && n > maxPage) {
				return 0, 0, failHTTP(http.StatusBadRequest, p.key+"_invalid")
			}
			*p.v = n
		}
	}
	if size > maxPageSize {
		size = maxPageSize
	}
	return page, size, nil
}

// pageAt returns the paging fields of page number page of total items, the
// way OMICall pages: next_page equals the current page on the last page,
// previous_page is 1 on the first. Items is left for the caller.
func pageAt(total, page, size int) pageA {
	pages := (total + size - 1) / size
	p := pageA{
		PageNumber: page, PageSize: size, TotalItems: total, TotalPages: pages,
		HasNext: page < pages, NextPage: page, HasPrevious: page > 1, PreviousPage: max(page-1, 1),
	}
	if p.HasNext {
		p.NextPage = page + 1
	}
	return p
}

// pageOf returns page number page of the items of stored that keep selects
// (nil keep: every one), the last stored first when newest, each turned
// into its view. Only the page's items are viewed, so a view may copy what
// an answer must not share with later changes; the total counts every
// selected item. Items is never null.
func pageOf[R, V any](stored []R, keep func(R) bool, newest bool, page, size int, view func(R) V) pageA {
	lo := (page - 1) * size
	items := make([]V, 0, min(size, max(len(stored)-lo, 0)))
	at := func(i int) R {
		if newest {
			return stored[len(stored)-1-i]
		}
		return stored[i]
	}
	total := len(stored)
	if keep == nil { // nothing left out: cut the page out directly
		for i := min(lo, total); i < min(lo+size, total); i++ {
			items = append(items, view(at(i)))
		}
	} else {
		total = 0
		for i := range stored {
			if it := at(i); keep(it) {
				if total >= lo && total < lo+size {
					items = append(items, view(it))
				}
				total++
			}
		}
	}
	p := pageAt(total, page, size)
	p.Items = items
	return p
}

// listing describes a list endpoint: the items it serves, which of them a
// request selects and how each is shown.
type listing[R, V any] struct {
	size   int          // the default page size
	body   any          // when not nil, the optional JSON body is decoded into it
	stored *[]R         // the items, oldest first; read under s.mu
	newest bool         // serve the last stored first
	keep   func(R) bool // the items the request selects; nil: every one
	view   func(R) V    // an item as the answer shows it, a copy made under s.mu
}

// servePage answers one page of a list endpoint: page and size from the
// query, then the optional body, then, under s.mu, the page of l's items.
func servePage[R, V any](s *Server, r *http.Request, l listing[R, V]) (pageA, error) {
	page, size, err := pageParams(r, l.size)
	if err != nil {
		return pageA{}, err
	}
	if l.body != nil {
		if err := readOptionalBody(r, l.body); err != nil {
			return pageA{}, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return pageOf(*l.stored, l.keep, l.newest, page, size, l.view), nil
}

// same is the view of an item that is shown as it is stored.
func same[T any](v T) T { return v }
