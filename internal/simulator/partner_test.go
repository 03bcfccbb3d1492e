package simulator

import (
	"sync"
	"testing"

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
