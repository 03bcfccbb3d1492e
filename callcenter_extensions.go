package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
)

// LookupBy is the key LookupExtension searches by.
type LookupBy string

// The documented lookup keys of GET /api/call_center/extensions/detail.
const (
	LookupByUserUUID LookupBy = "usr_uuid"   // the uuid given at invite (your system's user id)
	LookupBySIPUser  LookupBy = "sip_user"   // the extension number
	LookupByEmail    LookupBy = "user_email" // the agent's email
)

// ExtensionDetail is the PBX account of one agent, as returned by
// LookupExtension. Note the email is Mail ("mail" on the wire). Printed
// with fmt or logged with slog, the SIP password is redacted.
type ExtensionDetail struct {
	Extension  string     `json:"extension"` // extension number
	FullName   string     `json:"full_name"`
	Mail       string     `json:"mail"`
	UUID       string     `json:"uuid"` // your system's user id
	PBXAccount SIPAccount `json:"pbx_account"`
}

// LogValue makes slog log the detail with the SIP password redacted.
func (d ExtensionDetail) LogValue() slog.Value { return slog.StringValue(fmt.Sprintf("%+v", d)) }

// SIPAccount is the SIP configuration of an extension. Printed with fmt or
// logged with slog, the password is redacted.
type SIPAccount struct {
	DisplayName        string            `json:"display_name"`
	SIPUser            string            `json:"sip_user"`
	SIPPassword        string            `json:"sip_password"`
	SIPWebSocketServer string            `json:"sip_web_socket_server"` // e.g. wss://host:7443
	SIPRealm           string            `json:"sip_realm"`             // the PBX domain
	SIPProxy           string            `json:"sip_proxy"`             // a SIP URI, e.g. <sip:1.2.3.4;transport=udp>
	SIPProxyPort       string            `json:"sip_proxy_port"`        // a string on the wire, often ""
	StunServers        []json.RawMessage `json:"stun_servers"`          // element shape undocumented
	Transport          []string          `json:"transport"`             // e.g. tcp, udp, ws, wss
	UseOpus            Bool              `json:"use_opus"`
	OpusQuality        Int               `json:"opus_quality"`
}

// Format prints the account with its password redacted, for every verb.
func (a SIPAccount) Format(f fmt.State, verb rune) {
	type plain SIPAccount
	a.SIPPassword = redact(a.SIPPassword)
	formatRedacted(f, verb, "SIPAccount", plain(a))
}

// LogValue makes slog log the account with its password redacted.
func (a SIPAccount) LogValue() slog.Value { return redactedLogValue(a) }

// SIPCredentials returns what the OMICall Web SDK's omiSDK.register takes:
// domain = pbx_account.sip_realm (inferred: this response names no domain,
// and the realm is the tenant's PBX domain), username =
// pbx_account.sip_user (or extension when sip_user is empty), password =
// pbx_account.sip_password.
func (d ExtensionDetail) SIPCredentials() SIPCredentials {
	return SIPCredentials{
		Domain:   d.PBXAccount.SIPRealm,
		Username: cmp.Or(d.PBXAccount.SIPUser, d.Extension),
		Password: d.PBXAccount.SIPPassword,
	}
}

// Extension is an internal phone (extension) of the PBX, an item of
// Extensions. Printed with fmt or logged with slog, the password is
// redacted.
type Extension struct {
	SIPUser         string `json:"sip_user"`       // extension number, e.g. "147"
	Password        string `json:"password"`       // SIP password (sent in clear text by the API)
	Domain          string `json:"domain"`         // PBX domain
	OutboundProxy   string `json:"outbound_proxy"` // SIP-over-WebSocket proxy, e.g. wss://...
	FullName        string `json:"full_name"`      // the agent's name
	AgentID         string `json:"agent_id"`
	Email           string `json:"email"`         // the agent's email
	PublicNumber    string `json:"public_number"` // hotline in use
	CreatedDate     Time   `json:"created_date"`
	LastUpdatedDate Time   `json:"last_updated_date"`
}

// Format prints the extension with its password redacted, for every verb.
func (e Extension) Format(f fmt.State, verb rune) {
	type plain Extension
	e.Password = redact(e.Password)
	formatRedacted(f, verb, "Extension", plain(e))
}

// LogValue makes slog log the extension with its password redacted.
func (e Extension) LogValue() slog.Value { return redactedLogValue(e) }

// SIPCredentials returns what the OMICall Web SDK's omiSDK.register takes:
// domain = domain, username = sip_user, password = password.
func (e Extension) SIPCredentials() SIPCredentials {
	return SIPCredentials{Domain: e.Domain, Username: e.SIPUser, Password: e.Password}
}

// LookupExtension returns the PBX account of one agent, found by by (the
// uuid given at invite, the extension number or the email). An unknown
// agent is ErrNotFound, whether the server answers HTTP 404 or a success
// whose payload is null or names no extension. This is also the way to get
// the SIP credentials when Invite returned them empty. OMICall API: GET
// /api/call_center/extensions/detail. Retried.
func (s *CallCenterService) LookupExtension(ctx context.Context, by LookupBy, value string) (*ExtensionDetail, error) {
	switch by {
	case LookupByUserUUID, LookupBySIPUser, LookupByEmail:
	default:
		return nil, &ValidationError{Field: "by", Reason: "must be LookupByUserUUID, LookupBySIPUser or LookupByEmail"}
	}
	if err := required("value", value); err != nil {
		return nil, err
	}
	const path = "/api/call_center/extensions/detail"
	var out *ExtensionDetail
	q := url.Values{"type": {string(by)}, "keyword": {value}}
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: path, query: q, out: &out}); err != nil {
		return nil, err
	}
	if out == nil || (out.Extension == "" && out.PBXAccount.SIPUser == "") {
		return nil, &APIError{HTTPStatus: http.StatusOK, StatusCode: statusSuccess, Code: "not_found", Method: http.MethodGet, Path: path}
	}
	return out, nil
}

var extensionList = listSpec{method: http.MethodGet, path: "/api/call_center/internal_phone/list"}

// ListExtensions returns one page of extensions; Keyword filters by
// extension number. OMICall API: GET /api/call_center/internal_phone/list.
// Retried.
func (s *CallCenterService) ListExtensions(ctx context.Context, opts *ListOptions) (*Page[Extension], error) {
	return listPage[Extension](ctx, s.e, extensionList, opts)
}

// AllExtensions walks every extension page after page (see AgentService.All).
// OMICall API: GET /api/call_center/internal_phone/list. Retried.
func (s *CallCenterService) AllExtensions(ctx context.Context, opts *ListOptions) iter.Seq2[Extension, error] {
	return listAll[Extension](ctx, s.e, extensionList, opts)
}

// SetExtensionEnabled enables or disables the extension sipUser. A disabled
// extension is not registered on the PBX, so click-to-call on it fails with
// ErrUserNotRegistered. OMICall API: PUT
// /api/call_center/internal_phone/status. Retried.
func (s *CallCenterService) SetExtensionEnabled(ctx context.Context, sipUser string, enabled bool) error {
	if err := required("sipUser", sipUser); err != nil {
		return err
	}
	q := url.Values{"sip_user": {sipUser}, "enabled": {strconv.FormatBool(enabled)}}
	return s.e.do(ctx, &request{method: http.MethodPut, path: "/api/call_center/internal_phone/status", query: q})
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
// OMICall API: POST /api/call_center/internal_phone/update (docs/api.md
// §18.8: integrators' code, grade medium; the vendor's MCP calls the same
// path on its internal PBX host). Retried: setting the same values twice
// has the effect of setting them once.
func (s *CallCenterService) UpdateExtension(ctx context.Context, req *UpdateExtensionRequest) error {
	if err := req.validate(); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_center/internal_phone/update", body: *req}, WithRetryPOST())
}
