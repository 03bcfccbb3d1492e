package simulator

import (
	"net/http"
	"slices"
	"strings"
)

// The tenant's hotlines: which extension calls out on which, and the
// hotline search.

func init() { register(domain{routes: (*Server).hotlineRoutes}) }

func (s *Server) hotlineRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_center/hotline/list", h: s.handleHotlineList},
		{method: "POST", pattern: "/api/call_center/hotline/extension/update", h: s.handleHotlineAssign},
		{method: "GET", pattern: "/api/call_center/hotline/search", h: s.handleHotlineSearch},
	}
}

func (s *Server) handleHotlineList(r *http.Request) (any, error) {
	ext := r.URL.Query().Get("extension")
	if ext == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byExt[ext]
	if a == nil {
		return nil, errNotFound
	}
	if a.hotline != "" && slices.Contains(a.hotlineDir, "outbound") {
		return []string{a.hotline}, nil
	}
	return s.hotlines(), nil
}

func (s *Server) handleHotlineAssign(r *http.Request) (any, error) {
	var in struct {
		Hotline    string   `json:"hotline"`
		UserEmail  string   `json:"user_email"`
		Directions []string `json:"directions"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.Hotline == "" || in.UserEmail == "" || len(in.Directions) == 0 {
		return nil, fail("data_is_required")
	}
	for _, d := range in.Directions {
		if d != "inbound" && d != "outbound" {
			return nil, failHTTP(http.StatusBadRequest, "directions_invalid")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !slices.Contains(s.hotlines(), in.Hotline) {
		return nil, fail("number_call_out_invalid")
	}
	a := s.agents.byEmail[strings.ToLower(in.UserEmail)]
	if a == nil {
		return nil, errNotFound
	}
	for _, other := range s.agents.list { // one hotline, one extension
		if other.hotline == in.Hotline {
			other.hotline, other.hotlineDir = "", nil
		}
	}
	a.hotline, a.hotlineDir = in.Hotline, in.Directions
	a.updated = s.now().UnixMilli()
	return true, nil
}

// handleHotlineSearch pages the tenant's hotlines with their settings.
func (s *Server) handleHotlineSearch(r *http.Request) (any, error) {
	kw := r.URL.Query().Get("keyword")
	p, err := servePage(s, r, listing[PublicNumber, map[string]any]{
		size: 50, stored: &s.cfg.tenant.PublicNumbers,
		keep: func(p PublicNumber) bool { return kw == "" || strings.Contains(p.Number, kw) },
		view: func(p PublicNumber) map[string]any {
			return map[string]any{
				"_id": objectIDOf(p.Number), "hotline": p.Number, "provider": p.Provider,
				"configs": map[string]any{"allow_call_in": true, "allow_call_out": true, "default_script": "",
					"working_days": []string{"mon", "tue", "wed", "thu", "fri"}},
				"accesses": []any{},
			}
		},
	})
	if err == nil && p.TotalItems == 0 {
		p.Items = nil // when no hotline matches, the search answers "items": null
	}
	return p, err
}
