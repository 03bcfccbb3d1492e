package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroupErrors(t *testing.T) {
	c := newTestClient(t)
	const p = "/api/call_center/internal_group/add"
	c.fails(200, "request_body_required", "POST", p, "")
	c.fails(200, "data_is_required", "POST", p, `{"group_name":"g","strategy":"random","sip_members":["100"]}`)
	c.fails(400, "strategy_invalid", "POST", p, `{"group_name":"g","strategy":"all","sip_members":["100"],"timeout":5}`)
	c.fails(400, "target_timeout_type_invalid", "POST", p, `{"group_name":"g","strategy":"random","sip_members":["100"],"timeout":5,"target_timeout_type":"Hangup"}`)
	c.fails(200, "extension_invalid", "POST", p, `{"group_name":"g","strategy":"random","sip_members":["999"],"timeout":5}`)
	c.fails(200, "data_is_required", "POST", "/api/call_center/internal_group/add-members", `{"group_id":"x"}`)
	c.fails(404, "not_found", "POST", "/api/call_center/internal_group/remove-members", `{"group_id":"x","sip_users":["100"]}`)
	c.fails(404, "not_found", "DELETE", "/api/call_center/internal_group/delete/x", "")

	var g map[string]any
	c.ok("POST", p, `{"group_name":"Nhóm Kỹ thuật","strategy":"random","sip_members":["100","100","101"],"timeout":30}`, &g)
	assert.Equal(t, "Nhom Ky thuat", g["group_name_unsigned"])
	assert.Equal(t, []any{"100", "101"}, g["sip_members"], "a member is listed once")
	assert.Len(t, g["members"], 2)
	assert.Len(t, g["_id"], 24)
	assert.Equal(t, "false", g["is_answer"], "a string, as the API sends it")
	var grp struct {
		GroupID string `json:"_id"`
	}
	require.NoError(t, remarshal(g, &grp))
	c.fails(200, "extension_invalid", "POST", "/api/call_center/internal_group/add-members", `{"group_id":"`+grp.GroupID+`","sip_users":["999"]}`)
}

func TestGroupLifecycle(t *testing.T) {
	c := newTestClient(t)
	var g ccGroup
	c.ok("POST", "/api/call_center/internal_group/add", `{"group_name":"Sale","strategy":"rollover","sip_members":["100"],"timeout":20}`, &g)
	assert.Equal(t, "38002", g.GroupNumber, "numbered after the seeded group")
	c.ok("POST", "/api/call_center/internal_group/add-members", `{"group_id":"`+g.ID+`","sip_users":["101","102","101"]}`, nil)
	c.ok("POST", "/api/call_center/internal_group/remove-members", `{"group_id":"`+g.ID+`","sip_users":["100"]}`, nil)
	c.s.mu.Lock()
	stored := c.s.findGroup(g.ID)
	assert.Equal(t, []string{"101", "102"}, stored.SIPMembers)
	assert.Len(t, stored.Members, 2)
	c.s.mu.Unlock()

	c.ok("POST", "/api/call_center/internal_group/update/"+g.ID, `{"group_name":"Sale 2","strategy":"random","sip_members":["102"],"timeout":15}`, &g)
	assert.Equal(t, "Sale 2", g.GroupName)
	assert.Equal(t, []string{"102"}, g.SIPMembers)
	assert.Equal(t, 15, g.Members[0].Timeout)
	assert.NotNil(t, g.LastUpdateBy)
	c.fails(404, "not_found", "POST", "/api/call_center/internal_group/update/nope", `{"group_name":"x","strategy":"random","sip_members":["102"],"timeout":15}`)

	c.ok("DELETE", "/api/call_center/internal_group/delete/"+g.ID, "", nil)
	c.s.mu.Lock()
	assert.Nil(t, c.s.findGroup(g.ID))
	c.s.mu.Unlock()
}
