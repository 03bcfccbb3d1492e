package omicall

import (
	"math"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPartnerTenantAddFixtureAndRequest(t *testing.T) {
	p, mt := newPartnerMock(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/partner/tenant/add", []string{"partner_tenant_add.json"})
	created, err := p.Tenants.Create(ctxT(t), &CreateTenantRequest{Email: "owner@shop.vn", Password: "Passw0rd!", FullName: "Shop",
		OwnerName: "An", Phone: "0900000000", IsAutoActive: true})
	require.NoError(t, err)
	assert.Equal(t, &PartnerTenant{ID: "5f59784273227343222243", Tenant: Tenant{FullName: "Shop", Email: "owner@shop.vn", Phone: "0900000000"}}, created,
		"the API answers the id: the tenant is what was sent, with it")
	assert.JSONEq(t, `{"email":"owner@shop.vn","password":"Passw0rd!","fullName":"Shop","ownerName":"An","phone":"0900000000","isAutoActive":true}`,
		string(rec.only(t).Body))

	for field, req := range map[string]*CreateTenantRequest{
		"req":      nil,
		"Email":    {Password: "p", FullName: "f"},
		"Password": {Email: "a@b.c", FullName: "f"},
		"FullName": {Email: "a@b.c", Password: "p"},
	} {
		_, err := p.Tenants.Create(ctxT(t), req)
		requireValidation(t, err, field)
	}
	_, err = p.Tenants.Create(ctxT(t), &CreateTenantRequest{Email: "owner", Password: "p", FullName: "f"})
	requireValidation(t, err, "Email")
	assert.Len(t, rec.all(), 1)
}

func TestPartnerTenantInfoFixture(t *testing.T) {
	p, mt := newPartnerMock(t)
	rec := record(t, mt, http.MethodGet, mockBase+"/api/partner/tenant/info", []string{"partner_tenant_info.json"})
	ti, err := p.Tenants.Get(ctxT(t), "5f59784273227343222243")
	require.NoError(t, err)
	assert.Equal(t, url.Values{"id": {"5f59784273227343222243"}}, rec.only(t).Query)
	assert.Equal(t, "Omi Team", ti.FullName)
	assert.Equal(t, "omiteam", ti.Domain)
	assert.Equal(t, int64(1614936981790), ti.ExpireDate.UnixMilli())
	assert.Equal(t, Float(3007855), ti.Balance)
	assert.Equal(t, "K343KDK9-2I34K3K-3I33K3-2222", ti.APIKey)
	require.Len(t, ti.PublicNumbers, 1)
	assert.Equal(t, "842877788056", ti.PublicNumbers[0].Number)
	assert.Equal(t, "trial", ti.ServicePackage.CodeName)
	assert.Equal(t, 5, ti.ServicePackage.StaffNum)
	assert.Equal(t, int64(1606300035002), ti.ServicePackage.ExpiryDate.UnixMilli())
	assert.Equal(t, Float(2092202), ti.ServicePackage.Cashback)
	_, err = p.Tenants.Get(ctxT(t), "")
	requireValidation(t, err, "id")
}

func TestPartnerTenantsTopUpAndList(t *testing.T) {
	p, mt := newPartnerMock(t)
	top := record(t, mt, http.MethodPost, mockBase+"/api/partner/tenant/update_balance", []string{envelopeOK("true")})
	list := record(t, mt, http.MethodPost, mockBase+"/api/partner/tenant/list", []string{envelopeOK(`{"items":[{"id":"t1","full_name":"Shop","api_key":"K"}],"page_number":1,"has_next":false}`)})
	require.NoError(t, p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "o@s.vn", Amount: 100000, Description: "top up"}))
	assert.JSONEq(t, `{"email":"o@s.vn","amount":100000,"description":"top up"}`, string(top.only(t).Body))
	page, err := p.Tenants.List(ctxT(t), &ListOptions{Page: 1, Size: 20, Keyword: "shop"})
	require.NoError(t, err)
	lr := list.only(t)
	assert.Equal(t, url.Values{"page": {"1"}, "size": {"20"}}, lr.Query)
	assert.JSONEq(t, `{"keyword":"shop"}`, string(lr.Body))
	require.Len(t, page.Items, 1)
	assert.Equal(t, "t1", page.Items[0].ID)
	assert.Equal(t, "Shop", page.Items[0].FullName)

	requireFields(t, []fieldErr{
		{"Amount", p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Description: "d"})},
		{"Amount", p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Description: "d", Amount: math.NaN()})},
		{"Amount", p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Description: "d", Amount: math.Inf(1)})},
		{"Description", p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Amount: 1})},
		{"req", p.Tenants.TopUp(ctxT(t), nil)},
	})
	assert.Equal(t, 2, mt.GetTotalCallCount(), "invalid requests are not sent")
}
