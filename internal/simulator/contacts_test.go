package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	contactAn   = `{"fullName":"Nguyễn An","refId":"r1","refCode":"C-1","gender":"male","phones":[{"data":"0901000001","value":"mobile"}]}`
	contactBinh = `{"fullName":"Trần Bình","refId":"r2","user_owner_email":"owner@democo.example","emails":[{"data":"binh@x.vn","type":"work"}]}`
)

func TestContactAddAndCount(t *testing.T) {
	c := newTestClient(t)
	var created bool
	c.ok("POST", "/api/contacts/add", contactAn, &created)
	assert.True(t, created)
	c.ok("POST", "/api/contacts/add", contactAn, &created)
	assert.False(t, created, "a taken refId is not created")
	c.ok("POST", "/api/contacts/add", `{"note":"nameless"}`, &created)
	assert.False(t, created, "no name, phone or email")
	c.fails(200, "gender_invalid", "POST", "/api/contacts/add", `{"fullName":"X","gender":"robot"}`)
	c.fails(200, "birthday_invalid", "POST", "/api/contacts/add", `{"fullName":"X","birthday":"1990-01-02"}`)
	c.ok("POST", "/api/contacts/add", `{"fullName":"X","birthday":"02/01/1990"}`, &created)
	assert.True(t, created)

	c.ok("POST", "/api/contacts/add-more", `[`+contactBinh+`,{"fullName":"Bad","gender":"robot"},{"fullName":"Cường"}]`, nil)
	assert.Equal(t, 4, c.s.ContactCount(), "the invalid one of the batch is left out")
	c.fails(200, "request_body_required", "POST", "/api/contacts/add-more", `[]`)
}

func TestContactListFilters(t *testing.T) {
	c := newTestClient(t)
	c.ok("POST", "/api/contacts/add-more", `[`+contactAn+`,`+contactBinh+`]`, nil)
	var p struct {
		Items []contactRecord `json:"items"`
		Total int             `json:"total_items"`
	}
	c.ok("POST", "/api/contacts/list", "", &p)
	assert.Equal(t, 2, p.Total)
	c.ok("POST", "/api/contacts/list", `{"keyword":"BINH@x"}`, &p)
	require.Equal(t, 1, p.Total)
	assert.Equal(t, "Trần Bình", p.Items[0].AttributeStructure[0].Value[0].DisplayValue)
	c.ok("POST", "/api/contacts/list", `{"filters":[{"field_code":"contact_owner","value":["unassigned"]}]}`, &p)
	require.Equal(t, 1, p.Total)
	assert.Equal(t, "Nguyễn An", p.Items[0].AttributeStructure[0].Value[0].DisplayValue)
	c.ok("POST", "/api/contacts/list?size=1&page=2", "", &p)
	assert.Len(t, p.Items, 1)
	c.fails(400, "request_body_invalid", "POST", "/api/contacts/list", `{"keyword":`)
}

func TestContactGetUpdateDelete(t *testing.T) {
	c := newTestClient(t)
	c.ok("POST", "/api/contacts/add-more", `[`+contactAn+`,`+contactBinh+`]`, nil)
	var rec contactRecord
	for _, q := range []string{"phone=0901000001", "ref_id=r1", "ref_code=C-1"} {
		c.ok("GET", "/api/contacts/get?"+q, "", &rec)
		assert.Equal(t, "Nguyễn An", rec.AttributeStructure[0].Value[0].DisplayValue, q)
	}
	c.ok("GET", "/api/contacts/get?email=BINH@X.VN", "", &rec)
	id := rec.PublicID
	c.fails(200, "data_is_required", "GET", "/api/contacts/get", "")
	c.fails(404, "not_found", "GET", "/api/contacts/get?phone=0000", "")

	c.ok("POST", "/api/contacts/update", `{"refId":"r2","note":"VIP","tags":["vip"]}`, nil)
	c.ok("GET", "/api/contacts/details/"+id, "", &rec)
	assert.Equal(t, []string{"vip"}, rec.Tags)
	assert.Equal(t, "Trần Bình", rec.AttributeStructure[0].Value[0].DisplayValue, "what the body leaves out stays")
	require.NotNil(t, rec.LastUpdateBy)
	c.fails(200, "ref_id_is_required", "POST", "/api/contacts/update", `{"note":"x"}`)
	c.fails(404, "not_found", "POST", "/api/contacts/update", `{"refId":"ghost"}`)

	c.ok("DELETE", "/api/contacts/delete/"+id, "", nil)
	assert.Equal(t, 1, c.s.ContactCount())
	c.fails(404, "not_found", "DELETE", "/api/contacts/delete/"+id, "")
	c.fails(404, "not_found", "GET", "/api/contacts/details/"+id, "")
}
