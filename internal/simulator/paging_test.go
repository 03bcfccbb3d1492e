package simulator

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPageOfPagesLikeOMICall(t *testing.T) {
	items := []int{1, 2, 3, 4, 5}
	p := pageOf(items, nil, false, 1, 2, same[int])
	assert.Equal(t, pageA{Items: []int{1, 2}, PageNumber: 1, PageSize: 2, TotalItems: 5, TotalPages: 3, HasNext: true, NextPage: 2, PreviousPage: 1}, p)
	p = pageOf(items, nil, false, 3, 2, same[int])
	assert.Equal(t, pageA{Items: []int{5}, PageNumber: 3, PageSize: 2, TotalItems: 5, TotalPages: 3, NextPage: 3, HasPrevious: true, PreviousPage: 2}, p)
	p = pageOf(items, nil, false, 9, 2, same[int])
	assert.Equal(t, []int{}, p.Items, "past the end: an empty array, not null")
	assert.False(t, p.HasNext)
	assert.Equal(t, 9, p.camel().PageNumber)
}

func TestPageOfFiltersNewestFirstAndViewsOnlyThePage(t *testing.T) {
	items := []int{1, 2, 3, 4, 5, 6, 7}
	viewed := 0
	view := func(v int) int { viewed++; return v * 10 }
	odd := func(v int) bool { return v%2 == 1 }
	p := pageOf(items, odd, true, 2, 3, view)
	assert.Equal(t, []int{10}, p.Items, "odd items 7 5 3 | 1")
	assert.Equal(t, 4, p.TotalItems)
	assert.Equal(t, 2, p.TotalPages)
	assert.Equal(t, 1, viewed, "only the page's items are viewed")

	p = pageOf(items, nil, true, 1, 2, same[int])
	assert.Equal(t, []int{7, 6}, p.Items)
	p = pageOf([]int(nil), odd, false, 1, 5, same[int])
	assert.Equal(t, []int{}, p.Items)
	assert.Zero(t, p.TotalPages)
}

func TestPageParams(t *testing.T) {
	for target, want := range map[string][3]any{
		"/x":                           {1, 25, ""},
		"/x?page=3&size=7":             {3, 7, ""},
		"/x?size=5000":                 {1, maxPageSize, ""},
		"/x?page=0":                    {0, 0, "page_invalid"},
		"/x?size=-1":                   {0, 0, "size_invalid"},
		"/x?page=two":                  {0, 0, "page_invalid"},
		"/x?page=1099511627777":        {0, 0, "page_invalid"},
		"/x?page=1099511627776&size=1": {maxPage, 1, ""},
	} {
		page, size, err := pageParams(httptest.NewRequest("GET", target, nil), 25)
		code := ""
		if err != nil {
			code = err.(*apiError).code
			assert.Equal(t, 400, err.(*apiError).status, target)
		}
		assert.Equal(t, want, [3]any{page, size, code}, target)
	}
}

func TestServePageReadsTheOptionalBody(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	stored := []string{"an", "binh", "cuong"}
	list := func(body string) (pageA, error) {
		var in struct {
			Prefix string `json:"prefix"`
		}
		r := httptest.NewRequest("POST", "/x?size=1", strings.NewReader(body))
		return servePage(s, r, listing[string, string]{
			size: 50, body: &in, stored: &stored, newest: true, view: same[string],
			keep: func(v string) bool { return in.Prefix == "" || v[:1] == in.Prefix },
		})
	}
	p, err := list("")
	require.NoError(t, err)
	assert.Equal(t, []string{"cuong"}, p.Items)
	assert.Equal(t, 3, p.TotalItems)
	p, err = list(`{"prefix":"b"}`)
	require.NoError(t, err)
	assert.Equal(t, []string{"binh"}, p.Items)
	assert.Equal(t, 1, p.TotalItems)
	_, err = list(`{"prefix":`)
	assert.Equal(t, "request_body_invalid", err.(*apiError).code)
}
