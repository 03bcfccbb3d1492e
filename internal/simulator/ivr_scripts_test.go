package simulator

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScriptErrors(t *testing.T) {
	c := newTestClient(t)
	var greetings struct {
		Items []struct {
			ID string `json:"_id"`
		} `json:"items"`
	}
	c.ok("GET", "/api/call_center/greeting/list", "", &greetings)
	require.Len(t, greetings.Items, 1)
	gid := greetings.Items[0].ID
	const p = "/api/call_center/key-interaction/add"
	c.fails(200, "data_is_required", "POST", p, `{"script_name":"s","greeting_id":"`+gid+`","time_out":3,"scripts":[{"ivr":"1"}]}`)
	c.fails(400, "scripts_invalid", "POST", p, `{"script_name":"s","greeting_id":"`+gid+`","max_failure":1,"time_out":3,"scripts":[{"ivr":"1","action_type":"Dance"}]}`)
	c.fails(400, "action_type_invalid", "POST", p, `{"script_name":"s","greeting_id":"`+gid+`","max_failure":1,"time_out":3,"scripts":[{"ivr":"1"}],"action_type":"Dance"}`)
	c.fails(400, "greeting_id_invalid", "POST", p, `{"script_name":"s","greeting_id":"nope","max_failure":1,"time_out":3,"scripts":[{"ivr":"1"}]}`)
	c.fails(404, "not_found", "POST", "/api/call_center/key-interaction/update/nope", `{"script_name":"s","greeting_id":"`+gid+`","max_failure":1,"time_out":3,"scripts":[{"ivr":"1"}]}`)

	body := `{"script_name":"Menu","greeting_id":"` + gid + `","max_failure":0,"time_out":3,"scripts":[{"ivr":"1"}]}`
	var s map[string]any
	c.ok("POST", p, body, &s)
	assert.Equal(t, "false", s["ivr_direct_menu_dial"])
	assert.Equal(t, "MENU", s["script_name_unsigned"])
	assert.Contains(t, s, "created_by")
	assert.Contains(t, s, "last_updated_by")
	id := s["_id"].(string)
	c.ok("POST", "/api/call_center/key-interaction/update/"+id, body, nil) // keeping its own name is fine
	c.fails(200, "script_name_exists", "POST", p, strings.Replace(body, "Menu", "MENU", 1))
}

func TestScriptDelete(t *testing.T) {
	c := newTestClient(t)
	gid := c.s.cc.greetings[0].ID
	var sc ccScript
	c.ok("POST", "/api/call_center/key-interaction/add", `{"script_name":"Chào","greeting_id":"`+gid+`","max_failure":2,"time_out":5,"scripts":[{"ivr":"1","action_type":"Ring_group","action":"g"}]}`, &sc)
	assert.Equal(t, "166002", sc.ScriptNumber, "groups and scripts share one counter")
	assert.Equal(t, "CHAO", sc.ScriptNameUnsigned)
	var list struct {
		Items []ccScript `json:"items"`
	}
	c.ok("GET", "/api/call_center/key-interaction/list", "", &list)
	require.Len(t, list.Items, 1)
	c.ok("DELETE", "/api/call_center/key-interaction/delete/"+sc.ID, "", nil)
	c.ok("GET", "/api/call_center/key-interaction/list", "", &list)
	assert.Empty(t, list.Items)
	c.fails(404, "not_found", "DELETE", "/api/call_center/key-interaction/delete/"+sc.ID, "")
}
