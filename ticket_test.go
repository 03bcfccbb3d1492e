package omicall

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTicketsListRequestAndFixture(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/ticket/list", []string{"ticket_list.json"})
	p, err := c.Tickets.List(ctxT(t), nil)
	require.NoError(t, err)
	req := rec.only(t)
	assert.Equal(t, url.Values{"page": {"1"}, "size": {"50"}}, req.Query, "page and size are required, so always sent")
	assert.JSONEq(t, `{}`, string(req.Body))

	assert.Equal(t, 1, p.Number)
	assert.Equal(t, 15, p.Size)
	assert.Equal(t, 165, p.TotalItems)
	assert.Equal(t, 11, p.TotalPages)
	assert.True(t, p.HasNext)
	require.Len(t, p.Items, 1)
	tk := p.Items[0]
	assert.Equal(t, "61c04292530c6a0efa4fa171", tk.ID)
	assert.Equal(t, "2188", tk.UniqueID)
	assert.Equal(t, TicketPriorityMedium, tk.Priority)
	assert.Equal(t, Int(1), tk.CurrentStatus)
	assert.False(t, bool(tk.IsExpired))
	assert.Equal(t, int64(1639989906385), tk.CreatedDate.UnixMilli())
	assert.Equal(t, int64(1640101239690), tk.LastUpdatedDate.UnixMilli())
	assert.Equal(t, TicketUser{}, tk.CreateBy)

	_, err = c.Tickets.List(ctxT(t), &ListOptions{Page: 3, Size: 15, Keyword: "2188"})
	require.NoError(t, err)
	last := rec.all()[1]
	assert.Equal(t, url.Values{"page": {"3"}, "size": {"15"}}, last.Query)
	assert.JSONEq(t, `{"keyword":"2188"}`, string(last.Body))
}

func TestTicketsCreateRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/ticket/create",
		[]string{envelopeOK(`{"_id":"abc","unique_id":"2189","name":"Lỗi","priority":"high","current_status":0,"created_date":1700000000000}`), envelopeOK("true")})
	req := &CreateTicketRequest{Name: "Lỗi", Description: "Khách báo lỗi", Priority: TicketPriorityHigh, Assignee: "agent1@gmail.com",
		CreatedBy: "boss@gmail.com", TicketCategoryID: "6209c98561c1cb163ded2600", TypeUUID: "1"}
	tk, err := c.Tickets.Create(ctxT(t), req)
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"Lỗi","description":"Khách báo lỗi","priority":"high","assignee":"agent1@gmail.com",
		"created_by":"boss@gmail.com","ticket_category_id":"6209c98561c1cb163ded2600","type_uuid":"1"}`, string(rec.only(t).Body))
	assert.Equal(t, "abc", tk.ID)
	assert.Equal(t, "2189", tk.UniqueID)
	assert.Equal(t, int64(1700000000000), tk.CreatedDate.UnixMilli())

	// An answer of another shape (undocumented) still succeeds.
	tk, err = c.Tickets.Create(ctxT(t), &CreateTicketRequest{Name: "a", Description: "b", Priority: TicketPriorityLow, Assignee: "a@b.c"})
	require.NoError(t, err)
	assert.Equal(t, Ticket{}, *tk)
	assert.JSONEq(t, `{"name":"a","description":"b","priority":"low","assignee":"a@b.c"}`, string(rec.all()[1].Body))

	ok := func() CreateTicketRequest {
		return CreateTicketRequest{Name: "a", Description: "b", Priority: TicketPriorityLow, Assignee: "a@b.c"}
	}
	for field, mutate := range map[string]func(*CreateTicketRequest){
		"Name":        func(r *CreateTicketRequest) { r.Name = "" },
		"Description": func(r *CreateTicketRequest) { r.Description = "" },
		"Priority":    func(r *CreateTicketRequest) { r.Priority = "urgent" },
		"Assignee":    func(r *CreateTicketRequest) { r.Assignee = "agent1" },
	} {
		r := ok()
		mutate(&r)
		_, err := c.Tickets.Create(ctxT(t), &r)
		requireValidation(t, err, field)
	}
	r := ok()
	r.Priority = ""
	_, err = c.Tickets.Create(ctxT(t), &r)
	requireValidation(t, err, "Priority")
	_, err = c.Tickets.Create(ctxT(t), nil)
	requireValidation(t, err, "req")
	assert.Len(t, rec.all(), 2, "invalid tickets are not sent")
}

func TestTicketsUpdateStatusRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/ticket/update_status/61c04292530c6a0efa4fa171",
		[]string{envelopeOK(`{"_id":"61c04292530c6a0efa4fa171","current_status":2}`)})
	tk, err := c.Tickets.UpdateStatus(ctxT(t), "61c04292530c6a0efa4fa171")
	require.NoError(t, err)
	assert.Equal(t, Int(2), tk.CurrentStatus)
	req := rec.only(t)
	assert.Equal(t, "/api/ticket/update_status/61c04292530c6a0efa4fa171", req.Path)
	assert.Empty(t, req.Body, "no body is documented")
	_, err = c.Tickets.UpdateStatus(ctxT(t), "")
	requireValidation(t, err, "idStatus")
}
