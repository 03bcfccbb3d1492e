package omicall

import (
	"context"
	"net/http"
)

// PartnerPackageService lists, extends and upgrades service packages.
// Reach it as p.Packages.
type PartnerPackageService service

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

// List returns the service packages the partner can sell. OMICall API: GET
// /api/partner/service_package/list. Retried.
func (s *PartnerPackageService) List(ctx context.Context) ([]PartnerPackage, error) {
	var out []PartnerPackage
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/partner/service_package/list", out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// UpgradePackageRequest is the body of POST
// /api/partner/service_package/upgrade. The price is the package's set-up
// fee plus its monthly fee times MonthNum.
type UpgradePackageRequest struct {
	Email    string `json:"email"`     // required: the tenant owner's email
	CodeName string `json:"code_name"` // required: a PartnerPackage.CodeName
	MonthNum int    `json:"month_num"` // required (> 0); the documentation says at least 6
	Note     string `json:"note,omitempty"`
}

// Upgrade moves a tenant to another service package. The
// answer is undocumented. OMICall API: POST
// /api/partner/service_package/upgrade. Never retried (it spends money).
func (s *PartnerPackageService) Upgrade(ctx context.Context, req *UpgradePackageRequest) error {
	if req == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := firstErr(required("Email", req.Email), required("CodeName", req.CodeName), positive("MonthNum", req.MonthNum)); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/partner/service_package/upgrade", body: req})
}

// ExtendPackageRequest is the body of POST
// /api/partner/service_package/extend. The price is the monthly fee times
// MonthNum.
type ExtendPackageRequest struct {
	Email    string `json:"email"`     // required: the tenant owner's email
	MonthNum int    `json:"month_num"` // required (> 0); the documentation says at least 6
	Note     string `json:"note,omitempty"`
}

// Extend extends a tenant's current service package. The
// answer is undocumented. OMICall API: POST
// /api/partner/service_package/extend. Never retried (it spends money).
func (s *PartnerPackageService) Extend(ctx context.Context, req *ExtendPackageRequest) error {
	if req == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := firstErr(required("Email", req.Email), positive("MonthNum", req.MonthNum)); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/partner/service_package/extend", body: req})
}
