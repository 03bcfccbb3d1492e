package omicall

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTicketsCategoriesFixture(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodGet, mockBase+"/api/ticket/category/get_all", []string{"ticket_category_get_all.json"})
	cats, err := c.Tickets.ListCategories(ctxT(t))
	require.NoError(t, err)
	rec.only(t)
	require.Len(t, cats, 1)
	cat := cats[0]
	assert.Equal(t, "6209c98561c1cb163ded2600", cat.ID)
	assert.Equal(t, "Công việc", cat.Name)
	assert.Equal(t, "Cong viec", cat.NameUnsigned)
	assert.Equal(t, int64(1644808581632), cat.CreatedDate.UnixMilli())
	assert.Equal(t, TicketUser{UserName: "OMI Hotline", UserID: "6209c98561c1cb163ded25fa"}, cat.CreateBy)
	assert.Equal(t, "6209c98561c1cb163ded25fd", cat.StatusSetID)
	assert.Equal(t, "6209c98461c1cb163ded25f7", cat.TenantID)
	assert.Equal(t, Int(0), cat.DefaultStatus)
	assert.True(t, bool(cat.IsNotDefault))
	require.Len(t, cat.Types, 4)
	assert.Equal(t, TicketType{UUID: "1", Name: "Tư vấn", NameUnsigned: "Tu van", Index: 1,
		DefaultData: []byte("null"), UnitPrice: []byte("null")}, cat.Types[1])
	assert.Equal(t, TicketPriorityMedium, cat.Priority)
	assert.True(t, bool(cat.ModifyExpireAllowed))
	assert.Equal(t, Int(15), cat.NotifyBefore)
	assert.Equal(t, "minute", cat.NotifyBeforeUnit)
	assert.Equal(t, "web_email", cat.NotifyType)
	assert.Equal(t, Int(30), cat.LimitDays)
	assert.Equal(t, Int(7), cat.ProcessingTerm)
	assert.Equal(t, TicketTimeLimit{Unit: "day", Value: 30}, cat.MaximumTime)
	assert.Equal(t, TicketTimeLimit{Unit: "hour", Value: 6}, cat.MinimumTime)
	assert.Equal(t, "day", cat.HideOption.HideAfterUnit)
	assert.Equal(t, Int(4), cat.Total)
	set := cat.TicketStatusSet
	assert.Equal(t, "6209c98561c1cb163ded25fd", set.ID)
	assert.Equal(t, int64(1644808581573), set.CreatedDate.UnixMilli())
	require.Len(t, set.Status, 5)
	assert.Equal(t, TicketStatus{Index: 4, SortIndex: 4, Color: "#fea220", Name: "Đóng", Finish: true}, set.Status[4])
	assert.Equal(t, "Đang xử lý", set.StatusName(1))
	assert.Equal(t, "", set.StatusName(9))
}
