package simulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTicketCreateChecks(t *testing.T) {
	c := newTestClient(t)
	const p = "/api/ticket/create"
	c.fails(200, "name_is_required", "POST", p, `{"description":"d","priority":"low","assignee":"a"}`)
	c.fails(200, "assignee_is_required", "POST", p, `{"name":"n","description":"d","priority":"low"}`)
	c.fails(200, "priority_invalid", "POST", p, `{"name":"n","description":"d","priority":"urgent","assignee":"a"}`)
	c.fails(200, "ticket_category_invalid", "POST", p, `{"name":"n","description":"d","priority":"low","assignee":"a","ticket_category_id":"nope"}`)
	c.fails(200, "type_uuid_invalid", "POST", p, `{"name":"n","description":"d","priority":"low","assignee":"a","type_uuid":"9"}`)
	var tk ticket
	c.ok("POST", p, `{"name":"n","description":"d","priority":"high","assignee":"a","type_uuid":"1"}`, &tk)
	assert.Equal(t, "1", tk.UniqueID)
	assert.Equal(t, "Admin", tk.CreateBy.UserName, "no created_by: Admin")
	assert.Equal(t, c.s.tickets.categories[0].ID, tk.TicketCategoryID, "the first category by default")
	assert.Equal(t, 1, c.s.TicketCount())
}

func TestTicketListNewestFirst(t *testing.T) {
	c := newTestClient(t)
	for _, who := range []string{"an", "binh", "cuong"} {
		c.ok("POST", "/api/ticket/create", `{"name":"n","description":"d","priority":"low","assignee":"`+who+`"}`, nil)
	}
	var p struct {
		Items []ticket `json:"items"`
		Total int      `json:"total_items"`
	}
	c.ok("POST", "/api/ticket/list?page=1&size=2", "", &p)
	assert.Equal(t, 3, p.Total)
	require.Len(t, p.Items, 2)
	assert.Equal(t, "cuong", p.Items[0].Assignee)
	c.ok("POST", "/api/ticket/list?page=1&size=5", `{"keyword":"BINH"}`, &p)
	require.Equal(t, 1, p.Total)
	assert.Equal(t, "2", p.Items[0].UniqueID)
	c.ok("POST", "/api/ticket/list?page=1&size=5", `{"keyword":"1"}`, &p)
	assert.Equal(t, 1, p.Total, "by unique_id")
	c.fails(400, "page_and_size_are_required", "POST", "/api/ticket/list?page=1", "")
}

func TestTicketStatusAndExpiry(t *testing.T) {
	now := time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC)
	s := New(WithClock(func() time.Time { return now }))
	c := &testClient{t: t, s: s, token: s.issueToken()}
	var tk ticket
	c.ok("POST", "/api/ticket/create", `{"name":"n","description":"d","priority":"low","assignee":"a"}`, &tk)
	assert.False(t, tk.IsExpired)
	for want := 1; want <= 5; want++ {
		c.ok("POST", "/api/ticket/update_status/"+tk.UniqueID, "", &tk)
		assert.Equal(t, min(want, 4), tk.CurrentStatus, "moves on and stays on the last status")
	}
	require.NotNil(t, tk.LastUpdatedBy)
	c.fails(404, "not_found", "POST", "/api/ticket/update_status/nope", "")

	var open ticket
	c.ok("POST", "/api/ticket/create", `{"name":"n","description":"d","priority":"low","assignee":"a"}`, &open)
	now = now.Add(31 * 24 * time.Hour) // past the category's 30 days
	c.token = s.issueToken()
	var p struct {
		Items []ticket `json:"items"`
	}
	c.ok("POST", "/api/ticket/list?page=1&size=5", "", &p)
	require.Len(t, p.Items, 2)
	assert.True(t, p.Items[0].IsExpired, "an open ticket past its time")
	assert.False(t, p.Items[1].IsExpired, "a finished ticket does not expire")
}
