package simulator

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
)

func init() { register(domain{routes: (*Server).hookRoutes}) }

// hookState holds the webhook registrations, the deliveries made and the
// contact hooks waiting to be sent.
type hookState struct {
	regs       []hookRegistration // in registration order
	deliveries []Delivery

	contactQueue   []contactHook  // contact hooks not sent yet, oldest first
	contactSending bool           // a goroutine is sending contactQueue
	wg             sync.WaitGroup // contact hooks in flight
}

// hookRegistration is one registered webhook.
type hookRegistration struct {
	Type   string   `json:"type"`
	URL    string   `json:"url"`
	Events []string `json:"events"` // nil: every event
}

// webhookView is a registration as GET /api/webhooks/list shows it.
type webhookView struct {
	URL    string `json:"url"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// hookTypes are the documented webhook types; hookEvents the documented
// events a registration may select.
var (
	hookTypes  = []string{"call", "contact"}
	hookEvents = []string{"create", "early", "ringing", "answered", "hangup", "cdr"}
)

func (s *Server) hookRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/webhooks/list", h: s.handleHookList},
		{method: "POST", pattern: "/api/webhooks/register", h: s.handleHookRegister},
		{method: "POST", pattern: "/api/webhooks/destroy", h: s.handleHookDestroy},
	}
}

// hookList returns the registrations as the API shows them. s.mu is held.
func (s *Server) hookList() []webhookView {
	out := make([]webhookView, 0, len(s.hooks.regs))
	for _, r := range s.hooks.regs {
		out = append(out, webhookView{URL: r.URL, Type: r.Type, Status: "actived"})
	}
	return out
}

func (s *Server) handleHookList(*http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hookList(), nil
}

// handleHookRegister adds a webhook, or replaces the events of the same
// (type, URL). The URL must be https, or http to a loopback host.
func (s *Server) handleHookRegister(r *http.Request) (any, error) {
	var in struct {
		Webhook *hookRegistration `json:"webhook"`
		hookRegistration
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	reg := in.Webhook
	if reg == nil && in.Type != "" { // the flat body (docs/api.md §18.7)
		reg = &in.hookRegistration
	}
	if reg == nil || reg.Type == "" || reg.URL == "" {
		return nil, fail("data_is_required")
	}
	if !slices.Contains(hookTypes, reg.Type) {
		return nil, fail("hook_type_invalid")
	}
	if !hookURLValid(reg.URL) {
		return nil, fail("url_invalid")
	}
	for _, e := range reg.Events {
		if !slices.Contains(hookEvents, e) {
			return nil, fail("events_invalid")
		}
	}
	if len(reg.Events) == 0 {
		reg.Events = nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.hooks.regs, func(h hookRegistration) bool { return h.Type == reg.Type && h.URL == reg.URL })
	if i >= 0 {
		s.hooks.regs[i] = *reg
	} else {
		s.hooks.regs = append(s.hooks.regs, *reg)
	}
	return s.hookList(), nil
}

// handleHookDestroy removes every webhook of hook_type (none is not an error).
func (s *Server) handleHookDestroy(r *http.Request) (any, error) {
	t := r.URL.Query().Get("hook_type")
	if t == "" {
		return nil, fail("data_is_required")
	}
	if !slices.Contains(hookTypes, t) {
		return nil, fail("hook_type_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hooks.regs = slices.DeleteFunc(s.hooks.regs, func(h hookRegistration) bool { return h.Type == t })
	return nil, nil
}

// hookURLValid accepts an absolute https URL, or http to a loopback host.
func hookURLValid(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return false
	}
	switch u.Scheme {
	case "https":
		return true
	case "http":
		h := u.Hostname()
		ip := net.ParseIP(h)
		return strings.EqualFold(h, "localhost") || (ip != nil && ip.IsLoopback())
	}
	return false
}

// Webhooks returns the registered webhook URLs of type t ("call" or
// "contact").
func (s *Server) Webhooks(t string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.hooks.regs {
		if r.Type == t {
			out = append(out, r.URL)
		}
	}
	return out
}
