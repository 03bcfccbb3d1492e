package omicall

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"math"
	"net/http"
	"net/url"
)

// PartnerTenantService manages the partner's businesses (tenants). Reach
// it as p.Tenants.
type PartnerTenantService service

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

// CreateTenantRequest is the body of POST /api/partner/tenant/add (camelCase on
// the wire). Printed with fmt or logged with slog, the password is redacted.
type CreateTenantRequest struct {
	Email        string `json:"email"`    // required: the owner's email
	Password     string `json:"password"` // required: 8+ characters with upper and lower case, digits and symbols
	FullName     string `json:"fullName"` // required: the business name (< 255 characters)
	OwnerName    string `json:"ownerName,omitempty"`
	Phone        string `json:"phone,omitempty"`
	IsAutoActive bool   `json:"isAutoActive"` // activate the account at once
}

// Format prints the request with its password redacted, for every verb.
func (r CreateTenantRequest) Format(f fmt.State, verb rune) {
	type plain CreateTenantRequest
	r.Password = redact(r.Password)
	formatRedacted(f, verb, "CreateTenantRequest", plain(r))
}

// LogValue makes slog log the request with its password redacted.
func (r CreateTenantRequest) LogValue() slog.Value { return redactedLogValue(r) }

// Create creates a business and returns it, as every Create returns what
// it created. The API answers only the new id, so the PartnerTenant
// returned holds that ID and what was sent (FullName, Email, Phone); Get
// reads the whole record, once activation and initial data are done (3 to
// 10 seconds after the call returns). OMICall API: POST
// /api/partner/tenant/add. Never retried (see ContextWithRetry).
func (s *PartnerTenantService) Create(ctx context.Context, req *CreateTenantRequest) (*PartnerTenant, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := firstErr(required("Email", req.Email), required("Password", req.Password), required("FullName", req.FullName)); err != nil {
		return nil, err
	}
	if !validEmail(req.Email) {
		return nil, &ValidationError{Field: "Email", Reason: "is not an email address"}
	}
	var out struct {
		ID string `json:"id"`
	}
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/partner/tenant/add", body: req, out: &out}); err != nil {
		return nil, err
	}
	return &PartnerTenant{ID: out.ID, Tenant: Tenant{FullName: req.FullName, Email: req.Email, Phone: req.Phone}}, nil
}

var tenantList = listSpec{method: http.MethodPost, path: "/api/partner/tenant/list"}

// List returns one page of the partner's businesses; Keyword matches a
// business name or email. The answer is undocumented; it is read as a
// standard page of PartnerTenant. OMICall API: POST
// /api/partner/tenant/list. Retried (read-only).
func (s *PartnerTenantService) List(ctx context.Context, opts *ListOptions) (*Page[PartnerTenant], error) {
	return listPage[PartnerTenant](ctx, s.e, tenantList, opts)
}

// All iterates over every business of the partner matching opts.Keyword.
// OMICall API: POST /api/partner/tenant/list. Retried.
func (s *PartnerTenantService) All(ctx context.Context, opts *ListOptions) iter.Seq2[PartnerTenant, error] {
	return listAll[PartnerTenant](ctx, s.e, tenantList, opts)
}

// Get returns a business of the partner by id (the ID of the tenant Create
// returned). OMICall API: GET /api/partner/tenant/info?id=. Retried.
func (s *PartnerTenantService) Get(ctx context.Context, id string) (*PartnerTenant, error) {
	if err := required("id", id); err != nil {
		return nil, err
	}
	return getObject[PartnerTenant](ctx, s.e, "/api/partner/tenant/info", url.Values{"id": {id}})
}

// TopUpRequest is the body of POST /api/partner/tenant/update_balance.
type TopUpRequest struct {
	Email  string  `json:"email"`  // required: the tenant owner's email
	Amount float64 `json:"amount"` // required (> 0); the documentation's minimum is 10,000 VND
	// Description is required; the documentation asks for at least 50
	// characters.
	Description string `json:"description"`
}

// TopUp adds money to a business's balance. The answer is
// undocumented. The server's minimums surface as ErrAmountTooSmall and
// ErrDescriptionTooShort. OMICall API: POST
// /api/partner/tenant/update_balance. Never retried (it moves money).
func (s *PartnerTenantService) TopUp(ctx context.Context, req *TopUpRequest) error {
	if req == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := firstErr(required("Email", req.Email), required("Description", req.Description)); err != nil {
		return err
	}
	if !(req.Amount > 0) || math.IsInf(req.Amount, 1) { // NaN fails too
		return &ValidationError{Field: "Amount", Reason: "must be a finite amount greater than 0"}
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/partner/tenant/update_balance", body: req})
}
