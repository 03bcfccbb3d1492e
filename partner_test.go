package omicall

import (
	"bytes"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPartnerToken = "partner-token-SECRET-0003"

// newPartnerMock returns a partner client on httpmock (no /api/auth
// responder: a partner client must never call it).
func newPartnerMock(t *testing.T) (*PartnerClient, *httpmock.MockTransport) {
	t.Helper()
	p, err := NewPartnerClient(testPartnerToken, WithBaseURL(mockBase), WithRetry(3, time.Millisecond, 5*time.Millisecond), WithAccessToken("ignored"))
	require.NoError(t, err)
	httpmock.ActivateNonDefault(p.c.e.rc.GetClient())
	t.Cleanup(httpmock.DeactivateAndReset)
	return p, p.c.e.rc.GetClient().Transport.(*httpmock.MockTransport)
}

func TestNewPartnerClientValidation(t *testing.T) {
	_, err := NewPartnerClient(" ")
	requireValidation(t, err, "partnerToken")
	_, err = NewPartnerClient("tok", WithBaseURL("http://example.com"))
	requireValidation(t, err, "baseURL")
}

func TestPartnerMeFixture(t *testing.T) {
	p, mt := newPartnerMock(t)
	rec := record(t, mt, http.MethodGet, mockBase+"/api/partner/me", []string{"partner_me.json"})
	me, err := p.Account.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "Bearer "+testPartnerToken, rec.only(t).Header.Get("Authorization"))
	assert.Equal(t, Partner{FullName: "Đối tác OMI", Email: "support@omicrm.com",
		Description: "Nâng cao trải nghiệm khách hàng, lấy sự hài lòng của khách hàng làm tiêu chí phấn đấu của doanh nghiệp",
		Enabled:     true, Status: "activated", PaidType: "prepaid", Nation: "vn", Currency: "VND", Language: "vi", Balance: 3007855}, *me)
}

func TestPartnerPublicNumbersFixture(t *testing.T) {
	p, mt := newPartnerMock(t)
	rec := record(t, mt, http.MethodGet, mockBase+"/api/partner/public_number/list", []string{"partner_public_number_list.json"})
	page, err := p.Numbers.List(ctxT(t), &ListOptions{Page: 1, Size: 50})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"page": {"1"}, "size": {"50"}}, rec.only(t).Query)
	assert.Equal(t, 140, page.TotalItems)
	assert.Equal(t, 3, page.TotalPages)
	assert.True(t, page.HasNext)
	require.Len(t, page.Items, 2)
	n := page.Items[0]
	assert.Equal(t, "842477778823", n.Number)
	assert.Equal(t, "Itelecom", n.Provider)
	assert.Equal(t, "itel", n.ProviderType)
	assert.Equal(t, "fixed", n.NumberType)
	assert.Equal(t, "vn", n.Nation)
	assert.Equal(t, []Price{{Currency: "VND", Price: 22000}, {Currency: "USD", Price: 0.977}}, n.MaintainingPrices)
	assert.Equal(t, int64(1583725991806), n.CreatedDate.UnixMilli())
	assert.Equal(t, int64(1601005495717), n.LastUpdatedDate.UnixMilli())
	assert.Nil(t, page.Items[1].MaintainingPrices)
}

func TestPartnerServicePackagesFixture(t *testing.T) {
	p, mt := newPartnerMock(t)
	record(t, mt, http.MethodGet, mockBase+"/api/partner/service_package/list", []string{"partner_service_package_list.json"})
	pkgs, err := p.Packages.List(ctxT(t))
	require.NoError(t, err)
	require.Len(t, pkgs, 6)
	assert.Equal(t, "trial", pkgs[0].CodeName)
	assert.Equal(t, Int(100), pkgs[0].CustomerNum)
	assert.Empty(t, pkgs[0].FeeSetups)
	assert.Equal(t, PartnerPackage{CodeName: "omi_start", ServiceName: "Omi Start", StaffNum: 5, CustomerNum: 0,
		Note:      "5 người dùng \nKhông giới hạn khách hàng \n10GB dữ liệu",
		FeeSetups: []Price{{"VND", 300000}}, FeeHolds: []Price{{"VND", 350000}}}, pkgs[1])
	assert.Equal(t, "Omi Enterprise", pkgs[5].ServiceName)
	assert.Equal(t, Int(35), pkgs[5].StaffNum)
}

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

func TestPartnerWriteRequests(t *testing.T) {
	p, mt := newPartnerMock(t)
	buy := record(t, mt, http.MethodPost, mockBase+"/api/partner/public_number/buy", []string{envelopeOK("null")}, 503)
	up := record(t, mt, http.MethodPost, mockBase+"/api/partner/service_package/upgrade", []string{envelopeOK("true")})
	ext := record(t, mt, http.MethodPost, mockBase+"/api/partner/service_package/extend", []string{envelopeOK("true")})
	top := record(t, mt, http.MethodPost, mockBase+"/api/partner/tenant/update_balance", []string{envelopeOK("true")})
	list := record(t, mt, http.MethodPost, mockBase+"/api/partner/tenant/list", []string{envelopeOK(`{"items":[{"id":"t1","full_name":"Shop","api_key":"K"}],"page_number":1,"has_next":false}`)})

	require.Error(t, p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Email: "o@s.vn", Number: "842477778823", NumberCount: 6, Note: "n"}))
	assert.JSONEq(t, `{"email":"o@s.vn","number":"842477778823","number_count":6,"note":"n"}`, string(buy.only(t).Body), "spending money is never retried")
	require.NoError(t, p.Packages.Upgrade(ctxT(t), &UpgradePackageRequest{Email: "o@s.vn", CodeName: "omi_start", MonthNum: 6, Note: "nâng cấp gói"}))
	assert.JSONEq(t, `{"email":"o@s.vn","code_name":"omi_start","month_num":6,"note":"nâng cấp gói"}`, string(up.only(t).Body))
	require.NoError(t, p.Packages.Extend(ctxT(t), &ExtendPackageRequest{Email: "o@s.vn", MonthNum: 12}))
	assert.JSONEq(t, `{"email":"o@s.vn","month_num":12}`, string(ext.only(t).Body))
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

	for _, tc := range []struct {
		err   error
		field string
	}{
		{p.Numbers.Buy(ctxT(t), nil), "req"},
		{p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Number: "1", NumberCount: 6}), "Email"},
		{p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Email: "e", NumberCount: 6}), "Number"},
		{p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Email: "e", Number: "1"}), "NumberCount"},
		{p.Packages.Upgrade(ctxT(t), &UpgradePackageRequest{Email: "e", MonthNum: 6}), "CodeName"},
		{p.Packages.Upgrade(ctxT(t), &UpgradePackageRequest{Email: "e", CodeName: "c"}), "MonthNum"},
		{p.Packages.Extend(ctxT(t), &ExtendPackageRequest{MonthNum: 6}), "Email"},
		{p.Packages.Extend(ctxT(t), &ExtendPackageRequest{Email: "e", MonthNum: -1}), "MonthNum"},
		{p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Description: "d"}), "Amount"},
		{p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Description: "d", Amount: math.NaN()}), "Amount"},
		{p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Description: "d", Amount: math.Inf(1)}), "Amount"},
		{p.Tenants.TopUp(ctxT(t), &TopUpRequest{Email: "e", Amount: 1}), "Description"},
		{p.Tenants.TopUp(ctxT(t), nil), "req"},
	} {
		requireValidation(t, tc.err, tc.field)
	}
	assert.Equal(t, 5, mt.GetTotalCallCount(), "invalid requests are not sent")
	assert.Zero(t, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"])
}

func TestPartnerErrorCodes(t *testing.T) {
	for code, want := range map[string]error{
		"partner_invalid":                           ErrPartnerInvalid,
		"tenant_invalid":                            ErrTenantInvalid,
		"body_request_is_required":                  ErrRequestBodyRequired,
		"request_invalid":                           ErrRequestInvalid,
		"email_invalid":                             ErrEmailInvalid,
		"password_invalid":                          ErrPasswordInvalid,
		"email_registered":                          ErrEmailRegistered,
		"create_tenant_error":                       ErrCreateTenantFailed,
		"access_denied":                             ErrAccessDenied,
		"amount_gte_10.000_vnd":                     ErrAmountTooSmall,
		"description_is_required":                   ErrDescriptionRequired,
		"description_is_to_short.gte_50_characters": ErrDescriptionTooShort,
	} {
		err := error(&APIError{HTTPStatus: 200, StatusCode: -9999, Code: code})
		assert.ErrorIs(t, err, want, code)
		assert.NotErrorIs(t, err, ErrNotFound, code)
	}
	p, mt := newPartnerMock(t)
	record(t, mt, http.MethodGet, mockBase+"/api/partner/me", []string{`{"status_code":-9999,"message":"unauthorized"}`}, 401)
	_, err := p.Account.Get(ctxT(t))
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.NotContains(t, err.Error(), testPartnerToken)
}

func TestPartnerSecretsNeverPrinted(t *testing.T) {
	const apiKey = "TENANT-API-KEY-0123456789"
	req := CreateTenantRequest{Email: "shop@example.com", Password: testPassword, FullName: "Shop"}
	ten := PartnerTenant{Tenant: Tenant{FullName: "Shop"}, ID: "t1", APIKey: apiKey}
	page := &Page[PartnerTenant]{Items: []PartnerTenant{ten}}
	for _, v := range []any{req, &req, ten, &ten, page} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(verb, v)
			for _, secret := range []string{testPassword, apiKey} {
				assert.NotContains(t, out, secret, verb)
				assert.NotContains(t, out, fmt.Sprintf("%x", secret), verb)
			}
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", req), "Password:[redacted]")
	assert.Contains(t, fmt.Sprintf("%+v", ten), "APIKey:[redacted]")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", ten), "omicall.PartnerTenant{"))

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("partner", "req", req, "tenant", ten, "p", &ten)
	assert.NotContains(t, buf.String(), testPassword)
	assert.NotContains(t, buf.String(), apiKey)
	assert.Contains(t, buf.String(), "shop@example.com")

	// JSON still carries them: the request body, and the key the partner
	// hands to its tenant.
	assert.Contains(t, mustJSON(t, req), testPassword)
	assert.Contains(t, mustJSON(t, ten), apiKey)
}
