package omicall_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func newPartnerSim(t *testing.T) (*omicall.PartnerClient, *omicall.Client, *omicalltest.Server) {
	c, sim := newSimClient(t, nil)
	p, err := omicall.NewPartnerClient(omicalltest.PartnerToken, omicall.WithBaseURL(sim.URL()))
	require.NoError(t, err)
	return p, c, sim
}

func TestSimPartnerTenantLifecycle(t *testing.T) {
	p, _, sim := newPartnerSim(t)
	ctx := ctxT(t)
	start := sim.PartnerBalance()

	me, err := p.Account.Get(ctx)
	require.NoError(t, err)
	assert.Equal(t, "activated", me.Status)

	created, err := p.Tenants.Create(ctx, &omicall.CreateTenantRequest{Email: "owner@shop.vn", Password: "Passw0rd!", FullName: "Shop Hoa", IsAutoActive: true})
	require.NoError(t, err)
	require.Len(t, created.ID, 24)
	_, err = p.Tenants.Create(ctx, &omicall.CreateTenantRequest{Email: "owner@shop.vn", Password: "Passw0rd!", FullName: "Again"})
	require.ErrorIs(t, err, omicall.ErrEmailRegistered)
	_, err = p.Tenants.Create(ctx, &omicall.CreateTenantRequest{Email: "x@shop.vn", Password: "password", FullName: "Weak"})
	require.ErrorIs(t, err, omicall.ErrPasswordInvalid)

	info, err := p.Tenants.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, "Shop Hoa", info.FullName)
	assert.Equal(t, "activated", info.Status)
	assert.NotEmpty(t, info.APIKey)
	assert.Equal(t, "trial", info.ServicePackage.CodeName)
	_, err = p.Tenants.Get(ctx, "unknown")
	require.ErrorIs(t, err, omicall.ErrNotFound)

	page, err := p.Tenants.List(ctx, &omicall.ListOptions{Keyword: "hoa"})
	require.NoError(t, err)
	require.Len(t, page.Items, 1)
	assert.Equal(t, created.ID, page.Items[0].ID)

	var numbers []string
	for n, err := range p.Numbers.All(ctx, nil) {
		require.NoError(t, err)
		numbers = append(numbers, n.Number)
	}
	require.Len(t, numbers, 140)
	require.NoError(t, p.Numbers.Buy(ctx, &omicall.BuyNumberRequest{Email: "owner@shop.vn", Number: numbers[0], NumberCount: 6}))
	err = p.Numbers.Buy(ctx, &omicall.BuyNumberRequest{Email: "owner@shop.vn", Number: numbers[0], NumberCount: 6})
	require.ErrorIs(t, err, omicall.ErrRequestInvalid, "a number is sold once")

	pkgs, err := p.Packages.List(ctx)
	require.NoError(t, err)
	require.Equal(t, "omi_start", pkgs[1].CodeName)
	require.NoError(t, p.Packages.Upgrade(ctx, &omicall.UpgradePackageRequest{Email: "owner@shop.vn", CodeName: "omi_start", MonthNum: 6}))
	require.NoError(t, p.Packages.Extend(ctx, &omicall.ExtendPackageRequest{Email: "owner@shop.vn", MonthNum: 6}))

	err = p.Tenants.TopUp(ctx, &omicall.TopUpRequest{Email: "owner@shop.vn", Amount: 5000, Description: strings.Repeat("x", 60)})
	require.ErrorIs(t, err, omicall.ErrAmountTooSmall)
	err = p.Tenants.TopUp(ctx, &omicall.TopUpRequest{Email: "owner@shop.vn", Amount: 200000, Description: "too short"})
	require.ErrorIs(t, err, omicall.ErrDescriptionTooShort)
	require.NoError(t, p.Tenants.TopUp(ctx, &omicall.TopUpRequest{Email: "owner@shop.vn", Amount: 200000, Description: strings.Repeat("Nạp tiền tháng 3 ", 4)}))

	info, err = p.Tenants.Get(ctx, created.ID)
	require.NoError(t, err)
	assert.Equal(t, omicall.Float(200000), info.Balance)
	require.Len(t, info.PublicNumbers, 1)
	assert.Equal(t, numbers[0], info.PublicNumbers[0].Number)
	assert.Equal(t, "omi_start", info.ServicePackage.CodeName)
	// number 22,000 x 6 + package 300,000 + 350,000 x 6 + extension 350,000 x 6 + top-up 200,000
	assert.Equal(t, start-132000-300000-2100000-2100000-200000, sim.PartnerBalance())
	assert.Zero(t, sim.Requests("GET /api/auth"))
}

func TestSimPartnerAuth(t *testing.T) {
	_, c, sim := newPartnerSim(t)
	ctx := ctxT(t)
	// A tenant token is not a partner's.
	tok, err := c.Token(ctx)
	require.NoError(t, err)
	asTenant, err := omicall.NewPartnerClient(tok.AccessToken, omicall.WithBaseURL(sim.URL()))
	require.NoError(t, err)
	_, err = asTenant.Account.Get(ctx)
	require.ErrorIs(t, err, omicall.ErrPartnerInvalid)

	bad, err := omicall.NewPartnerClient("nope", omicall.WithBaseURL(sim.URL()))
	require.NoError(t, err)
	_, err = bad.Account.Get(ctx)
	require.ErrorIs(t, err, omicall.ErrUnauthorized)
	assert.Equal(t, 2, sim.Requests("GET /api/partner/me"), "no refresh is attempted with a caller's token")
}
