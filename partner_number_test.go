package omicall

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestPartnerNumbersBuy(t *testing.T) {
	p, mt := newPartnerMock(t)
	buy := record(t, mt, http.MethodPost, mockBase+"/api/partner/public_number/buy", []string{envelopeOK("null")}, 503)
	require.Error(t, p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Email: "o@s.vn", Number: "842477778823", NumberCount: 6, Note: "n"}))
	assert.JSONEq(t, `{"email":"o@s.vn","number":"842477778823","number_count":6,"note":"n"}`, string(buy.only(t).Body), "spending money is never retried")

	requireFields(t, []fieldErr{
		{"req", p.Numbers.Buy(ctxT(t), nil)},
		{"Email", p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Number: "1", NumberCount: 6})},
		{"Number", p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Email: "e", NumberCount: 6})},
		{"NumberCount", p.Numbers.Buy(ctxT(t), &BuyNumberRequest{Email: "e", Number: "1"})},
	})
	assert.Equal(t, 1, mt.GetTotalCallCount(), "invalid requests are not sent")
}
