package simulator

import (
	"net/http"
	"net/mail"
	"strings"
)

// Inviting an agent: the account, its extension and its SIP credentials,
// within the service package's agent limit.

func init() { register(domain{routes: (*Server).agentInviteRoutes}) }

func (s *Server) agentInviteRoutes() []route {
	return []route{{method: "POST", pattern: "/api/agent/invite", h: s.handleInvite}}
}

// inviteRequest is the body of POST /api/agent/invite.
type inviteRequest struct {
	OwnerEmail   string `json:"owner_email"`
	RoleName     string `json:"role_name"`
	Password     string `json:"password"`
	IdentifyInfo string `json:"identify_info"`
	UUID         string `json:"uuid"`
	FullName     string `json:"full_name"`
}

func (s *Server) handleInvite(r *http.Request) (any, error) {
	var in inviteRequest
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	in.FullName, in.IdentifyInfo = strings.TrimSpace(in.FullName), strings.TrimSpace(in.IdentifyInfo)
	switch {
	case in.FullName == "":
		return nil, fail("full_name_is_required")
	case !agentEmailValid(in.IdentifyInfo):
		return nil, fail("identify_info_invalid")
	case !strongPassword(in.Password, false):
		return nil, fail("password_invalid")
	case strings.TrimSpace(in.RoleName) == "":
		return nil, fail("role_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.agents.byEmail[strings.ToLower(in.IdentifyInfo)] != nil:
		return nil, fail("agent_exists")
	case in.UUID != "" && s.agents.byUUID[in.UUID] != nil:
		return nil, fail("agent_uuid_exists")
	case len(s.agents.list) >= s.cfg.agentLimit:
		return nil, fail("limit_agent")
	}
	a := s.addAgent(in.FullName, in.IdentifyInfo, "", "", in.RoleName, in.OwnerEmail, in.UUID, s.now().UnixMilli())
	return map[string]any{
		"agent": map[string]string{"full_name": a.fullName, "email": a.email},
		"pbx_account": map[string]any{
			"sip_user": a.ext, "password": a.password, "domain": s.cfg.tenant.DomainFusion,
			"outbound_proxy": simOutboundProxy, "public_number": s.publicNumber(a),
			"full_name": a.fullName, "email": a.email, "created_date": a.created, "last_updated_date": a.updated,
		},
	}, nil
}

// agentEmailValid reports whether v is a bare email address.
func agentEmailValid(v string) bool {
	addr, err := mail.ParseAddress(v)
	return err == nil && addr.Address == v && strings.Contains(v[strings.IndexByte(v, '@'):], ".")
}
