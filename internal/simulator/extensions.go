package simulator

import (
	"net/http"
	"strings"
)

// The agents' PBX extensions (SIP accounts): list, detail, registration
// status and password.

func init() { register(domain{routes: (*Server).extensionRoutes}) }

func (s *Server) extensionRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_center/internal_phone/list", h: s.handleExtensionList},
		{method: "PUT", pattern: "/api/call_center/internal_phone/status", h: s.handleExtensionStatus},
		{method: "GET", pattern: "/api/call_center/extensions/detail", h: s.handleExtensionDetail},
		{method: "POST", pattern: "/api/call_center/internal_phone/update", h: s.handleExtensionUpdate},
	}
}

// extensionItem is an item of GET /api/call_center/internal_phone/list.
type extensionItem struct {
	Domain          string `json:"domain"`
	OutboundProxy   string `json:"outbound_proxy"`
	SIPUser         string `json:"sip_user"`
	Password        string `json:"password"`
	FullName        string `json:"full_name"`
	AgentID         string `json:"agent_id"`
	Email           string `json:"email"`
	PublicNumber    string `json:"public_number"`
	LastUpdatedDate int64  `json:"last_updated_date"`
	CreatedDate     int64  `json:"created_date"`
}

func (s *Server) handleExtensionList(r *http.Request) (any, error) {
	kw := searchKey(r.URL.Query().Get("keyword"))
	return servePage(s, r, listing[*simAgent, extensionItem]{
		size: 50, stored: &s.agents.list, // allocation order
		keep: func(a *simAgent) bool { return kw == "" || strings.Contains(a.ext, kw) },
		view: func(a *simAgent) extensionItem {
			return extensionItem{
				Domain: s.cfg.tenant.DomainFusion, OutboundProxy: simOutboundProxy, SIPUser: a.ext, Password: a.password,
				FullName: a.fullName, AgentID: a.id, Email: a.email, PublicNumber: s.publicNumber(a),
				LastUpdatedDate: a.updated, CreatedDate: a.created,
			}
		},
	})
}

func (s *Server) handleExtensionStatus(r *http.Request) (any, error) {
	q := r.URL.Query()
	ext, enabled := q.Get("sip_user"), q.Get("enabled")
	if ext == "" || enabled == "" {
		return nil, fail("data_is_required")
	}
	if enabled != "true" && enabled != "false" {
		return nil, failHTTP(http.StatusBadRequest, "enabled_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byExt[ext]
	if a == nil {
		return nil, errNotFound
	}
	a.enabled = enabled == "true"
	a.updated = s.now().UnixMilli()
	return true, nil
}

func (s *Server) handleExtensionDetail(r *http.Request) (any, error) {
	q := r.URL.Query()
	typ, kw := q.Get("type"), q.Get("keyword")
	if typ == "" || kw == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var a *simAgent
	switch typ {
	case "usr_uuid":
		a = s.agents.byUUID[kw]
	case "sip_user":
		a = s.agents.byExt[kw]
	case "user_email":
		a = s.agents.byEmail[strings.ToLower(kw)]
	default:
		return nil, failHTTP(http.StatusBadRequest, "type_invalid")
	}
	if a == nil {
		return nil, errNotFound
	}
	return map[string]any{
		"extension": a.ext, "full_name": a.fullName, "mail": a.email, "uuid": a.uuid,
		"pbx_account": map[string]any{
			"display_name": a.ext, "sip_user": a.ext, "sip_password": a.password,
			"sip_web_socket_server": simWebSocket, "sip_realm": s.cfg.tenant.DomainFusion,
			"sip_proxy": simSIPProxy, "sip_proxy_port": "", "stun_servers": []string{},
			"transport": []string{"tcp", "udp", "ws", "wss"}, "use_opus": true, "opus_quality": 1,
		},
	}, nil
}

// handleExtensionUpdate changes an extension's SIP password.
func (s *Server) handleExtensionUpdate(r *http.Request) (any, error) {
	var in struct {
		SIPUser     string `json:"sip_user"`
		Password    string `json:"password"`
		CallTimeout *int   `json:"call_timeout"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.SIPUser == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byExt[in.SIPUser]
	if a == nil {
		return nil, fail("extension_invalid")
	}
	if in.Password != "" {
		a.password = in.Password
	}
	a.updated = s.now().UnixMilli()
	return true, nil
}
