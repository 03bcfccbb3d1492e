package omicall

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// AgentAccount is an agent found by Lookup (docs/api.md §18.8), with the SIP
// account of its extension. Printing it never shows the SIP password.
type AgentAccount struct {
	ID           string          `json:"_id"`
	IdentifyInfo string          `json:"identify_info"` // the login e-mail
	FullName     string          `json:"full_name"`
	PBXAccount   AgentSIPAccount `json:"pbx_account"`
	Raw          json.RawMessage `json:"-"` // the whole object, SIP password included
}

// AgentSIPAccount is pbx_account of an AgentAccount: the extension and its
// SIP password (no realm: see Tenant for the PBX domain).
type AgentSIPAccount struct {
	SIPUser     string `json:"sip_user"`
	SIPPassword string `json:"sip_password"`
}

// Format prints the account with the SIP password redacted.
func (a AgentSIPAccount) Format(f fmt.State, verb rune) {
	a.SIPPassword = redact(a.SIPPassword)
	type plain AgentSIPAccount
	formatRedacted(f, verb, "AgentSIPAccount", plain(a))
}

// Format prints the agent without Raw and with the SIP password redacted.
func (a AgentAccount) Format(f fmt.State, verb rune) {
	a.Raw = nil
	a.PBXAccount.SIPPassword = redact(a.PBXAccount.SIPPassword)
	type plain AgentAccount
	formatRedacted(f, verb, "AgentAccount", plain(a))
}

// UnmarshalJSON reads the known keys and keeps the object in Raw; it never
// fails.
func (a *AgentAccount) UnmarshalJSON(b []byte) error {
	type plain AgentAccount
	var w plain
	_ = decodeLenient(b, &w)
	*a = AgentAccount(w)
	a.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// AgentKey is the key Lookup finds an agent by.
type AgentKey string

// AgentByEmail looks an agent up by its login e-mail (identify_info), the
// only key the API is known to take.
const AgentByEmail AgentKey = "email"

// agentByEmailPath is the agent lookup by e-mail.
const agentByEmailPath = "/api/v2/agent/get-by-email"

// Lookup returns the agent whose key `by` equals value, with its SIP
// account: Lookup(ctx, AgentByEmail, email), the shape of
// ContactService.Lookup and CallCenterService.LookupExtension. An unknown
// agent matches ErrNotFound.
//
// The method is in conflict (docs/api.md §18.8, grade medium): one
// integrator sends GET ?email= (vwork-client, with its plan), another POSTs
// {"email": ...} (solar-provision). This method GETs, since a lookup that
// only reads belongs on GET and two of the three sources say so, and asks
// once more by POST if the host answers that the GET route does not exist
// (HTTP 404 or 405 without an envelope). OMICall API:
// GET (else POST) /api/v2/agent/get-by-email. Retried.
func (s *AgentService) Lookup(ctx context.Context, by AgentKey, value string) (*AgentAccount, error) {
	if by != AgentByEmail {
		return nil, &ValidationError{Field: "by", Reason: "must be AgentByEmail"}
	}
	email := strings.TrimSpace(value)
	if !validEmail(email) {
		return nil, &ValidationError{Field: string(by), Reason: "must be an e-mail address"}
	}
	out := new(AgentAccount)
	if err := s.e.getElsePost(ctx, agentByEmailPath, url.Values{"email": {email}}, map[string]string{"email": email}, out); err != nil {
		return nil, err
	}
	return out, nil
}
