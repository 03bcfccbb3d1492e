package simulator

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPartnerTenantsReadWhileChanging reads managed tenants while their
// package is extended: answers are encoded after the lock is released, so
// they must not share the stored tenant's maps (run with -race).
func TestPartnerTenantsReadWhileChanging(t *testing.T) {
	c := newTestClient(t)
	c.token = PartnerToken
	var added struct {
		ID string `json:"id"`
	}
	c.ok("POST", "/api/partner/tenant/add", `{"email":"shop@example.com","password":"G00d!pass","fullName":"Shop","isAutoActive":true}`, &added)
	require.NotEmpty(t, added.ID)

	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.ok("POST", "/api/partner/service_package/extend", `{"email":"shop@example.com","month_num":6}`, nil)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.ok("POST", "/api/partner/tenant/list?page=1&size=10", "", nil)
			c.ok("GET", "/api/partner/tenant/info?id="+added.ID, "", nil)
		}
	}()
	wg.Wait()

	var info struct {
		ServicePackage map[string]any `json:"service_package"`
	}
	c.ok("GET", "/api/partner/tenant/info?id="+added.ID, "", &info)
	require.Equal(t, "trial", info.ServicePackage["code_name"])
}

func TestPartnerTenantAdd(t *testing.T) {
	c := newTestClient(t)
	c.token = PartnerToken
	const p = "/api/partner/tenant/add"
	c.fails(200, "body_request_is_required", "POST", p, "")
	c.fails(200, "request_invalid", "POST", p, `{"email":"a@b.vn","password":"G00d!pass"}`)
	c.fails(200, "email_invalid", "POST", p, `{"email":"ab.vn","password":"G00d!pass","fullName":"A"}`)
	c.fails(200, "password_invalid", "POST", p, `{"email":"a@b.vn","password":"weak","fullName":"A"}`)
	var added struct {
		ID string `json:"id"`
	}
	c.ok("POST", p, `{"email":"Shop@B.vn","password":"G00d pass1","fullName":"Cửa hàng"}`, &added)
	c.fails(200, "email_registered", "POST", p, `{"email":"shop@b.vn","password":"G00d!pass","fullName":"A"}`)

	var info partnerTenant
	c.ok("GET", "/api/partner/tenant/info?id="+added.ID, "", &info)
	assert.Equal(t, "not_activated", info.Status)
	assert.Equal(t, "shop", info.Domain)
	assert.Equal(t, "trial", info.ServicePackage["code_name"])
	assert.Len(t, info.APIKey, 24)
	c.fails(404, "not_found", "GET", "/api/partner/tenant/info?id=nope", "")

	var list struct {
		Items []partnerTenant `json:"items"`
		Total int             `json:"total_items"`
	}
	c.ok("POST", "/api/partner/tenant/list", `{"keyword":"CỬA"}`, &list)
	assert.Equal(t, 1, list.Total)
	c.ok("POST", "/api/partner/tenant/list", `{"keyword":"other"}`, &list)
	assert.Zero(t, list.Total)
}

func TestPartnerTopUp(t *testing.T) {
	c := newPartnerClient(t)
	const p = "/api/partner/tenant/update_balance"
	long := `"` + strings.Repeat("nạp tiền ", 6) + `"`
	c.fails(200, "amount_gte_10.000_vnd", "POST", p, `{"email":"shop@example.com","amount":9999,"description":`+long+`}`)
	c.fails(200, "description_is_required", "POST", p, `{"email":"shop@example.com","amount":10000}`)
	c.fails(200, "description_is_to_short.gte_50_characters", "POST", p, `{"email":"shop@example.com","amount":10000,"description":"short"}`)
	c.fails(200, "access_denied", "POST", p, `{"email":"ghost@example.com","amount":10000,"description":`+long+`}`)
	before := c.s.PartnerBalance()
	c.ok("POST", p, `{"email":"shop@example.com","amount":25000,"description":`+long+`}`, nil)
	assert.Equal(t, before-25000, c.s.PartnerBalance())
	c.s.mu.Lock()
	assert.Equal(t, int64(25000), c.s.tenantByEmail("SHOP@example.com").Balance)
	c.s.mu.Unlock()
}
