package omicall

import (
	"fmt"
	"log/slog"
)

// SIPCredentials is what a browser needs to register an extension with the
// OMICall Web SDK. Marshalled as JSON it is exactly the object
// omiSDK.register takes: {"domain": ..., "username": ..., "password": ...}.
// Get it from ExtensionDetail.SIPCredentials (LookupExtension),
// PBXAccount.SIPCredentials (Invite) or Extension.SIPCredentials
// (ListExtensions). The mapping from the three payloads:
//
//	register    internal_phone/list   agent/invite pbx_account   extensions/detail
//	domain      domain                domain                     pbx_account.sip_realm (inferred)
//	username    sip_user              sip_user                   pbx_account.sip_user (or extension)
//	password    password              password                   pbx_account.sip_password
//
// JSON keeps the password (the browser needs it); fmt and slog print it as
// [redacted].
type SIPCredentials struct {
	Domain   string `json:"domain"`   // PBX domain, e.g. "abc" for https://abc.omicall.com
	Username string `json:"username"` // extension number (SIP user)
	Password string `json:"password"` // extension password
}

// Complete reports whether Domain, Username and Password are all set.
// OMICall's invite may answer with them empty; look the extension up then.
func (c SIPCredentials) Complete() bool {
	return c.Domain != "" && c.Username != "" && c.Password != ""
}

// String prints the credentials with the password redacted.
func (c SIPCredentials) String() string { return fmt.Sprintf("%+v", c) }

// GoString prints the credentials for %#v with the password redacted.
func (c SIPCredentials) GoString() string { return fmt.Sprintf("%#v", c) }

// Format prints the credentials with the password redacted, for every verb.
func (c SIPCredentials) Format(f fmt.State, verb rune) {
	type plain SIPCredentials
	c.Password = redact(c.Password)
	formatRedacted(f, verb, "SIPCredentials", plain(c))
}

// LogValue makes slog (text and JSON handlers alike) log the credentials
// with the password redacted.
func (c SIPCredentials) LogValue() slog.Value {
	return slog.GroupValue(slog.String("domain", c.Domain), slog.String("username", c.Username),
		slog.String("password", redact(c.Password)))
}
