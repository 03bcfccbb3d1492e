package omicall

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

// fuzzPages is a lying server made of bytes: page n of list l is read from
// data at an offset that depends on (l, n), so any sequence of pages —
// repeated, overlapping, endless, contradicting its totals — can come out.
type fuzzPages struct {
	data    []byte
	fetches int
}

func (f *fuzzPages) at(i int) byte {
	if len(f.data) == 0 {
		return 0
	}
	return f.data[i%len(f.data)]
}

func (f *fuzzPages) fetch(_ context.Context, l, n int) (*Page[Transaction], error) {
	f.fetches++
	base := (l*7 + n*3) % max(len(f.data), 1)
	ctl := f.at(base)
	p := &Page[Transaction]{HasNext: ctl&1 != 0}
	switch ctl >> 1 & 3 {
	case 0:
		p.Number = n // echoed
	case 1:
		p.Number = int(f.at(base + 1)) // whatever the server says
	} // else absent
	if ctl&8 != 0 {
		p.TotalPages = int(f.at(base+2) % 8)
	}
	if ctl&16 != 0 {
		p.TotalItems = int(f.at(base+3) % 32)
	}
	if ctl&32 != 0 && ctl&64 != 0 {
		return nil, errors.New("server error")
	}
	k := int(f.at(base+4) % 5)
	for j := range k {
		id := fmt.Sprintf("L%d-%d", l, f.at(base+5+j)%16) // a small alphabet: duplicates are likely
		if ctl&128 != 0 {
			id = fmt.Sprintf("L%d-p%d-%d", l, n, j) // fresh records on every page, forever
		}
		p.Items = append(p.Items, Transaction{TransactionID: id})
	}
	return p, nil
}

// FuzzWalkPages feeds the page walker random page sequences. It must end
// within a bound (maxWalkPages per list), never yield a record twice within
// one list (window), and yield at most one error, last.
func FuzzWalkPages(f *testing.F) {
	same := func(b byte) []byte { return []byte{b, b, b, b, b, b, b, b} }
	f.Add(same(1), uint8(0), true)                             // the same page forever, page number echoed
	f.Add(same(5), uint8(0), false)                            // the same page forever, no page number
	f.Add(same(129|8), uint8(1), true)                         // fresh items, total_pages 1, has_next
	f.Add(same(129), uint8(0), true)                           // fresh items forever, has_next
	f.Add([]byte{17, 0, 0, 5, 4, 1, 2, 3, 4}, uint8(2), false) // total_items, overlapping ids
	f.Fuzz(func(t *testing.T, data []byte, lists uint8, prefetch bool) {
		src := &fuzzPages{data: data}
		nLists := int(lists%3) + 1
		seen := map[string]bool{}
		var errs int
		for tx, err := range walkPages(context.Background(), nLists, 1, prefetch, src.fetch) {
			if errs > 0 {
				t.Fatal("a value after an error")
			}
			if err != nil {
				errs++
				continue
			}
			if seen[tx.TransactionID] {
				t.Fatalf("record %s yielded twice in one window", tx.TransactionID)
			}
			seen[tx.TransactionID] = true
		}
		if bound := nLists*(maxWalkPages+1) + 1; src.fetches > bound {
			t.Fatalf("%d fetches, bound %d", src.fetches, bound)
		}
	})
}
