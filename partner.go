package omicall

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
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

// PartnerTenantService manages the partner's businesses (tenants). Reach
// it as p.Tenants.
type PartnerTenantService service

// PartnerNumberService lists and buys hotline numbers. Reach it as
// p.Numbers.
type PartnerNumberService service

// PartnerPackageService lists, extends and upgrades service packages.
// Reach it as p.Packages.
type PartnerPackageService service

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

// PartnerPackage is a service package a partner can sell.
type PartnerPackage struct {
	CodeName    string  `json:"code_name"` // e.g. "trial", "omi_start"
	ServiceName string  `json:"service_name"`
	StaffNum    Int     `json:"staff_num"`    // agents included
	CustomerNum Int     `json:"customer_num"` // customers included; 0 means unlimited
	Note        string  `json:"note"`
	FeeSetups   []Price `json:"fee_setups"` // set-up fee
	FeeHolds    []Price `json:"fee_holds"`  // monthly fee
}

// PartnerTenant is a business managed by the partner: GET
// /api/partner/tenant/info, and (presumably; undocumented) the items of
// POST /api/partner/tenant/list. It is Tenant plus the tenant's API key and
// its package's cashback. Printed with fmt or logged with slog, the API key
// is redacted; JSON keeps it.
type PartnerTenant struct {
	Tenant
	// ID is the tenant's id, if the API sends one ("id" or "tenant_id").
	ID       string `json:"id"`
	TenantID string `json:"tenant_id"`
	// APIKey is the tenant's secret API key: keep it out of logs.
	APIKey string `json:"api_key"`
	// ServicePackage replaces Tenant.ServicePackage (which stays empty).
	ServicePackage PartnerTenantPackage `json:"service_package"`
}

// Format prints the tenant with its API key redacted, for every verb.
func (t PartnerTenant) Format(f fmt.State, verb rune) {
	type plain PartnerTenant
	t.APIKey = redact(t.APIKey)
	formatRedacted(f, verb, "PartnerTenant", plain(t))
}

// LogValue makes slog log the tenant with its API key redacted.
func (t PartnerTenant) LogValue() slog.Value { return redactedLogValue(t) }

// PartnerTenantPackage is a managed tenant's service package.
type PartnerTenantPackage struct {
	ServicePackage
	Cashback Float `json:"cashback"` // refunded when the tenant upgrades
}

// Get returns the partner's account. OMICall API: GET
// /api/partner/me. Retried.
func (s *PartnerAccountService) Get(ctx context.Context) (*Partner, error) {
	return getObject[Partner](ctx, s.e, "/api/partner/me", nil)
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
