package omicall

import (
	"cmp"
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// DefaultPageSize is the page size asked for when ListOptions.Size (or the
// Size of ContactListOptions) is 0: the API's documented default. The
// largest Size is MaxPageSize.
const DefaultPageSize = 50

// MaxPageSize is the largest Size the admin lists accept (agents,
// extensions, groups, IVR scripts, greetings, contacts, tickets and the
// partner lists). OMICall documents defaults (10 or 50), not maxima; this
// bound is the SDK's. A Size outside 0..MaxPageSize, or a negative Page, is
// a ValidationError naming the field, before any request.
const MaxPageSize = 100

// ListOptions pages and filters the admin lists: agents, extensions,
// groups, IVR scripts, greetings, tickets and the partner's tenants and
// numbers. nil means the first page of DefaultPageSize items. Page and
// Size must not be negative, and Size at most MaxPageSize.
type ListOptions struct {
	Page    int    // 1-based; 0 means the first page
	Size    int    // items per page; 0 means DefaultPageSize
	Keyword string // search text: a name, an email, a number (what it matches depends on the list)
}

// check refuses negative paging and a page size over MaxPageSize.
func (o ListOptions) check() error { return checkPaging(o.Page, o.Size, MaxPageSize) }

// listSpec is a paged endpoint. A GET list takes page, size and keyword in
// the query; a POST list takes page and size in the query and keyword (and
// filters) in a JSON body, and is retried like a GET since it only reads.
type listSpec struct {
	method  string
	path    string
	filters any // the list's filters, sent in the body of a POST list; nil: none
}

// listPage returns the page opts.Page of spec's list. It validates and
// copies opts; nil means defaults.
func listPage[T any](ctx context.Context, e *engine, spec listSpec, opts *ListOptions) (*Page[T], error) {
	o := derefOr(opts)
	if err := o.check(); err != nil {
		return nil, err
	}
	return fetchPage[T](ctx, e, spec, o, max(o.Page, 1))
}

// listAll walks every page of spec's list from opts.Page on (see
// paginate). Invalid options are yielded once, before any request.
func listAll[T any](ctx context.Context, e *engine, spec listSpec, opts *ListOptions) iter.Seq2[T, error] {
	o := derefOr(opts)
	if err := o.check(); err != nil {
		return errSeq[T](err)
	}
	return paginate(ctx, max(o.Page, 1), func(ctx context.Context, n int) (*Page[T], error) {
		return fetchPage[T](ctx, e, spec, o, n)
	})
}

// fetchPage sends the request for page n of spec's list.
func fetchPage[T any](ctx context.Context, e *engine, spec listSpec, o ListOptions, n int) (*Page[T], error) {
	size := cmp.Or(o.Size, DefaultPageSize)
	q := setPage(nil, n, size)
	r := &request{method: spec.method, path: spec.path, query: q}
	if spec.method == http.MethodGet {
		if o.Keyword != "" {
			q.Set("keyword", o.Keyword)
		}
	} else {
		r.body = struct {
			Keyword string `json:"keyword,omitempty"`
			Filters any    `json:"filters,omitempty"`
		}{o.Keyword, spec.filters}
		r.retryPOST = true
	}
	w, err := doPage[T](ctx, e, r, pageAsk{n, size}, nil)
	if err != nil {
		return nil, err
	}
	p := w.page()
	return &p, nil
}

// doPage sends r for the page ask of a list of T and decodes the payload
// into a page whose items fill buf's capacity first. The engine bounds the
// items before decoding and checks the page after (engine_page.go). The
// page is returned with the error too, so that the caller can recycle buf.
func doPage[T any](ctx context.Context, e *engine, r *request, ask pageAsk, buf []T) (*pageJSON[T], error) {
	w := &pageJSON[T]{Items: pageItems[T]{items: buf}}
	r.out, r.page = w, ask
	return w, e.do(ctx, r)
}

// setPage adds the page and size query parameters of a list call, when set.
func setPage(q url.Values, page, size int) url.Values {
	if q == nil {
		q = url.Values{}
	}
	if page > 0 {
		q.Set("page", strconv.Itoa(page))
	}
	if size > 0 {
		q.Set("size", strconv.Itoa(size))
	}
	return q
}
