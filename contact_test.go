package omicall

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// record registers a responder on method+u that records each request and
// answers the bodies in turn (the last one repeats); a body is a fixture name
// when it ends in ".json", else the literal answer. status is the HTTP status
// of every answer but statuses[i] overrides it when given.
func record(t *testing.T, mt *httpmock.MockTransport, method, u string, bodies []string, statuses ...int) *recorder {
	t.Helper()
	answers := make([]httpmock.Responder, max(len(bodies), len(statuses)))
	for i := range answers {
		body, status := bodies[min(i, len(bodies)-1)], http.StatusOK
		if i < len(statuses) {
			status = statuses[i]
		}
		if strings.HasSuffix(body, ".json") {
			answers[i] = httpmock.NewBytesResponder(status, fixture(t, body))
		} else {
			answers[i] = httpmock.NewStringResponder(status, body)
		}
	}
	return recordURL(t, mt, method, u, answers...)
}

func TestContactsListRequestAndFixture(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/list", []string{"contacts_list.json"})
	p, err := c.Contacts.List(ctxT(t), &ContactListOptions{Page: 2, Size: 10, Keyword: "0395",
		Filters: []ContactFilter{ContactOwnerFilter(ContactOwnerUnassigned, "agent1@gmail.com")}})
	require.NoError(t, err)

	req := rec.only(t)
	assert.Equal(t, "/api/contacts/list", req.Path)
	assert.Equal(t, url.Values{"page": {"2"}, "size": {"10"}}, req.Query)
	assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
	assert.JSONEq(t, `{"keyword":"0395","filters":[{"field_code":"contact_owner","value":["unassigned","agent1@gmail.com"]}]}`, string(req.Body))

	require.Len(t, p.Items, 1)
	assert.Equal(t, 1, p.Number)
	assert.Equal(t, 50, p.Size)
	assert.Equal(t, 1, p.TotalItems)
	assert.False(t, p.HasNext)
	ct := p.Items[0]
	assert.Equal(t, "", ct.PublicID)
	assert.Equal(t, "TestBoss 123", ct.CreateBy.Name)
	assert.Equal(t, int64(1576229754881), ct.CreatedDate.UnixMilli())
	assert.Equal(t, int64(1580807004410), ct.LastUpdatedDate.UnixMilli())
	assert.Equal(t, "contact", ct.ContactType)
	assert.False(t, bool(ct.IsDeleted))
	assert.Len(t, ct.AttributeStructure, 9)
	assert.Equal(t, "Trần Văn Tiến 1", ct.FullName())
	assert.Equal(t, "Giám đốc", ct.JobTitle())
	assert.Equal(t, "male", ct.Gender())
	assert.Equal(t, "0395187319", ct.Phone())
	assert.Equal(t, []string{"0395187319"}, ct.Phones())
	assert.Equal(t, "tientv1212@gmail.com", ct.Email())
	assert.Equal(t, []string{"tientv1212@gmail.com"}, ct.Emails())
	assert.Equal(t, "Số 6 , đường 16, Hiệp Bình Chánh, Thủ Đức, HCM", ct.Address())
	assert.Equal(t, "", ct.Passport())
	assert.Equal(t, "Khách hàng VIP, cần được chăm sóc kĩ", ct.Note())
	assert.Equal(t, []AttributeValue{
		{DisplayValue: "Nguyễn Văn B", DataType: "value1", ValueType: "Người thân"},
		{DisplayValue: "Vàng", DataType: "label2", ValueType: "Màu sắc yêu thích"},
	}, ct.CustomFields())
	phone := ct.AttributeStructure.Values(FieldCodePhoneNumber)
	assert.Equal(t, []AttributeValue{{DisplayValue: "0395187319", DataType: "personal", ValueType: "Cá nhân"}}, phone)
}

func TestContactsListDefaultsAndRetry(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/list", []string{`{"message":"busy"}`, "contacts_list.json"}, 503, 200)
	p, err := c.Contacts.List(ctxT(t), nil)
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	reqs := rec.all()
	require.Len(t, reqs, 2, "a read-only list POST is retried")
	assert.Equal(t, url.Values{"page": {"1"}, "size": {"50"}}, reqs[1].Query)
	assert.JSONEq(t, `{}`, string(reqs[1].Body))
}

func TestContactsAddRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/add", []string{"contacts_add.json"})
	in := &CreateContactRequest{
		FullName: "Trần Văn Tiến", RefID: "crm-1", RefCode: "KH001", UserOwnerEmail: "agent1@gmail.com",
		JobTitle: "Giám đốc", Note: "VIP", Birthday: "31/12/1990", Gender: "male", Passport: "079090000001",
		Address: "Quận 1", Tags: []string{"Khách lẻ"},
		MoreInformation: []CustomField{{ValueType: "Cao", DisplayValue: "1.75m"}},
		Emails:          []ContactPoint{{Data: "tien@demo.vn", Type: ContactPointOffice}},
		Phones:          []ContactPoint{{Data: "0395187319"}, {Data: "0283000000", Type: ContactPointHome, ValueType: "Bàn"}},
	}
	created, err := c.Contacts.Create(ctxT(t), in)
	require.NoError(t, err)
	req := rec.only(t)
	assert.Equal(t, "/api/contacts/add", req.Path)
	assert.JSONEq(t, `{
		"fullName":"Trần Văn Tiến","refId":"crm-1","refCode":"KH001","user_owner_email":"agent1@gmail.com",
		"job_title":"Giám đốc","note":"VIP","birthday":"31/12/1990","gender":"male","passport":"079090000001",
		"address":"Quận 1","tags":["Khách lẻ"],
		"more_infomation":[{"value_type":"Cao","display_value":"1.75m"}],
		"emails":[{"data":"tien@demo.vn","value":"office","valueType":"Công ty"}],
		"phones":[{"data":"0395187319","value":"personal","valueType":"Cá nhân"},{"data":"0283000000","value":"home","valueType":"Bàn"}]
	}`, string(req.Body))
	assert.Equal(t, ContactPoint{Data: "0395187319"}, in.Phones[0], "the caller's input is not modified")

	// The API answers true: the contact returned is the one sent, read as a record.
	assert.Empty(t, created.PublicID)
	assert.Equal(t, "contact", created.ContactType)
	assert.Equal(t, "Trần Văn Tiến", created.FullName())
	assert.Equal(t, "Giám đốc", created.JobTitle())
	assert.Equal(t, "male", created.Gender())
	assert.Equal(t, "Quận 1", created.Address())
	assert.Equal(t, "079090000001", created.Passport())
	assert.Equal(t, "VIP", created.Note())
	assert.Equal(t, []string{"tien@demo.vn"}, created.Emails())
	assert.Equal(t, []string{"0395187319", "0283000000"}, created.Phones())
	assert.Equal(t, []AttributeValue{{DisplayValue: "0395187319", DataType: "personal", ValueType: "Cá nhân"},
		{DisplayValue: "0283000000", DataType: "home", ValueType: "Bàn"}}, created.AttributeStructure.Values(FieldCodePhoneNumber))
	assert.Equal(t, []AttributeValue{{DisplayValue: "1.75m", ValueType: "Cao"}}, created.CustomFields())
	assert.Equal(t, TagList{"Khách lẻ"}, created.Tags)
}

func TestContactsAddPayloadFalseAndNoRetry(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/add", []string{envelopeOK("false")})
	created, err := c.Contacts.Create(ctxT(t), &CreateContactRequest{FullName: "A"})
	require.ErrorIs(t, err, ErrNotApplied)
	assert.Nil(t, created)
	assert.Contains(t, err.Error(), "POST /api/contacts/add")
	rec.only(t)

	rec = record(t, mt, http.MethodPost, mockBase+"/api/contacts/add", []string{`{}`}, 503)
	_, err = c.Contacts.Create(ctxT(t), &CreateContactRequest{FullName: "A"})
	require.Error(t, err)
	assert.Len(t, rec.all(), 1, "a creating POST is sent once")
}

func TestContactsAddManyRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/add-more", []string{"contacts_add_more.json"})
	err := c.Contacts.CreateMany(ctxT(t), []CreateContactRequest{
		{FullName: "A", RefID: "1"},
		{Phones: []ContactPoint{{Data: "0900000002"}}},
		{Emails: []ContactPoint{{Data: "c@x.vn", Type: ContactPointHome}}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `[
		{"fullName":"A","refId":"1"},
		{"phones":[{"data":"0900000002","value":"personal","valueType":"Cá nhân"}]},
		{"emails":[{"data":"c@x.vn","value":"home","valueType":"Nhà"}]}
	]`, string(rec.only(t).Body))

	mt.Reset()
	record(t, mt, http.MethodPost, mockBase+"/api/contacts/add-more", []string{envelopeOK("false")})
	require.ErrorIs(t, c.Contacts.CreateMany(ctxT(t), []CreateContactRequest{{FullName: "A"}}), ErrNotApplied)
}

func TestContactsUpdateRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/update", []string{"contacts_update.json"})
	err := c.Contacts.Update(ctxT(t), &UpdateContactRequest{RefID: "crm-1", FullName: "B", Gender: "female", Birthday: "01/02/2000",
		Tags:   []string{"VIP"},
		Emails: []ContactPoint{{Data: "b@x.vn", Type: ContactPointOffice}},
		Phones: []ContactPoint{{Data: "0900000001"}}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"refId":"crm-1","fullName":"B","gender":"female","birthday":"01/02/2000","tags":["VIP"],
		"emails":[{"data":"b@x.vn","type":"office","valueType":"Công ty"}],
		"phones":[{"data":"0900000001","type":"personal","valueType":"Cá nhân"}]}`, string(rec.only(t).Body))

	requireValidation(t, c.Contacts.Update(ctxT(t), &UpdateContactRequest{FullName: "x"}), "RefID")
	requireValidation(t, c.Contacts.Update(ctxT(t), &UpdateContactRequest{RefID: "1", Phones: []ContactPoint{{Type: "home"}}}), "Phones[0].Data")
	requireValidation(t, c.Contacts.Update(ctxT(t), nil), "update")
	assert.Len(t, rec.all(), 1)
}

func TestContactsDeleteRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodDelete, mockBase+"/api/contacts/delete/ad1a7e78d80b94544ab92456", []string{`{}`, "contacts_delete.json"}, 502, 200)
	require.NoError(t, c.Contacts.Delete(ctxT(t), "ad1a7e78d80b94544ab92456"))
	assert.Len(t, rec.all(), 2, "DELETE is retried")
	requireValidation(t, c.Contacts.Delete(ctxT(t), ""), "id")
}

// contactRecordJSON is one contact record as the list fixture has it.
const contactRecordJSON = `{"public_id":"ad1a7e78d80b94544ab92456","contact_type":"contact","created_date":1587023890765,
	"attribute_structure":[{"identify":false,"field_code":"full_name","field_type":"single_text","value":[{"display_value":"Trần Văn Tiến","data_type":"","value_type":""}]}]}`

func TestContactsGetAndDetails(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodGet, mockBase+"/api/contacts/get", []string{envelopeOK(contactRecordJSON)})
	for _, tc := range []struct {
		by  ContactKey
		key string
	}{{ContactByPhone, "phone"}, {ContactByEmail, "email"}, {ContactByRefID, "ref_id"}, {ContactByRefCode, "ref_code"}} {
		ct, err := c.Contacts.Lookup(ctxT(t), tc.by, "v-"+tc.key)
		require.NoError(t, err)
		assert.Equal(t, "Trần Văn Tiến", ct.FullName())
		assert.Equal(t, "ad1a7e78d80b94544ab92456", ct.PublicID)
		all := rec.all()
		assert.Equal(t, url.Values{tc.key: {"v-" + tc.key}}, all[len(all)-1].Query)
	}
	_, err := c.Contacts.Lookup(ctxT(t), "name", "x")
	requireValidation(t, err, "by")
	_, err = c.Contacts.Lookup(ctxT(t), ContactByPhone, "")
	requireValidation(t, err, "phone")

	record(t, mt, http.MethodGet, mockBase+"/api/contacts/details/ad1a7e78d80b94544ab92456", []string{envelopeOK(contactRecordJSON)})
	ct, err := c.Contacts.Get(ctxT(t), "ad1a7e78d80b94544ab92456")
	require.NoError(t, err)
	assert.Equal(t, int64(1587023890765), ct.CreatedDate.UnixMilli())
	_, err = c.Contacts.Get(ctxT(t), "")
	requireValidation(t, err, "id")

	record(t, mt, http.MethodGet, mockBase+"/api/contacts/details/missing", []string{envelopeOK("null")})
	_, err = c.Contacts.Get(ctxT(t), "missing")
	require.ErrorIs(t, err, ErrNotFound)
}

func TestContactFlatShapeDecodes(t *testing.T) {
	var ct Contact
	require.NoError(t, decodeLenient([]byte(`{"publicId":"7e87","fullName":"TRAN VAN TIEN","displayName":"Tien","gender":"male",
		"passport":"125441225","address":"Quan 1","note":"Ghi chu",
		"emails":[{"data":"t@yahoo.com.vn","type":"home","valueType":"Nhà"}],
		"phones":[{"data":"0236552000","type":"home","valueType":"Nhà"}],"contactType":"contact"}`), &ct))
	assert.Equal(t, "7e87", ct.PublicID)
	assert.Equal(t, "contact", ct.ContactType)
	assert.Equal(t, "TRAN VAN TIEN", ct.FullName())
	assert.Equal(t, "male", ct.Gender())
	assert.Equal(t, "Quan 1", ct.Address())
	assert.Equal(t, "125441225", ct.Passport())
	assert.Equal(t, "Ghi chu", ct.Note())
	assert.Equal(t, []string{"t@yahoo.com.vn"}, ct.Emails())
	assert.Equal(t, []AttributeValue{{DisplayValue: "0236552000", DataType: "home", ValueType: "Nhà"}}, ct.AttributeStructure.Values(FieldCodePhoneNumber))

	// Mistyped fields never fail a contact.
	require.NoError(t, decodeLenient([]byte(`{"public_id":5,"tags":"x","attribute_structure":{"a":1},"is_deleted":"true"}`), &ct))
	assert.True(t, bool(ct.IsDeleted))
}
