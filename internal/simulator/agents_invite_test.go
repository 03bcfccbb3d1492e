package simulator

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
)

func invite(email, uuid, password string) string {
	return fmt.Sprintf(`{"full_name":"X","identify_info":%q,"password":%q,"role_name":"Sale","uuid":%q}`, email, password, uuid)
}

const goodPassword = "G00d!pass"

func TestInviteErrors(t *testing.T) {
	c := newTestClient(t, WithAgentLimit(4))
	c.fails(200, "request_body_required", "POST", "/api/agent/invite", "")
	c.fails(200, "full_name_is_required", "POST", "/api/agent/invite", `{"identify_info":"a@b.vn","password":"G00d!pass","role_name":"Sale"}`)
	c.fails(200, "identify_info_invalid", "POST", "/api/agent/invite", invite("nope", "", goodPassword))
	c.fails(200, "password_invalid", "POST", "/api/agent/invite", invite("a@b.vn", "", "weak"))
	c.fails(200, "role_is_required", "POST", "/api/agent/invite", `{"full_name":"X","identify_info":"a@b.vn","password":"G00d!pass"}`)
	c.ok("POST", "/api/agent/invite", invite("a@b.vn", "u1", goodPassword), nil)
	c.fails(200, "agent_exists", "POST", "/api/agent/invite", invite("A@B.vn", "u2", goodPassword))
	c.fails(200, "agent_uuid_exists", "POST", "/api/agent/invite", invite("c@b.vn", "u1", goodPassword))
	c.fails(200, "limit_agent", "POST", "/api/agent/invite", invite("c@b.vn", "u3", goodPassword))
	c.fails(400, "request_body_invalid", "POST", "/api/agent/invite", `{"full_name":`)
}

func TestInviteAnswersRealCredentials(t *testing.T) {
	c := newTestClient(t)
	var res struct {
		Agent      map[string]string `json:"agent"`
		PBXAccount map[string]any    `json:"pbx_account"`
	}
	c.ok("POST", "/api/agent/invite", invite("new@democo.example", "", goodPassword), &res)
	assert.Equal(t, "new@democo.example", res.Agent["email"])
	p := res.PBXAccount
	assert.Equal(t, "103", p["sip_user"])
	assert.Len(t, p["password"], 10)
	assert.Equal(t, "democo", p["domain"])
	assert.True(t, strings.HasPrefix(p["outbound_proxy"].(string), "wss://"))
	assert.Equal(t, "842899990001", p["public_number"])
	assert.NotZero(t, p["created_date"])

	var d struct {
		Extension  string         `json:"extension"`
		Mail       string         `json:"mail"`
		PBXAccount map[string]any `json:"pbx_account"`
	}
	c.ok("GET", "/api/call_center/extensions/detail?type=sip_user&keyword=103", "", &d)
	assert.Equal(t, "new@democo.example", d.Mail)
	assert.Equal(t, p["password"], d.PBXAccount["sip_password"])
	assert.Equal(t, "democo", d.PBXAccount["sip_realm"])
	assert.Equal(t, "", d.PBXAccount["sip_proxy_port"])

	c.fails(400, "type_invalid", "GET", "/api/call_center/extensions/detail?type=phone&keyword=1", "")
	c.fails(200, "data_is_required", "GET", "/api/call_center/extensions/detail?type=sip_user", "")
	c.fails(404, "not_found", "GET", "/api/call_center/extensions/detail?type=usr_uuid&keyword=ghost", "")
}

func TestConcurrentInvitesGetDistinctExtensions(t *testing.T) {
	c := newTestClient(t)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.ok("POST", "/api/agent/invite", invite(fmt.Sprintf("p%d@democo.example", i), fmt.Sprint("u", i), goodPassword), nil)
		}()
	}
	wg.Wait()
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	assert.Len(t, c.s.agents.byExt, 23)
	assert.Len(t, c.s.agents.list, 23)
}

func TestAgentEmailValid(t *testing.T) {
	for email, want := range map[string]bool{
		"a@b.vn": true, "an.nguyen@democo.example": true, "a@b": false, "An <a@b.vn>": false, "nope": false, "": false,
	} {
		assert.Equal(t, want, agentEmailValid(email), email)
	}
}
