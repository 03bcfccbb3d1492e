package omicall

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"reflect"
	"runtime/debug"
)

// maxPageItems is the most items one page may carry, whatever was asked:
// the items of a longer page are not decoded at all, so that a small body
// of empty objects ({"items":[{},{},...]}) cannot become hundreds of
// thousands of records.
const maxPageItems = 1000

// maxWalkPages is the most pages a walk reads from one list (one window of
// the call history). A server that still says has_next after that is lying;
// the walk ends with an error.
const maxWalkPages = 10000

// errPageContradiction is the cause of a walk ended because the server's
// paging contradicted itself. It matches ErrMalformedResponse.
var errPageContradiction = fmt.Errorf("%w: the server's paging contradicts itself", ErrMalformedResponse)

// checkPaging returns a ValidationError for a negative page, or a size that
// is negative or over maxSize.
func checkPaging(page, size, maxSize int) error {
	if page < 0 {
		return &ValidationError{Field: "Page", Reason: "must not be negative (0 means the first page)"}
	}
	if size < 0 || size > maxSize {
		return &ValidationError{Field: "Size", Reason: fmt.Sprintf("must be between 1 and %d (0 means the endpoint's default)", maxSize)}
	}
	return nil
}

// pageAsk is the page a list request asks for: its number (1-based) and
// its size. The zero pageAsk is a request that is not a page.
type pageAsk struct{ number, size int }

// pager is the destination of a page request (request.page set). The
// engine calls bound before decoding, so that an items array longer than
// n is refused before any item is decoded, and check after.
type pager interface {
	bound(n int)
	check(ask pageAsk) error
}

// bound limits the items of the page to n.
func (a *pageJSON[T]) bound(n int) { a.Items.limit = n }

// check refuses a page with more items than asked, and a page that
// announces records (has_next, or a total_items beyond the pages before
// it) but carries none: records under another key would otherwise end a
// walk as if the list were complete.
func (a *pageJSON[T]) check(ask pageAsk) error {
	n := len(a.Items.items)
	if a.Items.notArray {
		return fmt.Errorf("%w: items is not an array", errBadItems)
	}
	if ask.size > 0 && n > ask.size {
		return fmt.Errorf("%w: the page has %d items, more than the %d asked for", errBadItems, n, ask.size)
	}
	if n > 0 {
		return nil
	}
	total := firstInt(a.TotalItems, a.TotalItemsC)
	hasNext, _ := a.hasNext()
	if hasNext || (ask.size > 0 && total > (max(ask.number, 1)-1)*ask.size) {
		return fmt.Errorf("%w: the page announces records (total_items %d, has_next %t) but its items hold none", errPageContradiction, total, hasNext)
	}
	return nil
}

// pageItems is the items array of a page. It is decoded element by element,
// after two checks no plain []T would make: the array holds at most limit
// elements (maxPageItems when limit is 0), counted before anything is
// allocated, and, for a record type (a struct), every element is a JSON
// object — "garbage", null or 123 would otherwise become a zero record.
type pageItems[T any] struct {
	items    []T // decoded into the capacity already there
	limit    int
	notArray bool // the items key held a value that is neither an array nor null
}

// UnmarshalJSON decodes the array; see pageItems.
func (p *pageItems[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '[' { // null, or not an array: left empty, like any field of the wrong type
		p.items, p.notArray = p.items[:0], !bytes.Equal(b, []byte("null"))
		return nil
	}
	limit := p.limit
	if limit <= 0 || limit > maxPageItems {
		limit = maxPageItems
	}
	elems, err := splitArray(b, limit)
	if err != nil {
		return fmt.Errorf("%w: %w", errBadItems, err)
	}
	wantObject := isRecordType[T]()
	out := p.items[:0]
	if cap(out) < len(elems) {
		out = make([]T, 0, len(elems))
	}
	var zero T
	for i, e := range elems {
		if wantObject && e[0] != '{' {
			return fmt.Errorf("%w: item %d is not an object: %.20s", errBadItems, i, e)
		}
		out = append(out, zero) // decoded in place: no T on the heap per item
		if err := decodeLenient(e, &out[len(out)-1]); err != nil {
			return err
		}
		if k, ok := any(&out[len(out)-1]).(rawKeeper); ok {
			k.keepRaw(e)
		}
	}
	p.items = out
	return nil
}

// rawKeeper is a page item that keeps its JSON as received.
type rawKeeper interface{ keepRaw(item []byte) }

// isRecordType reports whether T is a struct (or a pointer to one): a page
// item of such a type must arrive as a JSON object.
func isRecordType[T any]() bool {
	t := reflect.TypeFor[T]()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// splitArray returns the elements of the JSON array b (without decoding
// them), or an error when b is not an array or holds more than limit
// elements. b must be valid JSON (encoding/json has checked it).
func splitArray(b []byte, limit int) ([][]byte, error) {
	if len(b) == 0 || b[0] != '[' {
		return nil, errors.New("items is not an array")
	}
	var elems [][]byte
	depth, start, inStr, esc := 0, -1, false, false
	for i := 1; i < len(b); i++ {
		c := b[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			continue
		case '"':
			inStr = true
		case '{', '[':
			depth++
		case '}':
			depth--
		case ']':
			if depth == 0 {
				if start >= 0 {
					elems = append(elems, bytes.TrimSpace(b[start:i]))
				}
				return elems, nil
			}
			depth--
		case ',':
			if depth == 0 {
				if start >= 0 {
					elems = append(elems, bytes.TrimSpace(b[start:i]))
				}
				start = -1
				continue
			}
		}
		if start < 0 {
			if len(elems) >= limit {
				return nil, fmt.Errorf("the page has more than %d items", limit)
			}
			start = i
		}
	}
	return nil, errors.New("items: unterminated array")
}

// errBadItems is the cause of a page whose items cannot be records. It
// matches ErrMalformedResponse.
var errBadItems = fmt.Errorf("%w: page items", ErrMalformedResponse)

// panicErr turns a recovered panic of a background goroutine into an error.
func panicErr(v any) error {
	return fmt.Errorf("omicall: internal error (panic in a background fetch: %v)\n%s", v, debug.Stack())
}

// maxSeen is how many of the records a walk yielded last in a list are
// remembered to drop duplicates: about 80 pages at the default size. The
// memory of a walk stays flat however long the list (a set of every record
// of a 30-day window would grow with it); duplicates from offset paging
// (records shifted by inserts) come from the pages just read.
const maxSeen = 4096

// walkGuard checks the pages of one list as a walk reads them: it ends the
// list when the server's totals say so, drops records already yielded among
// the last maxSeen of the list, and reports a page that only repeats them or
// a list that never ends.
type walkGuard[T any] struct {
	first    int                 // the first page number of the list
	received int                 // items received so far
	key      func(*T) string     // a record's identity, nil when T has none
	seen     map[uint64]struct{} // hashes of the keys of the records in ring (key != nil)
	ring     []uint64            // the last maxSeen hashes, oldest at pos once full
	pos      int
	seed     maphash.Seed // for seen
	prev     []T          // the previous page (key == nil)
	pages    int          // pages read
	_        [0]func()    // not comparable
}

// remember adds h to the records seen, forgetting the oldest beyond maxSeen.
func (g *walkGuard[T]) remember(h uint64) {
	if len(g.ring) < maxSeen {
		g.ring = append(g.ring, h)
	} else {
		delete(g.seen, g.ring[g.pos])
		g.ring[g.pos] = h
		g.pos = (g.pos + 1) % maxSeen
	}
	g.seen[h] = struct{}{}
}

func newWalkGuard[T any](first int) *walkGuard[T] {
	g := &walkGuard[T]{first: max(first, 1), key: recordKey[T](), seed: maphash.MakeSeed()}
	if g.key != nil {
		g.seen = make(map[uint64]struct{})
	}
	return g
}

// page checks page p (number n; nil when the server answered another page
// than asked) and returns the items to yield, whether the list has a next
// page, or an error that ends the walk.
func (g *walkGuard[T]) page(p *Page[T], n int) ([]T, bool, error) {
	if p == nil {
		return nil, false, nil
	}
	g.pages++
	g.received += len(p.Items)
	items := p.Items
	if g.key != nil {
		fresh, copied := items, false // copied only once a record is left out
		for i := range items {
			h := maphash.String(g.seed, g.key(&items[i]))
			if _, dup := g.seen[h]; dup {
				if !copied {
					fresh, copied = append(make([]T, 0, len(items)), items[:i]...), true
				}
				continue
			}
			g.remember(h)
			if copied {
				fresh = append(fresh, items[i])
			}
		}
		if n > g.first && len(items) > 0 && len(fresh) == 0 {
			return nil, false, fmt.Errorf("omicall: page %d repeats records already listed: %w", n, errPageContradiction)
		}
		items = fresh
	} else {
		if n > g.first && len(items) > 0 && reflect.DeepEqual(items, g.prev) {
			return nil, false, fmt.Errorf("omicall: page %d repeats page %d: %w", n, n-1, errPageContradiction)
		}
		g.prev = p.Items
	}
	more := len(p.Items) > 0 && p.HasNext
	switch {
	case !more:
	case p.TotalPages > 0 && n >= p.TotalPages: // total_pages says this was the last page
		more = false
	case p.TotalItems > 0 && g.received >= p.TotalItems: // total_items says everything has come
		more = false
	case g.pages >= maxWalkPages:
		return nil, false, fmt.Errorf("omicall: still has_next after %d pages of one list: %w", maxWalkPages, errPageContradiction)
	}
	return items, more, nil
}

// recordKey returns a function giving a record's identity — the first
// non-empty of its TransactionID, ID, UUID or CallID string fields — or nil
// when T has none of them.
func recordKey[T any]() func(*T) string {
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil
	}
	var idx [][]int
	for _, name := range [...]string{"TransactionID", "ID", "UUID", "CallID"} {
		if f, ok := t.FieldByName(name); ok && f.Type.Kind() == reflect.String && f.IsExported() {
			idx = append(idx, f.Index)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	return func(v *T) string {
		rv := reflect.ValueOf(v).Elem()
		for _, i := range idx {
			if s := rv.FieldByIndex(i).String(); s != "" {
				return s
			}
		}
		// No id: the whole record is its identity.
		b, _ := json.Marshal(v)
		return string(b)
	}
}
