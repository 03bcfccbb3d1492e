package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// Hotline is a hotline of the tenant with its settings, as the hotline
// search shows it (docs/api.md §18.8). Configs and Accesses are read where
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

// ListHotlines returns one page of the tenant's hotlines with their
// settings; opts.Keyword filters by number (the hotlines one extension may
// call out on: ListExtensionHotlines). OMICall API:
// GET /api/call_center/hotline/search?page=&size=&keyword= (docs/api.md §18.8:
// integrators' code, grade medium). Retried.
func (s *CallCenterService) ListHotlines(ctx context.Context, opts *ListOptions) (*Page[Hotline], error) {
	return listPage[Hotline](ctx, s.e, hotlineSearch, opts)
}

// AllHotlines walks every page of ListHotlines (see AgentService.All).
// OMICall API: GET /api/call_center/hotline/search. Retried.
func (s *CallCenterService) AllHotlines(ctx context.Context, opts *ListOptions) iter.Seq2[Hotline, error] {
	return listAll[Hotline](ctx, s.e, hotlineSearch, opts)
}

// ListExtensionHotlines returns the numbers of the hotlines the extension
// may call out on (every hotline of the tenant, with its settings:
// ListHotlines). OMICall API: GET /api/call_center/hotline/list. Retried.
func (s *CallCenterService) ListExtensionHotlines(ctx context.Context, extension string) ([]string, error) {
	if err := required("extension", extension); err != nil {
		return nil, err
	}
	var out []string
	q := url.Values{"extension": {extension}}
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/call_center/hotline/list", query: q, out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// AssignHotlineRequest is the body of AssignHotline: one hotline dedicated
// to the agent UserEmail for the given directions. Every field is required.
type AssignHotlineRequest struct {
	Hotline    string      `json:"hotline"`
	UserEmail  string      `json:"user_email"`
	Directions []Direction `json:"directions"` // DirectionOutbound, DirectionInbound
}

// AssignHotline dedicates a hotline to one agent, for outgoing and/or
// incoming calls. Setting the same assignment twice has no further effect,
// so it is retried. OMICall API: POST
// /api/call_center/hotline/extension/update. Retried.
func (s *CallCenterService) AssignHotline(ctx context.Context, a *AssignHotlineRequest) error {
	if a == nil {
		return &ValidationError{Field: "a", Reason: "is required"}
	}
	if err := requireAll("Hotline", a.Hotline, "UserEmail", a.UserEmail); err != nil {
		return err
	}
	if len(a.Directions) == 0 {
		return &ValidationError{Field: "Directions", Reason: "is required"}
	}
	for _, d := range a.Directions {
		if d != DirectionInbound && d != DirectionOutbound {
			return &ValidationError{Field: "Directions", Reason: "must hold DirectionInbound or DirectionOutbound"}
		}
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_center/hotline/extension/update", body: a}, WithRetryPOST())
}
