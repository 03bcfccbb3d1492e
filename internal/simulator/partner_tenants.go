package simulator

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// The businesses (tenants) a partner creates and manages, and their
// balances.

func init() { register(domain{routes: (*Server).partnerTenantRoutes}) }

func (s *Server) partnerTenantRoutes() []route {
	return []route{
		s.partnerRoute("POST", "/api/partner/tenant/add", s.handlePartnerTenantAdd),
		s.partnerRoute("POST", "/api/partner/tenant/list", s.handlePartnerTenantList),
		s.partnerRoute("GET", "/api/partner/tenant/info", s.handlePartnerTenantInfo),
		s.partnerRoute("POST", "/api/partner/tenant/update_balance", s.handlePartnerTopUp),
	}
}

// partnerTenant is a business created through the partner API.
type partnerTenant struct {
	Tenant
	ID     string `json:"id"`
	APIKey string `json:"api_key"`
}

// snapshot returns a copy of t that shares no memory with it, for an
// answer encoded after s.mu is released. s.mu is held.
func (t *partnerTenant) snapshot() partnerTenant {
	c := *t
	c.PublicNumbers, c.ServicePackage = slices.Clone(t.PublicNumbers), maps.Clone(t.ServicePackage)
	return c
}

// tenantByEmail returns the managed tenant whose owner email is email. s.mu
// is held.
func (s *Server) tenantByEmail(email string) *partnerTenant {
	i := slices.IndexFunc(s.partner.tenants, func(t *partnerTenant) bool { return strings.EqualFold(t.Email, email) })
	if i < 0 {
		return nil
	}
	return s.partner.tenants[i]
}

func (s *Server) handlePartnerTenantAdd(r *http.Request) (any, error) {
	var in struct {
		Email        string `json:"email"`
		Password     string `json:"password"`
		FullName     string `json:"fullName"`
		OwnerName    string `json:"ownerName"`
		Phone        string `json:"phone"`
		IsAutoActive bool   `json:"isAutoActive"`
	}
	if err := decodeBody(r, &in); err != nil {
		if ae, ok := err.(*apiError); ok && ae.code == "request_body_required" {
			return nil, fail("body_request_is_required")
		}
		return nil, err
	}
	switch {
	case in.Email == "" || in.Password == "" || in.FullName == "" || utf8.RuneCountInString(in.FullName) >= 255:
		return nil, fail("request_invalid")
	case !strings.Contains(in.Email, "@"):
		return nil, fail("email_invalid")
	case !strongPassword(in.Password, true):
		return nil, fail("password_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tenantByEmail(in.Email) != nil {
		return nil, fail("email_registered")
	}
	now := s.now()
	status := "not_activated"
	if in.IsAutoActive {
		status = "activated"
	}
	domain := strings.ToLower(strings.Split(in.Email, "@")[0])
	t := &partnerTenant{ID: s.objectID(), APIKey: strings.ToUpper(s.objectID()), Tenant: Tenant{
		FullName: in.FullName, Email: in.Email, Enabled: in.IsAutoActive, Domain: domain, DomainFusion: domain,
		EffectiveDate: now.UnixMilli(), ExpireDate: now.AddDate(0, 1, 0).UnixMilli(), DomainExpire: now.AddDate(0, 1, 0).UnixMilli(),
		Phone: in.Phone, Status: status, PaidType: "prepaid", Nation: "vn", Currency: "VND", Language: "vi",
		PublicNumbers: []PublicNumber{},
		ServicePackage: map[string]any{"code_name": "trial", "service_name": "Trial", "staff_num": 5, "customer_num": 100,
			"expiry_date": now.AddDate(0, 1, 0).UnixMilli(), "cashback": 0},
	}}
	s.partner.tenants = append(s.partner.tenants, t)
	return map[string]string{"id": t.ID}, nil
}

func (s *Server) handlePartnerTenantList(r *http.Request) (any, error) {
	var body struct {
		Keyword string `json:"keyword"`
	}
	return servePage(s, r, listing[*partnerTenant, partnerTenant]{
		size: 50, body: &body, stored: &s.partner.tenants, view: (*partnerTenant).snapshot,
		keep: func(t *partnerTenant) bool {
			return body.Keyword == "" || containsFold(t.FullName, body.Keyword) || containsFold(t.Email, body.Keyword)
		},
	})
}

func (s *Server) handlePartnerTenantInfo(r *http.Request) (any, error) {
	id := r.URL.Query().Get("id")
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.partner.tenants, func(t *partnerTenant) bool { return t.ID == id })
	if i < 0 {
		return nil, errNotFound
	}
	return s.partner.tenants[i].snapshot(), nil
}

// handlePartnerTopUp moves money from the partner's balance to a tenant's,
// with the documented minimums (10,000 VND; a description of 50+
// characters).
func (s *Server) handlePartnerTopUp(r *http.Request) (any, error) {
	var in struct {
		Email       string  `json:"email"`
		Amount      float64 `json:"amount"`
		Description string  `json:"description"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	switch {
	case in.Amount < 10000:
		return nil, fail("amount_gte_10.000_vnd")
	case strings.TrimSpace(in.Description) == "":
		return nil, fail("description_is_required")
	case utf8.RuneCountInString(in.Description) < 50:
		return nil, fail("description_is_to_short.gte_50_characters")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantByEmail(in.Email)
	if t == nil || s.charge(in.Amount) != nil {
		return nil, fail("access_denied")
	}
	t.Balance += int64(in.Amount)
	return nil, nil
}
