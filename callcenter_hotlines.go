package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
)

// Hotline is a hotline of the tenant with its settings, as the hotline
// search shows it (REFERENCE §18.8). Configs and Accesses are read where
// their keys were seen; Raw keeps the whole object.
type Hotline struct {
	ID       string          `json:"_id"`
	Number   string          `json:"hotline"`
	Provider string          `json:"provider"`
	Configs  HotlineConfigs  `json:"configs"`
	Accesses json.RawMessage `json:"accesses,omitempty"` // who may use it; shape not shown
	Raw      json.RawMessage `json:"-"`
}

// HotlineConfigs are the settings of a hotline.
type HotlineConfigs struct {
	AllowCallIn   Bool            `json:"allow_call_in"`
	AllowCallOut  Bool            `json:"allow_call_out"`
	DefaultScript string          `json:"default_script"` // the IVR script of inbound calls
	WorkingDays   json.RawMessage `json:"working_days,omitempty"`
}

// UnmarshalJSON reads the known keys (the number from hotline, else number
// or phone_number) and keeps the object in Raw; it never fails.
func (h *Hotline) UnmarshalJSON(b []byte) error {
	type plain Hotline
	var w struct {
		plain
		Number      string `json:"number"`
		PhoneNumber string `json:"phone_number"`
	}
	_ = decodeLenient(b, &w)
	*h = Hotline(w.plain)
	h.Number = cmp.Or(h.Number, w.Number, w.PhoneNumber)
	h.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// hotlineSearch is the paged hotline search.
var hotlineSearch = listSpec{method: http.MethodGet, path: "/api/call_center/hotline/search"}

// SearchHotlines returns one page of the tenant's hotlines with their
// settings; opts.Keyword filters by number. OMICall API:
// GET /api/call_center/hotline/search?page=&size=&keyword= (REFERENCE §18.8:
// integrators' code, grade medium). Retried.
func (s *CallCenterService) SearchHotlines(ctx context.Context, opts *ListOptions) (*Page[Hotline], error) {
	return listPage[Hotline](ctx, s.e, hotlineSearch, opts)
}

// AllHotlines walks every page of SearchHotlines. OMICall API:
// GET /api/call_center/hotline/search. Retried.
func (s *CallCenterService) AllHotlines(ctx context.Context, opts *ListOptions) iter.Seq2[Hotline, error] {
	return listAll[Hotline](ctx, s.e, hotlineSearch, opts)
}

// UpdateExtensionRequest changes an extension (POST
// /api/call_center/internal_phone/update). SIPUser is required; a zero
// Password or CallTimeout is left out, so the setting stays.
type UpdateExtensionRequest struct {
	SIPUser     string `json:"sip_user"`               // the extension; required
	Password    string `json:"password,omitempty"`     // a new SIP password
	CallTimeout int    `json:"call_timeout,omitempty"` // seconds an inbound call rings; not negative
}

func (r *UpdateExtensionRequest) validate() error {
	if r == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if r.CallTimeout < 0 {
		return &ValidationError{Field: "CallTimeout", Reason: "must not be negative"}
	}
	return required("SIPUser", r.SIPUser)
}

// Format prints the request with the password redacted.
func (r UpdateExtensionRequest) Format(f fmt.State, verb rune) {
	type plain UpdateExtensionRequest
	r.Password = redact(r.Password)
	formatRedacted(f, verb, "UpdateExtensionRequest", plain(r))
}

// UpdateExtension changes an extension's SIP password or ring timeout.
// OMICall API: POST /api/call_center/internal_phone/update (REFERENCE
// §18.8: integrators' code, grade medium; the vendor's MCP calls the same
// path on its internal PBX host). Retried: setting the same values twice
// has the effect of setting them once.
func (s *CallCenterService) UpdateExtension(ctx context.Context, req *UpdateExtensionRequest) error {
	if err := req.validate(); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_center/internal_phone/update", body: *req}, WithRetryPOST())
}
