package omicall

import (
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTenantDetailRequestAndDecode(t *testing.T) {
	c, mt := newMockClient(t, WithUserAgent("crm/1.0"))
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
		assert.Equal(t, "crm/1.0", r.Header.Get("User-Agent"))
		assert.Empty(t, r.URL.RawQuery)
		return httpmock.NewBytesResponse(200, fixture(t, "tenant_detail.json")), nil
	})
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, "Omi Team", ten.FullName)
	assert.Equal(t, "omiteam", ten.DomainFusion)
	assert.True(t, bool(ten.Enabled))
	assert.Equal(t, int64(1584606068154), ten.DomainExpire.UnixMilli())
	assert.Equal(t, Float(3007855), ten.Balance)
	require.Len(t, ten.PublicNumbers, 1)
	assert.Equal(t, "842877788056", ten.PublicNumbers[0].Number)
	assert.Equal(t, int64(1602731734809), ten.PublicNumbers[0].ExpireDate.UnixMilli())
	assert.Equal(t, 5, ten.ServicePackage.StaffNum)
	assert.Equal(t, int64(1606300035002), ten.ServicePackage.ExpiryDate.UnixMilli())
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"], mt.GetCallCountInfo())
}
