package simulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).partnerRoutes, seed: (*Server).initPartner}) }

// PartnerToken is the bearer token the partner routes accept. How a real
// partner obtains its token is undocumented; tests hand this one to
// NewPartnerClient.
const PartnerToken = "sim-partner-token-0123456789"

// partnerState is the reseller's account, its stock of numbers, the
// packages it sells and the businesses it manages.
type partnerState struct {
	profile  partnerProfile
	stock    []stockNumber // numbers for sale
	packages []partnerPackage
	tenants  []*partnerTenant
}

type partnerProfile struct {
	FullName    string `json:"full_name"`
	Email       string `json:"email"`
	Description string `json:"description"`
	Enabled     bool   `json:"enabled"`
	Status      string `json:"status"`
	PaidType    string `json:"paid_type"`
	Nation      string `json:"nation"`
	Currency    string `json:"currency"`
	Language    string `json:"language"`
	Balance     int64  `json:"balance"`
}

type price struct {
	Currency string  `json:"currency"`
	Price    float64 `json:"price"`
}

type stockNumber struct {
	CreatedDate       int64          `json:"created_date"`
	LastUpdatedDate   int64          `json:"last_updated_date"`
	Number            string         `json:"number"`
	Provider          string         `json:"provider"`
	ProviderType      string         `json:"provider_type"`
	NumberType        string         `json:"number_type"`
	Nation            string         `json:"nation"`
	MaintainingPrices []price        `json:"maintaining_prices"`
	CallPricing       map[string]any `json:"call_pricing"`
}

type partnerPackage struct {
	CodeName    string  `json:"code_name"`
	ServiceName string  `json:"service_name"`
	StaffNum    int     `json:"staff_num"`
	CustomerNum int     `json:"customer_num"`
	Note        string  `json:"note"`
	FeeSetups   []price `json:"fee_setups"`
	FeeHolds    []price `json:"fee_holds"`
}

func (s *Server) initPartner() {
	stamp := time.Date(2020, 3, 9, 3, 53, 11, 806e6, time.UTC).UnixMilli()
	s.partner.profile = partnerProfile{FullName: "Đối tác OMI", Email: "partner@sim.example", Description: "Simulated OMICall partner",
		Enabled: true, Status: "activated", PaidType: "prepaid", Nation: "vn", Currency: "VND", Language: "vi", Balance: 50_000_000}
	for i := range 140 {
		s.partner.stock = append(s.partner.stock, stockNumber{CreatedDate: stamp, LastUpdatedDate: stamp,
			Number: fmt.Sprintf("8424777788%02d", i), Provider: "Itelecom", ProviderType: "itel", NumberType: "fixed", Nation: "vn",
			MaintainingPrices: []price{{"VND", 22000}, {"USD", 0.977}}, CallPricing: map[string]any{}})
	}
	vnd := func(p float64) []price { return []price{{"VND", p}} }
	s.partner.packages = []partnerPackage{
		{"trial", "Trial", 5, 100, "5 người dùng \n100 khách hàng \n500MB dữ liệu", []price{}, []price{}},
		{"omi_start", "Omi Start", 5, 0, "5 người dùng \nKhông giới hạn khách hàng \n10GB dữ liệu", vnd(300000), vnd(350000)},
		{"omi_business", "Omi Business", 10, 0, "10 người dùng \nKhông giới hạn khách hàng \n50GB dữ liệu", vnd(500000), vnd(600000)},
		{"omi_pro", "Omi Pro", 30, 0, "30 người dùng \nKhông giới hạn khách hàng \n100GB dữ liệu", vnd(1000000), vnd(1500000)},
	}
}

func (s *Server) partnerRoutes() []route {
	return []route{
		s.partnerRoute("GET", "/api/partner/me", s.handlePartnerMe),
		s.partnerRoute("GET", "/api/partner/public_number/list", s.handlePartnerNumbers),
		s.partnerRoute("POST", "/api/partner/public_number/buy", s.handlePartnerBuyNumber),
		s.partnerRoute("GET", "/api/partner/service_package/list", s.handlePartnerPackages),
		s.partnerRoute("POST", "/api/partner/service_package/upgrade", s.handlePartnerUpgrade),
		s.partnerRoute("POST", "/api/partner/service_package/extend", s.handlePartnerExtend),
	}
}

// partnerRoute is a route of the partner API: partnerAuth checks its token.
func (s *Server) partnerRoute(method, pattern string, h handlerFunc) route {
	return route{method: method, pattern: pattern, auth: authNone, h: s.partnerAuth(h)}
}

// partnerAuth admits PartnerToken; a valid tenant token is partner_invalid,
// anything else 401.
func (s *Server) partnerAuth(h handlerFunc) handlerFunc {
	return func(r *http.Request) (any, error) {
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if tok == PartnerToken {
			return h(r)
		}
		if tok != "" && s.authenticate(r, authBearer) == nil {
			return nil, fail("partner_invalid")
		}
		return nil, failHTTP(http.StatusUnauthorized, "unauthorized")
	}
}

func (s *Server) handlePartnerMe(*http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.partner.profile, nil
}

func (s *Server) handlePartnerNumbers(r *http.Request) (any, error) {
	return servePage(s, r, listing[stockNumber, stockNumber]{size: 50, stored: &s.partner.stock, view: same[stockNumber]})
}

func (s *Server) handlePartnerPackages(*http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.partner.packages), nil
}

// charge takes amount (VND) from the partner's balance. s.mu is held.
func (s *Server) charge(amount float64) error {
	if float64(s.partner.profile.Balance) < amount {
		return fail("balance_is_not_enough")
	}
	s.partner.profile.Balance -= int64(amount)
	return nil
}

// addMonths returns ms pushed months later (from now if ms is in the past).
func (s *Server) addMonths(ms int64, months int) int64 {
	from := time.UnixMilli(ms)
	if now := s.now(); from.Before(now) {
		from = now
	}
	return from.AddDate(0, months, 0).UnixMilli()
}

// handlePartnerBuyNumber moves a number from the stock to a tenant for
// number_count months (the documentation describes number_count as months
// of use, at least 6), charging the monthly fee.
func (s *Server) handlePartnerBuyNumber(r *http.Request) (any, error) {
	var in struct {
		NumberCount int    `json:"number_count"`
		Note        string `json:"note"`
		Number      string `json:"number"`
		Email       string `json:"email"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.Email == "" || in.Number == "" || in.NumberCount < 6 {
		return nil, fail("request_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantByEmail(in.Email)
	i := slices.IndexFunc(s.partner.stock, func(n stockNumber) bool { return n.Number == in.Number })
	if t == nil || i < 0 {
		return nil, fail("request_invalid")
	}
	if err := s.charge(s.partner.stock[i].MaintainingPrices[0].Price * float64(in.NumberCount)); err != nil {
		return nil, err
	}
	n := s.partner.stock[i]
	s.partner.stock = slices.Delete(s.partner.stock, i, i+1)
	t.PublicNumbers = append(t.PublicNumbers, PublicNumber{Number: n.Number, Provider: n.ProviderType,
		ExpireDate: s.addMonths(0, in.NumberCount), Status: "active"})
	return nil, nil
}

// fee returns the first VND price of ps.
func fee(ps []price) float64 {
	for _, p := range ps {
		if p.Currency == "VND" {
			return p.Price
		}
	}
	return 0
}

func (s *Server) handlePartnerUpgrade(r *http.Request) (any, error) {
	var in struct {
		Email    string `json:"email"`
		CodeName string `json:"code_name"`
		MonthNum int    `json:"month_num"`
		Note     string `json:"note"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.Email == "" || in.CodeName == "" || in.MonthNum < 6 {
		return nil, fail("request_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantByEmail(in.Email)
	i := slices.IndexFunc(s.partner.packages, func(p partnerPackage) bool { return p.CodeName == in.CodeName })
	if t == nil || i < 0 {
		return nil, fail("request_invalid")
	}
	p := s.partner.packages[i]
	if err := s.charge(fee(p.FeeSetups) + fee(p.FeeHolds)*float64(in.MonthNum)); err != nil {
		return nil, err
	}
	t.ServicePackage = map[string]any{"code_name": p.CodeName, "service_name": p.ServiceName, "staff_num": p.StaffNum,
		"customer_num": p.CustomerNum, "expiry_date": s.addMonths(0, in.MonthNum), "cashback": 0}
	return nil, nil
}

func (s *Server) handlePartnerExtend(r *http.Request) (any, error) {
	var in struct {
		MonthNum int    `json:"month_num"`
		Note     string `json:"note"`
		Email    string `json:"email"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.Email == "" || in.MonthNum < 6 {
		return nil, fail("request_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.tenantByEmail(in.Email)
	if t == nil {
		return nil, fail("request_invalid")
	}
	code, _ := t.ServicePackage["code_name"].(string)
	i := slices.IndexFunc(s.partner.packages, func(p partnerPackage) bool { return p.CodeName == code })
	if i < 0 {
		return nil, fail("request_invalid")
	}
	if err := s.charge(fee(s.partner.packages[i].FeeHolds) * float64(in.MonthNum)); err != nil {
		return nil, err
	}
	exp, _ := t.ServicePackage["expiry_date"].(int64)
	t.ServicePackage["expiry_date"] = s.addMonths(exp, in.MonthNum)
	return nil, nil
}

// PartnerBalance returns the simulated partner's balance (VND).
func (s *Server) PartnerBalance() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.partner.profile.Balance
}
