package omicall

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSIPCredentialsJSONIsTheRegisterObject(t *testing.T) {
	c := SIPCredentials{Domain: "democo", Username: "103", Password: testPassword}
	b, err := json.Marshal(c)
	require.NoError(t, err)
	assert.Equal(t, `{"domain":"democo","username":"103","password":"`+testPassword+`"}`, string(b))
	var back SIPCredentials
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, c, back)
	assert.True(t, c.Complete())
	assert.False(t, SIPCredentials{Domain: "d", Username: "u"}.Complete())
}

func TestSIPCredentialsNeverPrintThePassword(t *testing.T) {
	c := SIPCredentials{Domain: "democo", Username: "103", Password: testPassword}
	for _, v := range []any{c, &c, []SIPCredentials{c}, map[string]SIPCredentials{"k": c}, struct{ C SIPCredentials }{c}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, testPassword, verb)
			assert.NotContains(t, out, fmt.Sprintf("%x", testPassword), verb)
		}
	}
	assert.Equal(t, "{Domain:democo Username:103 Password:[redacted]}", c.String())
	assert.Equal(t, `omicall.SIPCredentials{Domain:"democo", Username:"103", Password:"[redacted]"}`, c.GoString())
	assert.Equal(t, "{democo 103 [redacted]}", fmt.Sprintf("%v", c))
	assert.Equal(t, "{Domain:democo Username:103 Password:}", SIPCredentials{Domain: "democo", Username: "103"}.String(),
		"an empty password stays visibly empty")

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("creds", "c", c, "p", &c)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("creds", "c", c)
	assert.NotContains(t, buf.String(), testPassword)
	assert.Contains(t, buf.String(), `"username":"103"`)
}

func TestExtensionDetailCredentialsFallBackToExtension(t *testing.T) {
	d := ExtensionDetail{Extension: "6349", PBXAccount: SIPAccount{SIPPassword: "pw", SIPRealm: "contact18"}}
	assert.Equal(t, SIPCredentials{Domain: "contact18", Username: "6349", Password: "pw"}, d.SIPCredentials())
	p := PBXAccount{SIPUser: "100", Password: "pw", Domain: "democo"}
	assert.Equal(t, SIPCredentials{Domain: "democo", Username: "100", Password: "pw"}, p.SIPCredentials())
}
