package omicall

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestPartnerPackagesUpgradeAndExtend(t *testing.T) {
	p, mt := newPartnerMock(t)
	up := record(t, mt, http.MethodPost, mockBase+"/api/partner/service_package/upgrade", []string{envelopeOK("true")})
	ext := record(t, mt, http.MethodPost, mockBase+"/api/partner/service_package/extend", []string{envelopeOK("true")})
	require.NoError(t, p.Packages.Upgrade(ctxT(t), &UpgradePackageRequest{Email: "o@s.vn", CodeName: "omi_start", MonthNum: 6, Note: "nâng cấp gói"}))
	assert.JSONEq(t, `{"email":"o@s.vn","code_name":"omi_start","month_num":6,"note":"nâng cấp gói"}`, string(up.only(t).Body))
	require.NoError(t, p.Packages.Extend(ctxT(t), &ExtendPackageRequest{Email: "o@s.vn", MonthNum: 12}))
	assert.JSONEq(t, `{"email":"o@s.vn","month_num":12}`, string(ext.only(t).Body))

	requireFields(t, []fieldErr{
		{"CodeName", p.Packages.Upgrade(ctxT(t), &UpgradePackageRequest{Email: "e", MonthNum: 6})},
		{"MonthNum", p.Packages.Upgrade(ctxT(t), &UpgradePackageRequest{Email: "e", CodeName: "c"})},
		{"Email", p.Packages.Extend(ctxT(t), &ExtendPackageRequest{MonthNum: 6})},
		{"MonthNum", p.Packages.Extend(ctxT(t), &ExtendPackageRequest{Email: "e", MonthNum: -1})},
	})
	assert.Equal(t, 2, mt.GetTotalCallCount(), "invalid requests are not sent")
	assert.Zero(t, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"])
}
