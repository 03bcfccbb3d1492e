package simulator

import (
	"net/http"
	"time"
)

func init() { register(domain{routes: (*Server).tenantRoutes}) }

// Tenant is the simulated business account, served by GET /api/tenant/detail.
type Tenant struct {
	FullName       string         `json:"full_name"`
	Email          string         `json:"email"`
	Description    string         `json:"description"`
	Enabled        bool           `json:"enabled"`
	Domain         string         `json:"domain"`
	DomainFusion   string         `json:"domain_fusion"`
	DomainExpire   int64          `json:"domain_expire"`
	EffectiveDate  int64          `json:"effective_date"`
	ExpireDate     int64          `json:"expire_date"`
	Phone          string         `json:"phone"`
	Status         string         `json:"status"`
	PaidType       string         `json:"paid_type"`
	Nation         string         `json:"nation"`
	Currency       string         `json:"currency"`
	Language       string         `json:"language"`
	Balance        int64          `json:"balance"`
	PublicNumbers  []PublicNumber `json:"public_numbers"`
	ServicePackage map[string]any `json:"service_package"`
}

// PublicNumber is a hotline of the simulated tenant.
type PublicNumber struct {
	Number     string `json:"number"`
	Provider   string `json:"provider"`
	ExpireDate int64  `json:"expire_date"`
	Status     string `json:"status"`
}

// WithTenant replaces the simulated tenant.
func WithTenant(t Tenant) Option { return func(c *config) { c.tenant = t } }

func defaultTenant() Tenant {
	year := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	return Tenant{
		FullName: "Demo Company", Email: "owner@demo.example", Description: "Simulated OMICall tenant",
		Enabled: true, Domain: "democo", DomainFusion: "democo",
		DomainExpire: year, EffectiveDate: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli(), ExpireDate: year,
		Phone: "0900000000", Status: "activated", PaidType: "prepaid", Nation: "vn", Currency: "VND", Language: "vi",
		Balance: 3007855,
		PublicNumbers: []PublicNumber{
			{Number: "842899990001", Provider: "viettel", ExpireDate: year, Status: "active"},
			{Number: "842899990002", Provider: "itel", ExpireDate: year, Status: "active"},
		},
		ServicePackage: map[string]any{"code_name": "business", "service_name": "Business", "staff_num": 50, "customer_num": 10000, "expiry_date": year},
	}
}

// hotlines returns the tenant's hotline numbers.
func (s *Server) hotlines() []string {
	out := make([]string, 0, len(s.cfg.tenant.PublicNumbers))
	for _, p := range s.cfg.tenant.PublicNumbers {
		out = append(out, p.Number)
	}
	return out
}

func (s *Server) tenantRoutes() []route {
	return []route{{method: "GET", pattern: "/api/tenant/detail", h: s.handleTenant}}
}

func (s *Server) handleTenant(*http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cfg.tenant, nil
}
