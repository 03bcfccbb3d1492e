package omicall_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

func TestSimContactsRoundTrip(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	sent, err := c.Contacts.Create(ctx, &omicall.CreateContactRequest{
		FullName: "Trần Văn An", RefID: "crm-1", RefCode: "KH001", Gender: "male", Birthday: "02/01/1990",
		JobTitle: "Kế toán", UserOwnerEmail: "agent1@demo.vn", Tags: []string{"VIP"},
		MoreInformation: []omicall.CustomField{{ValueType: "Cao", DisplayValue: "1.75m"}},
		Phones:          []omicall.ContactPoint{{Data: "0901111111"}, {Data: "0282222222", Type: omicall.ContactPointOffice}},
		Emails:          []omicall.ContactPoint{{Data: "an@demo.vn", Type: omicall.ContactPointHome}},
	})
	require.NoError(t, err)

	byPhone, err := c.Contacts.Lookup(ctx, omicall.ContactByPhone, "0282222222")
	require.NoError(t, err)
	assert.Equal(t, "Trần Văn An", byPhone.FullName())
	assert.Equal(t, []string{"0901111111", "0282222222"}, byPhone.Phones())
	assert.Equal(t, "an@demo.vn", byPhone.Email())
	assert.Equal(t, "Kế toán", byPhone.JobTitle())
	assert.Equal(t, "male", byPhone.Gender())
	assert.Equal(t, []string{"VIP"}, []string(byPhone.Tags))
	assert.Equal(t, []omicall.AttributeValue{{DisplayValue: "1.75m", ValueType: "Cao"}}, byPhone.CustomFields())
	assert.Equal(t, []omicall.AttributeValue{{DisplayValue: "an@demo.vn", DataType: "home", ValueType: "Nhà"}}, byPhone.AttributeStructure.Values(omicall.FieldCodeMail))
	require.Len(t, byPhone.PublicID, 24)
	assert.False(t, byPhone.CreatedDate.IsZero())
	assert.Empty(t, sent.PublicID, "the API answers true: Create returns the contact as sent")
	for _, code := range []string{omicall.FieldCodeFullName, omicall.FieldCodeJobTitle, omicall.FieldCodeGender,
		omicall.FieldCodeMail, omicall.FieldCodePhoneNumber, omicall.FieldCodeMoreInformation} {
		assert.Equal(t, byPhone.AttributeStructure.Values(code), sent.AttributeStructure.Values(code), code)
	}

	for by, v := range map[omicall.ContactKey]string{omicall.ContactByEmail: "AN@demo.vn", omicall.ContactByRefID: "crm-1", omicall.ContactByRefCode: "KH001"} {
		got, err := c.Contacts.Lookup(ctx, by, v)
		require.NoError(t, err, by)
		assert.Equal(t, byPhone.PublicID, got.PublicID, by)
	}
	details, err := c.Contacts.Get(ctx, byPhone.PublicID)
	require.NoError(t, err)
	assert.Equal(t, byPhone.FullName(), details.FullName())

	require.NoError(t, c.Contacts.Update(ctx, &omicall.UpdateContactRequest{RefID: "crm-1", FullName: "Trần Văn Bình",
		Phones: []omicall.ContactPoint{{Data: "0903333333", Type: omicall.ContactPointHome}}}))
	updated, err := c.Contacts.Get(ctx, byPhone.PublicID)
	require.NoError(t, err)
	assert.Equal(t, "Trần Văn Bình", updated.FullName())
	assert.Equal(t, []string{"0903333333"}, updated.Phones())
	assert.Equal(t, []omicall.AttributeValue{{DisplayValue: "0903333333", DataType: "home", ValueType: "Nhà"}}, updated.AttributeStructure.Values(omicall.FieldCodePhoneNumber),
		"update's {data, type, valueType} arrived")
	assert.Equal(t, "an@demo.vn", updated.Email(), "fields not sent are kept")
	_, err = c.Contacts.Lookup(ctx, omicall.ContactByPhone, "0901111111")
	require.ErrorIs(t, err, omicall.ErrNotFound)

	page, err := c.Contacts.List(ctx, &omicall.ContactListOptions{Keyword: "bình"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, byPhone.PublicID, page.Items[0].PublicID)

	require.NoError(t, c.Contacts.Delete(ctx, byPhone.PublicID))
	_, err = c.Contacts.Get(ctx, byPhone.PublicID)
	require.ErrorIs(t, err, omicall.ErrNotFound)
	require.ErrorIs(t, c.Contacts.Delete(ctx, byPhone.PublicID), omicall.ErrNotFound)
	require.ErrorIs(t, c.Contacts.Update(ctx, &omicall.UpdateContactRequest{RefID: "crm-1", FullName: "x"}), omicall.ErrNotFound)
	assert.Zero(t, sim.ContactCount())
}

func TestSimContactsDuplicateRefIDNotApplied(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	_, err := c.Contacts.Create(ctx, &omicall.CreateContactRequest{FullName: "A", RefID: "r1"})
	require.NoError(t, err)
	_, err = c.Contacts.Create(ctx, &omicall.CreateContactRequest{FullName: "B", RefID: "r1"})
	require.ErrorIs(t, err, omicall.ErrNotApplied)
	assert.Equal(t, 1, sim.ContactCount())
	assert.Equal(t, 2, sim.Requests("POST /api/contacts/add"))
}

func TestSimContactsAddManyAllAndFilters(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	batch := make([]omicall.CreateContactRequest, 120)
	for i := range batch {
		batch[i] = omicall.CreateContactRequest{FullName: fmt.Sprintf("Khách %03d", i), RefID: fmt.Sprint(i), Phones: []omicall.ContactPoint{{Data: fmt.Sprintf("09%08d", i)}}}
		if i%3 == 0 {
			batch[i].UserOwnerEmail = "agent1@demo.vn"
		}
	}
	require.NoError(t, c.Contacts.CreateMany(ctx, batch))
	assert.Equal(t, 120, sim.ContactCount(), "every item is added")

	var names []string
	for ct, err := range c.Contacts.All(ctx, &omicall.ContactListOptions{Size: 50}) {
		require.NoError(t, err)
		names = append(names, ct.FullName())
	}
	require.Len(t, names, 120)
	assert.Equal(t, "Khách 119", names[119])
	assert.Equal(t, 3, sim.Requests("POST /api/contacts/list"))

	owned, err := c.Contacts.List(ctx, &omicall.ContactListOptions{Filters: []omicall.ContactFilter{omicall.ContactOwnerFilter("agent1@demo.vn")}})
	require.NoError(t, err)
	assert.Equal(t, 40, owned.TotalItems)
	none, err := c.Contacts.List(ctx, &omicall.ContactListOptions{Filters: []omicall.ContactFilter{omicall.ContactOwnerFilter(omicall.ContactOwnerUnassigned)}, Keyword: "Khách 00"})
	require.NoError(t, err)
	assert.Equal(t, 6, none.TotalItems) // 001, 002, 004, 005, 007, 008

	page2, err := c.Contacts.List(ctx, &omicall.ContactListOptions{Page: 3, Size: 50})
	require.NoError(t, err)
	assert.Len(t, page2.Items, 20)
	assert.False(t, page2.HasNext)
	assert.True(t, page2.HasPrevious)
}

func TestSimContactsAddNotes(t *testing.T) {
	c, sim := newSimClient(t, nil)
	n, err := c.Contacts.CreateNotes(ctxT(t), []omicall.ContactNote{
		{Content: "Gọi lại sau 5h", Phone: "0901111111", NoteBy: "agent1@demo.vn"},
		{Content: "Đã gửi báo giá", Phone: "0901111111"},
		{Content: "Khách mới", Phone: "0902222222"},
	})
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, []string{"Gọi lại sau 5h", "Đã gửi báo giá"}, sim.ContactNotes("0901111111"))
}

func TestSimContactsServerValidation(t *testing.T) {
	c, _ := newSimClient(t, nil)
	// Requests the SDK would refuse, sent through the raw request path.
	err := c.Do(ctxT(t), "POST", "/api/contacts/add", nil, nil, nil)
	require.ErrorIs(t, err, omicall.ErrRequestBodyRequired)
	err = c.Do(ctxT(t), "POST", "/api/contacts/add-note", nil, []map[string]string{{"phone": "1"}}, nil)
	var apiErr *omicall.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "content_is_required", apiErr.Code)
}
