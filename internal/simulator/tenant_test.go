package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTenantDetail(t *testing.T) {
	c := newTestClient(t)
	var got, want Tenant
	c.ok("GET", "/api/tenant/detail", "", &got)
	require.NoError(t, remarshal(defaultTenant(), &want))
	assert.Equal(t, want, got)
	assert.Equal(t, []string{"842899990001", "842899990002"}, c.s.hotlines())
}

func TestWithTenant(t *testing.T) {
	own := Tenant{FullName: "Shop", Domain: "shop", DomainFusion: "shop",
		PublicNumbers: []PublicNumber{{Number: "842800000009", Provider: "itel"}}}
	c := newTestClient(t, WithTenant(own))
	var got Tenant
	c.ok("GET", "/api/tenant/detail", "", &got)
	assert.Equal(t, "Shop", got.FullName)
	assert.Equal(t, []string{"842800000009"}, c.s.hotlines())
	var hotlines []string
	c.ok("GET", "/api/call_center/hotline/list?extension=100", "", &hotlines)
	assert.Equal(t, []string{"842800000009"}, hotlines, "the extensions call out on the tenant's hotlines")
}
