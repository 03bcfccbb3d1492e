package omicall

import (
	"context"
	"errors"
	"strings"
)

// PartnerClient calls the partner (reseller) API: the partner's profile,
// the stock of hotline numbers, service packages, and the businesses
// (tenants) the partner manages. It uses the same host, request path,
// retries and errors as Client, authenticated by a partner token.
//
// How a partner token is obtained is not documented: partners receive a
// "super key" from OMICall, and the documentation does not say how that key
// becomes a token. NewPartnerClient therefore takes the token from the
// caller. If your super key is accepted by GET /api/auth like a tenant API
// key (an unconfirmed guess), this obtains one:
//
//	tc, _ := omicall.NewClient(superKey)
//	tok, _ := tc.Token(ctx)
//	pc, _ := omicall.NewPartnerClient(tok.AccessToken)
type PartnerClient struct {
	// Account reads the partner's own account.
	Account *PartnerAccountService
	// Tenants manages the businesses (tenants) the partner resells to.
	Tenants *PartnerTenantService
	// Numbers sells hotline numbers from the partner's stock.
	Numbers *PartnerNumberService
	// Packages sells and changes service packages.
	Packages *PartnerPackageService

	c *Client
}

// PartnerAccountService reads the partner's own account. Reach it as
// p.Account.
type PartnerAccountService service

// NewPartnerClient returns a client for the partner API that sends
// partnerToken as its bearer token and never calls /api/auth. opts are the
// Client options (WithBaseURL, WithHTTPClient, WithRetry, ...); a
// WithAccessToken among them is overridden by partnerToken. A rejected or
// expired token is ErrUnauthorized: make a new PartnerClient with a fresh
// token.
func NewPartnerClient(partnerToken string, opts ...Option) (*PartnerClient, error) {
	if strings.TrimSpace(partnerToken) == "" {
		return nil, &ValidationError{Field: "partnerToken", Reason: "is required"}
	}
	all := append(append(make([]Option, 0, len(opts)+1), opts...), WithAccessToken(partnerToken))
	c, err := NewClient("", all...)
	if err != nil {
		return nil, err
	}
	return &PartnerClient{c: c,
		Account:  (*PartnerAccountService)(&c.common),
		Tenants:  (*PartnerTenantService)(&c.common),
		Numbers:  (*PartnerNumberService)(&c.common),
		Packages: (*PartnerPackageService)(&c.common),
	}, nil
}

// Error codes of the partner API (from the partner documentation). They
// match *APIError values with errors.Is like the other sentinels; the
// partner API's body_request_is_required matches ErrRequestBodyRequired,
// email_invalid ErrEmailInvalid, password_invalid ErrPasswordInvalid and
// tenant_invalid ErrTenantInvalid.
var (
	ErrPartnerInvalid      = errors.New("omicall: the access token is not a partner's")                 // partner_invalid
	ErrRequestInvalid      = errors.New("omicall: required data missing or invalid")                    // request_invalid
	ErrEmailRegistered     = errors.New("omicall: the email is already registered to a business owner") // email_registered
	ErrCreateTenantFailed  = errors.New("omicall: creating the business failed")                        // create_tenant_error
	ErrAccessDenied        = errors.New("omicall: access denied")                                       // access_denied
	ErrAmountTooSmall      = errors.New("omicall: amount below the 10,000 VND minimum")                 // amount_gte_10.000_vnd
	ErrDescriptionRequired = errors.New("omicall: description is required")                             // description_is_required
	ErrDescriptionTooShort = errors.New("omicall: description shorter than 50 characters")              // description_is_to_short.gte_50_characters
)

// partnerCodeSentinels maps the partner API's codes to sentinels (consulted
// by (*APIError).Is after codeSentinels).
var partnerCodeSentinels = map[string]error{
	"partner_invalid":                           ErrPartnerInvalid,
	"request_invalid":                           ErrRequestInvalid,
	"body_request_is_required":                  ErrRequestBodyRequired,
	"email_invalid":                             ErrEmailInvalid,
	"email_registered":                          ErrEmailRegistered,
	"create_tenant_error":                       ErrCreateTenantFailed,
	"access_denied":                             ErrAccessDenied,
	"amount_gte_10.000_vnd":                     ErrAmountTooSmall,
	"description_is_required":                   ErrDescriptionRequired,
	"description_is_to_short.gte_50_characters": ErrDescriptionTooShort,
}

// Partner is the partner's own account: GET /api/partner/me.
type Partner struct {
	FullName    string `json:"full_name"`
	Email       string `json:"email"`
	Description string `json:"description"`
	Enabled     Bool   `json:"enabled"`
	Status      string `json:"status"`    // e.g. "activated"
	PaidType    string `json:"paid_type"` // "prepaid" or "postpaid"
	Nation      string `json:"nation"`
	Currency    string `json:"currency"`
	Language    string `json:"language"`
	Balance     Float  `json:"balance"` // in Currency
}

// Price is an amount in a currency.
type Price struct {
	Currency string `json:"currency"`
	Price    Float  `json:"price"`
}

// Get returns the partner's account. OMICall API: GET
// /api/partner/me. Retried.
func (s *PartnerAccountService) Get(ctx context.Context) (*Partner, error) {
	return getObject[Partner](ctx, s.e, "/api/partner/me", nil)
}
