package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestExtensionListPages(t *testing.T) {
	c := newTestClient(t)
	var p struct {
		Items []extensionItem `json:"items"`
		pageA
	}
	c.ok("GET", "/api/call_center/internal_phone/list?size=2", "", &p)
	assert.Equal(t, 3, p.TotalItems)
	assert.True(t, p.HasNext)
	assert.Equal(t, 2, p.NextPage)
	assert.Equal(t, "100", p.Items[0].SIPUser, "in allocation order")
	assert.Equal(t, "democo", p.Items[0].Domain)
	c.ok("GET", "/api/call_center/internal_phone/list?keyword=102", "", &p)
	assert.Equal(t, 1, p.TotalItems)
	_, env := c.json("GET", "/api/call_center/internal_phone/list?keyword=no-such-thing", "")
	assert.JSONEq(t, "[]", itemsOf(t, env))
}

func TestExtensionStatus(t *testing.T) {
	c := newTestClient(t)
	c.fails(400, "enabled_invalid", "PUT", "/api/call_center/internal_phone/status?sip_user=100&enabled=yes", "")
	c.fails(200, "data_is_required", "PUT", "/api/call_center/internal_phone/status?sip_user=100", "")
	c.fails(404, "not_found", "PUT", "/api/call_center/internal_phone/status?sip_user=999&enabled=true", "")
	c.ok("PUT", "/api/call_center/internal_phone/status?sip_user=100&enabled=false", "", nil)
	c.s.mu.Lock()
	assert.True(t, c.s.extensionExists("100"))
	assert.False(t, c.s.extensionRegistered("100"))
	c.s.mu.Unlock()
}

func TestExtensionDetailAndUpdate(t *testing.T) {
	c := newTestClient(t)
	var d struct {
		Extension  string         `json:"extension"`
		UUID       string         `json:"uuid"`
		PBXAccount map[string]any `json:"pbx_account"`
	}
	c.ok("GET", "/api/call_center/extensions/detail?type=usr_uuid&keyword=crm-user-2", "", &d)
	assert.Equal(t, "101", d.Extension)
	c.ok("GET", "/api/call_center/extensions/detail?type=user_email&keyword=CUONG.LE@democo.example", "", &d)
	assert.Equal(t, "102", d.Extension)

	c.ok("POST", "/api/call_center/internal_phone/update", `{"sip_user":"102","password":"N3w-secret"}`, nil)
	c.ok("GET", "/api/call_center/extensions/detail?type=sip_user&keyword=102", "", &d)
	assert.Equal(t, "N3w-secret", d.PBXAccount["sip_password"])
	c.fails(200, "data_is_required", "POST", "/api/call_center/internal_phone/update", `{"password":"x"}`)
	c.fails(200, "extension_invalid", "POST", "/api/call_center/internal_phone/update", `{"sip_user":"999"}`)
}
