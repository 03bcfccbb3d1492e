package omicall_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestSimTicketsLifecycle(t *testing.T) {
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := now
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithClock(func() time.Time { return clock })})
	ctx := ctxT(t)

	cats, err := c.Tickets.ListCategories(ctx)
	require.NoError(t, err)
	require.Len(t, cats, 2)
	complaint := cats[1]
	assert.Equal(t, "Khiếu nại", complaint.Name)
	require.Len(t, complaint.TicketStatusSet.Status, 5)
	require.NotEmpty(t, complaint.Types)
	assert.Equal(t, omicall.TicketTimeLimit{Unit: "day", Value: 7}, complaint.MaximumTime)

	tk, err := c.Tickets.Create(ctx, &omicall.CreateTicketRequest{Name: "Mất kết nối", Description: "Khách không gọi được", Priority: omicall.TicketPriorityHigh,
		Assignee: "agent1@demo.vn", TicketCategoryID: complaint.ID, TypeUUID: complaint.Types[1].UUID})
	require.NoError(t, err)
	assert.Equal(t, "1", tk.UniqueID)
	assert.Len(t, tk.ID, 24)
	assert.Equal(t, omicall.Int(0), tk.CurrentStatus)
	assert.Equal(t, now.UnixMilli(), tk.CreatedDate.UnixMilli())
	assert.Equal(t, complaint.ID, tk.TicketCategoryID)
	assert.Equal(t, "Mới tạo", complaint.TicketStatusSet.StatusName(int(tk.CurrentStatus)))

	up, err := c.Tickets.UpdateStatus(ctx, tk.ID)
	require.NoError(t, err)
	assert.Equal(t, omicall.Int(1), up.CurrentStatus)
	assert.Equal(t, "Đang xử lý", complaint.TicketStatusSet.StatusName(int(up.CurrentStatus)))

	clock = now.Add(8 * 24 * time.Hour) // past the category's 7-day maximum
	page, err := c.Tickets.List(ctx, &omicall.ListOptions{Keyword: "1"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, omicall.Int(1), page.Items[0].CurrentStatus)
	assert.True(t, bool(page.Items[0].IsExpired))

	_, err = c.Tickets.UpdateStatus(ctx, "nope")
	require.ErrorIs(t, err, omicall.ErrNotFound)
	_, err = c.Tickets.Create(ctx, &omicall.CreateTicketRequest{Name: "a", Description: "b", Priority: omicall.TicketPriorityLow, Assignee: "a@b.c", TicketCategoryID: "nope"})
	var apiErr *omicall.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "ticket_category_invalid", apiErr.Code)
	assert.Equal(t, 1, sim.TicketCount())
}

func TestSimTicketsAllNewestFirst(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	for i := range 60 {
		_, err := c.Tickets.Create(ctx, &omicall.CreateTicketRequest{Name: fmt.Sprint("T", i), Description: "d", Priority: omicall.TicketPriorityMedium, Assignee: "a@b.c"})
		require.NoError(t, err)
	}
	var ids []string
	for tk, err := range c.Tickets.All(ctx, &omicall.ListOptions{Size: 25}) {
		require.NoError(t, err)
		ids = append(ids, tk.UniqueID)
	}
	require.Len(t, ids, 60)
	assert.Equal(t, "60", ids[0])
	assert.Equal(t, "1", ids[59])
}

func TestSimTicketsListNeedsPageAndSize(t *testing.T) {
	c, _ := newSimClient(t, nil)
	err := c.Do(ctxT(t), "POST", "/api/ticket/list", nil, map[string]string{}, nil)
	var apiErr *omicall.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.HTTPStatus)
}
