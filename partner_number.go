package omicall

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
)

// PartnerNumberService lists and buys hotline numbers. Reach it as
// p.Numbers.
type PartnerNumberService service

// PartnerPublicNumber is a hotline number in the partner's stock.
type PartnerPublicNumber struct {
	Number            string          `json:"number"`
	Provider          string          `json:"provider"`      // carrier, e.g. "Itelecom"
	ProviderType      string          `json:"provider_type"` // short carrier name, e.g. "itel"
	NumberType        string          `json:"number_type"`   // e.g. "fixed", mobile, 1900, 1800
	Nation            string          `json:"nation"`
	MaintainingPrices []Price         `json:"maintaining_prices"` // monthly fee
	CallPricing       json.RawMessage `json:"call_pricing"`       // shape undocumented
	CreatedDate       Time            `json:"created_date"`
	LastUpdatedDate   Time            `json:"last_updated_date"`
}

var numberList = listSpec{method: http.MethodGet, path: "/api/partner/public_number/list"}

// List returns one page of the hotline numbers for sale (nil opts: the
// first page). OMICall API: GET /api/partner/public_number/list. Retried.
func (s *PartnerNumberService) List(ctx context.Context, opts *ListOptions) (*Page[PartnerPublicNumber], error) {
	return listPage[PartnerPublicNumber](ctx, s.e, numberList, opts)
}

// All iterates over every hotline number for sale. OMICall API: GET
// /api/partner/public_number/list. Retried.
func (s *PartnerNumberService) All(ctx context.Context, opts *ListOptions) iter.Seq2[PartnerPublicNumber, error] {
	return listAll[PartnerPublicNumber](ctx, s.e, numberList, opts)
}

// BuyNumberRequest is the body of POST /api/partner/public_number/buy.
type BuyNumberRequest struct {
	Email  string `json:"email"`  // required: the tenant owner's email
	Number string `json:"number"` // required: the hotline number to buy
	// NumberCount is required (> 0). Despite its name, the partner
	// documentation describes it as the number of months of use (at least
	// 6).
	NumberCount int    `json:"number_count"`
	Note        string `json:"note,omitempty"`
}

// Buy buys a hotline number from the stock for a tenant. The answer is
// undocumented; success is a status_code of 9999. OMICall API: POST
// /api/partner/public_number/buy. Never retried (it spends money).
func (s *PartnerNumberService) Buy(ctx context.Context, req *BuyNumberRequest) error {
	if req == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := firstErr(required("Email", req.Email), required("Number", req.Number), positive("NumberCount", req.NumberCount)); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/partner/public_number/buy", body: req})
}
