package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// agentsTestClient calls a started simulator with a valid token.
type agentsTestClient struct {
	t     *testing.T
	s     *Server
	base  string
	token string
}

func newAgentsTestClient(t *testing.T, opts ...Option) *agentsTestClient {
	t.Helper()
	s := New(opts...)
	base, stop := s.Start()
	t.Cleanup(stop)
	c := &agentsTestClient{t: t, s: s, base: base}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	status, env := c.send("GET", "/api/auth?apiKey="+s.APIKey(), "", nil)
	require.Equal(t, 200, status)
	require.NoError(t, json.Unmarshal(env.Payload, &tok))
	c.token = tok.AccessToken
	return c
}

type testEnvelope struct {
	StatusCode int             `json:"status_code"`
	Message    string          `json:"message"`
	Payload    json.RawMessage `json:"payload"`
}

// send makes one request; body is a JSON string or, with contentType set,
// raw bytes.
func (c *agentsTestClient) send(method, path, contentType string, body []byte) (int, testEnvelope) {
	c.t.Helper()
	if contentType == "" {
		contentType = "application/json"
	}
	h := map[string]string{"Content-Type": contentType}
	if c.token != "" {
		h["Authorization"] = "Bearer " + c.token
	}
	status, _, raw := roundTrip(c.t, c.s, c.base, method, path, body, h)
	var env testEnvelope
	require.NoError(c.t, json.Unmarshal(raw, &env), string(raw))
	return status, env
}

func (c *agentsTestClient) json(method, path, body string) (int, testEnvelope) {
	c.t.Helper()
	return c.send(method, path, "", []byte(body))
}

// ok asserts a success envelope and decodes its payload into out.
func (c *agentsTestClient) ok(method, path, body string, out any) {
	c.t.Helper()
	status, env := c.json(method, path, body)
	require.Equal(c.t, 200, status, env.Message)
	require.Equal(c.t, 9999, env.StatusCode, env.Message)
	if out != nil {
		require.NoError(c.t, json.Unmarshal(env.Payload, out))
	}
}

// fails asserts an error envelope with the HTTP status and code.
func (c *agentsTestClient) fails(status int, code, method, path, body string) {
	c.t.Helper()
	got, env := c.json(method, path, body)
	assert.Equal(c.t, status, got, "%s %s", method, path)
	assert.Equal(c.t, -9999, env.StatusCode)
	assert.Equal(c.t, code, env.Message, "%s %s %s", method, path, body)
}

func invite(email, uuid, password string) string {
	return fmt.Sprintf(`{"full_name":"X","identify_info":%q,"password":%q,"role_name":"Sale","uuid":%q}`, email, password, uuid)
}

const goodPassword = "G00d!pass"

func TestInviteErrors(t *testing.T) {
	c := newAgentsTestClient(t, WithAgentLimit(4))
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
	c := newAgentsTestClient(t)
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

func TestAgentDeleteAndExtensionStatus(t *testing.T) {
	c := newAgentsTestClient(t)
	c.fails(200, "identify_info_invalid", "DELETE", "/api/agent/delete", "")
	c.fails(404, "not_found", "DELETE", "/api/agent/delete?identify_info=ghost@x.vn", "")
	c.fails(400, "enabled_invalid", "PUT", "/api/call_center/internal_phone/status?sip_user=100&enabled=yes", "")
	c.fails(200, "data_is_required", "PUT", "/api/call_center/internal_phone/status?sip_user=100", "")
	c.fails(404, "not_found", "PUT", "/api/call_center/internal_phone/status?sip_user=999&enabled=true", "")

	c.s.mu.Lock()
	assert.True(t, c.s.extensionExists("100"))
	assert.True(t, c.s.extensionRegistered("100"))
	assert.Equal(t, "Nguyễn Văn An", c.s.agentName("100"))
	assert.False(t, c.s.extensionExists("999"))
	assert.False(t, c.s.extensionRegistered("999"))
	assert.Equal(t, "Agent 999", c.s.agentName("999"))
	c.s.mu.Unlock()

	c.ok("PUT", "/api/call_center/internal_phone/status?sip_user=100&enabled=false", "", nil)
	c.s.mu.Lock()
	assert.True(t, c.s.extensionExists("100"))
	assert.False(t, c.s.extensionRegistered("100"))
	c.s.mu.Unlock()

	c.ok("DELETE", "/api/agent/delete?identify_info=AN.NGUYEN@democo.example", "", nil)
	c.s.mu.Lock()
	assert.False(t, c.s.extensionExists("100"))
	c.s.mu.Unlock()
}

func TestListsPageLikeTheAPI(t *testing.T) {
	c := newAgentsTestClient(t)
	var p pageA
	c.ok("GET", "/api/agent/list", "", &p)
	assert.Equal(t, 50, p.PageSize)
	assert.Equal(t, 3, p.TotalItems)
	assert.Equal(t, 1, p.NextPage, "next_page repeats the last page")
	c.ok("GET", "/api/agent/list?page=2&size=2", "", &p)
	assert.Len(t, p.Items, 1)
	assert.True(t, p.HasPrevious)
	assert.False(t, p.HasNext)
	assert.Equal(t, 2, p.TotalPages)
	c.fails(400, "page_invalid", "GET", "/api/agent/list?page=0", "")

	c.ok("GET", "/api/call_center/internal_phone/list?size=2", "", &p)
	assert.Equal(t, 3, p.TotalItems)
	assert.True(t, p.HasNext)
	assert.Equal(t, 2, p.NextPage)

	for path, size := range map[string]int{"internal_group/list": 10, "key-interaction/list": 10, "greeting/list": 10} {
		_, env := c.json("GET", "/api/call_center/"+path, "")
		var raw map[string]any
		require.NoError(t, json.Unmarshal(env.Payload, &raw))
		assert.Contains(t, raw, "extension", path)
		assert.Nil(t, raw["extension"])
		assert.EqualValues(t, size, raw["page_size"], path)
	}

	// A search that matches nothing answers an empty array, not null.
	for _, path := range []string{"/api/agent/list", "/api/call_center/internal_phone/list", "/api/call_center/internal_group/list",
		"/api/call_center/key-interaction/list", "/api/call_center/greeting/list"} {
		_, env := c.json("GET", path+"?keyword=no-such-thing", "")
		var raw map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(env.Payload, &raw))
		assert.Equal(t, "[]", string(raw["items"]), path)
	}
}

func TestSeededStateIsDeterministic(t *testing.T) {
	a, b, other := New(), New(), New(WithSeed(7))
	for _, ext := range []string{"100", "101", "102"} {
		pa := a.agents.byExt[ext].password
		assert.Equal(t, pa, b.agents.byExt[ext].password)
		assert.NotEqual(t, pa, other.agents.byExt[ext].password)
		assert.Regexp(t, `^[a-z]{4}[0-9]{6}$`, pa)
	}
	assert.Equal(t, a.cc.groups[0].ID, b.cc.groups[0].ID)
}

func TestConcurrentInvitesGetDistinctExtensions(t *testing.T) {
	c := newAgentsTestClient(t)
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

func TestPasswordRule(t *testing.T) {
	for pw, want := range map[string]bool{
		"G00d!pass": true, "Ab1!Ab1!": true, "Ab1!Ab1": false, "ab1!ab1!": false, "AB1!AB1!": false,
		"Abc!Abc!": false, "Ab12Ab12": false, "Ab1 Ab1 ": false, "Ưu1!ưu1!": true, "": false,
	} {
		assert.Equal(t, want, agentPasswordValid(pw), pw)
	}
}

func TestStripVietnamese(t *testing.T) {
	assert.Equal(t, "Nhom nhan vien mac dinh", stripVietnamese("Nhóm nhân viên mặc định"))
	assert.Equal(t, "KICH BAN BAM PHIM", stripVietnamese("KỊCH BẢN BẤM PHÍM"))
	assert.Equal(t, "Dung Duong", stripVietnamese("Dũng Đường"))
	assert.Equal(t, "tran thi", searchKey("Trần Thị"))
}

// multipartFileBody builds a multipart body with one file part (none when
// field is empty).
func multipartFileBody(t *testing.T, field, name, data string) (string, []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if field != "" {
		fw, err := w.CreateFormFile(field, name)
		require.NoError(t, err)
		_, _ = fw.Write([]byte(data))
	}
	require.NoError(t, w.Close())
	return w.FormDataContentType(), buf.Bytes()
}
