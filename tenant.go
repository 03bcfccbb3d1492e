package omicall

import (
	"context"
)

// TenantService reads the business (tenant) account. Reach it as c.Tenant.
type TenantService service

// Tenant is the business account: GET /api/tenant/detail.
type Tenant struct {
	FullName       string         `json:"full_name"`
	Email          string         `json:"email"`
	Description    string         `json:"description"`
	Enabled        Bool           `json:"enabled"`
	Domain         string         `json:"domain"`        // sub-domain of the web console
	DomainFusion   string         `json:"domain_fusion"` // PBX domain
	DomainExpire   Time           `json:"domain_expire"`
	EffectiveDate  Time           `json:"effective_date"`
	ExpireDate     Time           `json:"expire_date"`
	Phone          string         `json:"phone"`
	Status         string         `json:"status"`    // e.g. "activated"
	PaidType       string         `json:"paid_type"` // "prepaid" or "postpaid"
	Nation         string         `json:"nation"`
	Currency       string         `json:"currency"`
	Language       string         `json:"language"`
	Balance        Float          `json:"balance"` // in Currency
	PublicNumbers  []PublicNumber `json:"public_numbers"`
	ServicePackage ServicePackage `json:"service_package"`
}

// PublicNumber is a hotline of the tenant.
type PublicNumber struct {
	Number     string `json:"number"`
	Provider   string `json:"provider"` // carrier, e.g. "itel"
	ExpireDate Time   `json:"expire_date"`
	Status     string `json:"status"` // e.g. "active"
}

// ServicePackage is the tenant's subscription.
type ServicePackage struct {
	CodeName    string `json:"code_name"` // e.g. "trial"
	ServiceName string `json:"service_name"`
	StaffNum    int    `json:"staff_num"`    // most agents allowed
	CustomerNum int    `json:"customer_num"` // most customers allowed
	ExpiryDate  Time   `json:"expiry_date"`
}

// Get returns the tenant's account. OMICall API: GET /api/tenant/detail.
// Retried.
func (s *TenantService) Get(ctx context.Context) (*Tenant, error) {
	return getObject[Tenant](ctx, s.e, "/api/tenant/detail", nil)
}
