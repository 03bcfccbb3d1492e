package omicall

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// printedEveryWay prints v with every verb a debug print might use, and
// through slog's text handler (and its JSON handler if withJSON).
func printedEveryWay(v any, withJSON ...bool) []string {
	var out []string
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%t", "%10.3v"} {
		out = append(out, fmt.Sprintf(f, v))
	}
	out = append(out, fmt.Sprint(v), fmt.Sprintln(v))
	for _, json := range append([]bool{false}, withJSON...) {
		var b bytes.Buffer
		var h slog.Handler = slog.NewTextHandler(&b, nil)
		if json {
			h = slog.NewJSONHandler(&b, nil)
		}
		slog.New(h).Info("dump", "v", v)
		out = append(out, b.String())
	}
	return out
}

func TestTokenNeverPrinted(t *testing.T) {
	const secret = "ACCESS-TOKEN-SECRET-9f2"
	tok := Token{AccessToken: secret, TokenType: "Bearer", AccessType: "normal", Expiry: time.Unix(1_800_000_000, 0)}
	for _, s := range printedEveryWay(tok, true) {
		assert.NotContains(t, s, secret)
	}
	assert.Contains(t, fmt.Sprint(tok), "Bearer", "the rest is still printed")
	assert.Contains(t, printedEveryWay(tok)[5], "[redacted]", "%d prints the fields, redacted")

	store := NewMemoryTokenStore()
	require.NoError(t, store.Save(context.Background(), tok))
	for _, s := range printedEveryWay(store, true) {
		assert.NotContains(t, s, secret)
	}
}

func TestClientNeverPrintsItsSecrets(t *testing.T) {
	const token, speechKey = "CALLER-TOKEN-SECRET-3a1", "SPEECH-KEY-SECRET-77b"
	c, err := NewClient(testAPIKey, WithAccessToken(token), WithSpeechAPIKey(speechKey))
	require.NoError(t, err)
	for _, v := range []any{c, c.Tenant, c.Agents} {
		for _, s := range printedEveryWay(v, true) {
			for _, secret := range []string{testAPIKey, token, speechKey} {
				assert.NotContains(t, s, secret)
			}
		}
	}
	assert.Contains(t, fmt.Sprint(c), DefaultBaseURL)
	var nilClient *Client
	assert.Equal(t, "<nil>", fmt.Sprint(nilClient))
}

func TestPartnerSecretsNeverPrintedAnyVerb(t *testing.T) {
	const key, password = "TENANT-API-KEY-SECRET-51c", "Owner-Passw0rd!"
	pt := PartnerTenant{Tenant: Tenant{FullName: "Acme"}, ID: "t1", APIKey: key}
	req := CreateTenantRequest{Email: "owner@acme.example", Password: password, FullName: "Acme"}
	for _, s := range append(printedEveryWay(pt), fmt.Sprintf("%+v", &pt)) {
		assert.NotContains(t, s, key)
	}
	for _, s := range append(printedEveryWay(req), fmt.Sprintf("%+v", &req)) {
		assert.NotContains(t, s, password)
	}
	assert.Contains(t, fmt.Sprintf("%+v", pt), "Acme")
	assert.Contains(t, fmt.Sprintf("%#v", req), "omicall.CreateTenantRequest{")
}

func TestSecretsNotPrintedThroughContainers(t *testing.T) {
	const token = "CALLER-TOKEN-SECRET-8d0"
	c, err := NewClient(testAPIKey, WithAccessToken(token))
	require.NoError(t, err)
	pc, err := NewPartnerClient(token)
	require.NoError(t, err)
	// Even an unexported field, whose methods fmt does not call, shows no
	// secret of the client.
	type app struct{ omi *Client }
	for _, v := range []any{pc, app{c}, &app{c}, []*Client{c}, []any{c.Tenant}} {
		for _, s := range printedEveryWay(v) {
			assert.NotContains(t, s, testAPIKey)
			assert.NotContains(t, s, token)
		}
	}
}

func TestAccountsWithPasswordsRedactWhenPrinted(t *testing.T) {
	d := &ExtensionDetail{Extension: "6349", PBXAccount: SIPAccount{SIPUser: "6349", SIPPassword: testPassword, SIPRealm: "r"}}
	e := Extension{SIPUser: "147", Password: testPassword, Domain: "omiteam"}
	for _, v := range []any{d, *d, e, &e, []Extension{e}, &Page[Extension]{Items: []Extension{e}}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x"} {
			assert.NotContains(t, fmt.Sprintf(verb, v), testPassword, verb)
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", d), "SIPPassword:[redacted]")
	assert.Contains(t, fmt.Sprintf("%#v", e), `omicall.Extension{SIPUser:"147", Password:"[redacted]"`)
}

func TestAccountsWithPasswordsRedactWhenLogged(t *testing.T) {
	req := InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: testPassword}
	acc := PBXAccount{SIPUser: "100", Password: testPassword, Domain: "democo"}
	res := InviteAgentResult{Agent: Agent{Email: "a@b.vn"}, PBXAccount: acc}
	d := ExtensionDetail{Extension: "6349", PBXAccount: SIPAccount{SIPUser: "6349", SIPPassword: testPassword, SIPRealm: "r"}}
	e := Extension{SIPUser: "147", Password: testPassword, Domain: "omiteam"}
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		slog.New(h).Info("accounts", "req", req, "acc", acc, "res", res, "pres", &res, "detail", d, "pdetail", &d,
			"sip", d.PBXAccount, "ext", e, "pext", &e)
	}
	assert.NotContains(t, buf.String(), testPassword)
	assert.Contains(t, buf.String(), "6349")
	assert.Contains(t, buf.String(), "omiteam")
}
