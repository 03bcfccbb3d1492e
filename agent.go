package omicall

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
)

// AgentService manages agents (staff). Reach it as c.Agents.
type AgentService service

// The role names OMICall documents for InviteAgentRequest.RoleName. They
// are display names and travel on the wire as written.
const (
	RoleSale         = "Sale"                    // sales agent (the documented default)
	RoleSalesLead    = "Trưởng nhóm sale"        // sales team lead
	RoleHeadOfSales  = "Trưởng phòng Kinh Doanh" // head of sales
	RoleAccountant   = "Kế toán"                 // accountant
	RoleDirector     = "Giám đốc"                // director
	defaultAgentRole = RoleSale
)

// Actor names who created or last changed a record (create_by,
// last_update_by and their variants). Agents and contacts carry only Name;
// groups and IVR scripts also carry ID.
type Actor struct {
	ID   string `json:"id,omitempty"`
	Name string `json:"name"`
}

// Agent is a member of staff. OMICall stores agents as contacts whose
// attribute_structure holds the name, email, phone and gender; Agent lifts
// those into plain fields (FullName, Email, PhoneNumber, Gender) and keeps
// the whole list in Attributes. The invite result's agent carries only
// FullName and Email.
type Agent struct {
	IdentifyInfo string `json:"identify_info"` // the agent's login email: the key of Delete
	FullName     string `json:"full_name"`     // from the full_name attribute
	Email        string `json:"email"`         // from the mail attribute, else IdentifyInfo
	PhoneNumber  string `json:"phone_number"`  // from the phone_number attribute
	Gender       string `json:"gender"`        // from the gender attribute, e.g. "male"

	IsActive        Bool       `json:"is_active"`
	IsDeleted       Bool       `json:"is_deleted"`
	ContactType     string     `json:"contact_type"` // "agent"
	PublicID        string     `json:"public_id"`
	Tags            TagList    `json:"tags"`
	TagsView        TagList    `json:"tags_view"`
	CreatedDate     Time       `json:"created_date"`
	LastUpdatedDate Time       `json:"last_updated_date"`
	CreateBy        *Actor     `json:"create_by,omitempty"`
	LastUpdateBy    *Actor     `json:"last_update_by,omitempty"`
	Attributes      Attributes `json:"attribute_structure,omitempty"`
}

// UnmarshalJSON decodes an agent record and fills the plain fields from
// attribute_structure where the record has no top-level value. It never
// fails: a field of an unexpected type is left zero.
func (a *Agent) UnmarshalJSON(b []byte) error {
	type plain Agent
	var p plain
	_ = decodeLenient(b, &p)
	*a = Agent(p)
	a.FullName = cmp.Or(a.FullName, a.Attributes.First(FieldCodeFullName))
	a.Email = cmp.Or(a.Email, a.Attributes.First(FieldCodeMail), a.IdentifyInfo)
	a.PhoneNumber = cmp.Or(a.PhoneNumber, a.Attributes.First(FieldCodePhoneNumber))
	a.Gender = cmp.Or(a.Gender, a.Attributes.First(FieldCodeGender))
	a.IdentifyInfo = cmp.Or(a.IdentifyInfo, a.Email)
	return nil
}

// InviteAgentRequest is the body of POST /api/agent/invite. FullName, Email
// and Password are required; RoleName defaults to RoleSale. Printed with
// fmt or logged with slog, the password is redacted.
type InviteAgentRequest struct {
	FullName   string `json:"full_name"`
	Email      string `json:"identify_info"` // the new agent's email, its login
	Password   string `json:"password"`      // >= 8 characters with upper and lower case, digits and special characters
	RoleName   string `json:"role_name"`     // e.g. RoleSale; empty sends RoleSale
	OwnerEmail string `json:"owner_email,omitempty"`
	UUID       string `json:"uuid,omitempty"` // the user's id in your system; LookupByUserUUID finds it later
}

// Format prints the request with its password redacted, for every verb.
func (r InviteAgentRequest) Format(f fmt.State, verb rune) {
	type plain InviteAgentRequest
	r.Password = redact(r.Password)
	formatRedacted(f, verb, "InviteAgentRequest", plain(r))
}

// LogValue makes slog log the request with its password redacted.
func (r InviteAgentRequest) LogValue() slog.Value { return redactedLogValue(r) }

// InviteAgentResult is what POST /api/agent/invite returns: the agent (with
// FullName and Email set) and its PBX account. Printed with fmt or logged
// with slog, the SIP password is redacted.
type InviteAgentResult struct {
	Agent      Agent      `json:"agent"`
	PBXAccount PBXAccount `json:"pbx_account"`
}

// LogValue makes slog log the result with the SIP password redacted.
func (r InviteAgentResult) LogValue() slog.Value { return slog.StringValue(fmt.Sprintf("%+v", r)) }

// PBXAccount is the extension an invite created: its SIP user (the extension
// number), SIP password and PBX domain. OMICall's documented example returns
// them empty (and the domain null); when SIPCredentials().Complete() is
// false, look them up with CallCenter.LookupExtension(ctx, LookupByEmail,
// email). Printed with fmt or logged with slog, the password is redacted.
type PBXAccount struct {
	SIPUser         string `json:"sip_user"`       // extension number
	Password        string `json:"password"`       // SIP password
	Domain          string `json:"domain"`         // PBX domain
	OutboundProxy   string `json:"outbound_proxy"` // SIP-over-WebSocket proxy, e.g. wss://...
	PublicNumber    string `json:"public_number"`  // hotline assigned
	FullName        string `json:"full_name"`
	Email           string `json:"email"`
	CreatedDate     Time   `json:"created_date"`
	LastUpdatedDate Time   `json:"last_updated_date"`
}

// SIPCredentials returns what the OMICall Web SDK's omiSDK.register takes:
// domain = pbx_account.domain, username = pbx_account.sip_user, password =
// pbx_account.password. Any of them may be empty (see PBXAccount).
func (p PBXAccount) SIPCredentials() SIPCredentials {
	return SIPCredentials{Domain: p.Domain, Username: p.SIPUser, Password: p.Password}
}

// Format prints the account with its password redacted, for every verb.
func (p PBXAccount) Format(f fmt.State, verb rune) {
	type plain PBXAccount
	p.Password = redact(p.Password)
	formatRedacted(f, verb, "PBXAccount", plain(p))
}

// LogValue makes slog log the account with its password redacted.
func (p PBXAccount) LogValue() slog.Value { return redactedLogValue(p) }

// Invite creates an agent and its extension. A missing FullName, Email or
// Password is refused before sending; the server answers ErrEmailInvalid,
// ErrPasswordInvalid, ErrAgentExists, ErrAgentUUIDExists, ErrAgentLimit,
// ErrInviteFailed. OMICall API: POST /api/agent/invite. Never retried (see
// ContextWithRetry).
func (s *AgentService) Invite(ctx context.Context, req *InviteAgentRequest) (*InviteAgentResult, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	body := *req
	if body.RoleName == "" {
		body.RoleName = defaultAgentRole
	}
	if err := requireAll("FullName", body.FullName, "Email", body.Email); err != nil {
		return nil, err
	}
	if body.Password == "" {
		return nil, &ValidationError{Field: "Password", Reason: "is required"}
	}
	if !validEmail(body.Email) {
		return nil, invalidAs("Email", "is not an e-mail address", ErrEmailInvalid) // also matches the API's sentinel
	}
	if !passwordRule(body.Password) {
		return nil, invalidAs("Password", "needs 8 characters or more with upper and lower case, a digit and a special character", ErrPasswordInvalid)
	}
	out := new(InviteAgentResult)
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/agent/invite", body: &body, out: out}); err != nil {
		return nil, err
	}
	return out, nil
}

var agentList = listSpec{method: http.MethodGet, path: "/api/agent/list"}

// List returns one page of agents; Keyword searches full name, email and
// phone number. OMICall API: GET /api/agent/list. Retried.
func (s *AgentService) List(ctx context.Context, opts *ListOptions) (*Page[Agent], error) {
	return listPage[Agent](ctx, s.e, agentList, opts)
}

// All walks every agent, page after page from opts.Page; the next page is
// requested once the caller has consumed the current one, so breaking out of
// the loop requests no further page. A fetch error is yielded once and ends
// the walk. OMICall API: GET /api/agent/list. Retried.
func (s *AgentService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Agent, error] {
	return listAll[Agent](ctx, s.e, agentList, opts)
}

// Delete removes the agent whose email (identify_info) is email, and its
// extension. OMICall API: DELETE /api/agent/delete. Retried.
func (s *AgentService) Delete(ctx context.Context, email string) error {
	if err := required("email", email); err != nil {
		return err
	}
	q := url.Values{"identify_info": {email}}
	return s.e.do(ctx, &request{method: http.MethodDelete, path: "/api/agent/delete", query: q})
}
