package omicall

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A page that announces records (has_next, total_items) but carries them
// under another key is an error matching ErrMalformedResponse, for a page
// and for a walk: an export would otherwise report success with nothing.
func TestPageThatAnnouncesRecordsItDoesNotCarry(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, mockBase+searchPath,
		okPayload(`{"records":[{"transaction_id":"a"}],"total_items":120,"has_next":true,"page_number":1}`))
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list",
		okPayload(`{"data":[{"uuid":"a"}],"total_items":3,"page_number":1}`))
	from := time.Now().AddDate(0, 0, -1)
	_, err := c.Transactions.Search(ctxT(t), &SearchRequest{From: from, To: time.Now()})
	require.ErrorIs(t, err, ErrMalformedResponse)
	n := 0
	for _, err = range c.Transactions.SearchAll(ctxT(t), &SearchRequest{From: from, To: time.Now()}) {
		if err != nil {
			break
		}
		n++
	}
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Zero(t, n)
	_, err = c.Agents.List(ctxT(t), nil)
	require.ErrorIs(t, err, ErrMalformedResponse, "every page shape goes through the same guard")
}

// A page past the end, or an empty list, is not an announcement.
func TestEmptyPagesAreNotAnnouncements(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list",
		okPayload(`{"items":[],"total_items":20,"has_next":false}`))
	p, err := c.Agents.List(ctxT(t), &ListOptions{Page: 3, Size: 10})
	require.NoError(t, err)
	assert.Empty(t, p.Items)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list", okPayload(`{"items":null,"total_items":0}`))
	p, err = c.Agents.List(ctxT(t), nil)
	require.NoError(t, err)
	assert.Empty(t, p.Items)
}

// Items that are not an array are refused on every page shape.
func TestPageItemsNotAnArray(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list", okPayload(`{"items":{"uuid":"a"}}`))
	_, err := c.Agents.List(ctxT(t), nil)
	require.ErrorIs(t, err, ErrMalformedResponse)
}

// The memory a walk spends on dropping duplicates is bounded (maxSeen
// records), however long the list.
func TestWalkGuardMemoryIsBounded(t *testing.T) {
	g := newWalkGuard[Transaction](1)
	for n := 1; n <= 100; n++ {
		items := make([]Transaction, 100)
		for j := range items {
			items[j].TransactionID = fmt.Sprintf("%d-%d", n, j)
		}
		got, more, err := g.page(&Page[Transaction]{Items: items, Number: n, HasNext: true}, n)
		if err != nil || !more || len(got) != 100 {
			t.Fatalf("page %d: %d items, more %v, err %v", n, len(got), more, err)
		}
	}
	if len(g.seen) > maxSeen || len(g.ring) > maxSeen {
		t.Fatalf("remembers %d records, bound %d", len(g.seen), maxSeen)
	}
	// The last page again is a repeat.
	items := make([]Transaction, 100)
	for j := range items {
		items[j].TransactionID = fmt.Sprintf("100-%d", j)
	}
	if _, _, err := g.page(&Page[Transaction]{Items: items, Number: 101, HasNext: true}, 101); !errors.Is(err, ErrMalformedResponse) {
		t.Fatalf("a repeated page: err %v", err)
	}
}
