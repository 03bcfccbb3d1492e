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

// paginate cuts one page out of items the way OMICall pages: next_page equals
// the current page on the last page, previous_page is 1 on the first.
func paginate[T any](items []T, page, size int) pageA {
	total := len(items)
	pages := (total + size - 1) / size
	lo := min((page-1)*size, total)
	hi := min(lo+size, total)
	p := pageA{
		Items: items[lo:hi], PageNumber: page, PageSize: size, TotalItems: total, TotalPages: pages,
		HasNext: page < pages, NextPage: page, HasPrevious: page > 1, PreviousPage: max(page-1, 1),
	}
	if p.HasNext {
		p.NextPage = page + 1
	}
	return p
}

// camel converts a snake_case page to the camelCase style.
func (p pageA) camel() pageB { return pageB(p) }

// listParams reads a list request: page and size from the query (default
// size 50) and the optional JSON body (keyword, filters) into body.
func listParams(r *http.Request, body any) (page, size int, err error) {
	if page, size, err = pageParams(r, 50); err != nil {
		return 0, 0, err
	}
	return page, size, readOptionalBody(r, body)
}
