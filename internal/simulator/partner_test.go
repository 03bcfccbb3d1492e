package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newPartnerClient is a test client holding the partner token, with one
// managed tenant, shop@example.com.
func newPartnerClient(t *testing.T) *testClient {
	c := newTestClient(t)
	c.token = PartnerToken
	c.ok("POST", "/api/partner/tenant/add", `{"email":"shop@example.com","password":"G00d!pass","fullName":"Shop","isAutoActive":true}`, nil)
	return c
}

func TestPartnerAuth(t *testing.T) {
	c := newTestClient(t)
	c.fails(200, "partner_invalid", "GET", "/api/partner/me", "") // a tenant's token
	c.token = "bogus"
	c.fails(401, "unauthorized", "GET", "/api/partner/me", "")
	c.token = PartnerToken
	var me partnerProfile
	c.ok("GET", "/api/partner/me", "", &me)
	assert.Equal(t, "partner@sim.example", me.Email)
	assert.Equal(t, int64(50_000_000), me.Balance)
}

func TestPartnerCatalogue(t *testing.T) {
	c := newPartnerClient(t)
	var p struct {
		Items []stockNumber `json:"items"`
		Total int           `json:"total_items"`
	}
	c.ok("GET", "/api/partner/public_number/list?size=20&page=2", "", &p)
	assert.Equal(t, 140, p.Total)
	require.Len(t, p.Items, 20)
	assert.Equal(t, "842477778820", p.Items[0].Number)
	var pkgs []partnerPackage
	c.ok("GET", "/api/partner/service_package/list", "", &pkgs)
	require.Len(t, pkgs, 4)
	assert.Equal(t, "trial", pkgs[0].CodeName)
}

func TestPartnerBuysNumbersAndPackages(t *testing.T) {
	c := newPartnerClient(t)
	start := c.s.PartnerBalance()
	c.fails(200, "request_invalid", "POST", "/api/partner/public_number/buy", `{"email":"shop@example.com","number":"842477778800","number_count":5}`)
	c.ok("POST", "/api/partner/public_number/buy", `{"email":"shop@example.com","number":"842477778800","number_count":6}`, nil)
	assert.Equal(t, start-6*22000, c.s.PartnerBalance(), "six months of the monthly fee")
	c.fails(200, "request_invalid", "POST", "/api/partner/public_number/buy", `{"email":"shop@example.com","number":"842477778800","number_count":6}`)

	c.ok("POST", "/api/partner/service_package/upgrade", `{"email":"shop@example.com","code_name":"omi_pro","month_num":6}`, nil)
	assert.Equal(t, start-6*22000-1_000_000-6*1_500_000, c.s.PartnerBalance(), "the setup fee and six months")
	c.ok("POST", "/api/partner/service_package/extend", `{"email":"shop@example.com","month_num":6}`, nil)
	assert.Equal(t, start-6*22000-1_000_000-12*1_500_000, c.s.PartnerBalance())
	c.fails(200, "balance_is_not_enough", "POST", "/api/partner/service_package/extend", `{"email":"shop@example.com","month_num":600}`)
	c.fails(200, "request_invalid", "POST", "/api/partner/service_package/upgrade", `{"email":"shop@example.com","code_name":"gold","month_num":6}`)

	var info partnerTenant
	c.ok("GET", "/api/partner/tenant/info?id="+c.s.partner.tenants[0].ID, "", &info)
	require.Len(t, info.PublicNumbers, 1)
	assert.Equal(t, "842477778800", info.PublicNumbers[0].Number)
	assert.Equal(t, "omi_pro", info.ServicePackage["code_name"])
}

func TestFee(t *testing.T) {
	assert.Equal(t, 300000.0, fee([]price{{"USD", 12}, {"VND", 300000}}))
	assert.Zero(t, fee(nil))
}
