package simulator

import (
	"encoding/json"
	"strings"
	"sync"
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

func TestGreetingErrors(t *testing.T) {
	c := newTestClient(t)
	const tts = "/api/call_center/greeting/upload-text-to-speech"
	c.fails(200, "data_is_required", "POST", tts, `{"text":"a","speed":"0","voice":"banmai"}`)
	c.fails(200, "limit_word", "POST", tts+"?greeting_name=g", `{"text":"`+strings.Repeat("a", 301)+`","speed":"0","voice":"banmai"}`)
	c.fails(400, "speed_invalid", "POST", tts+"?greeting_name=g", `{"text":"a","speed":"9","voice":"banmai"}`)
	c.fails(400, "voice_invalid", "POST", tts+"?greeting_name=g", `{"text":"a","speed":0,"voice":"robot"}`)
	var res struct {
		File map[string]any `json:"file"`
	}
	c.ok("POST", tts+"?greeting_name=g", `{"text":"a","speed":1,"voice":"lannhi"}`, &res)
	assert.EqualValues(t, 1, res.File["speed"], "speed accepted as a number")
	c.ok("POST", tts+"?greeting_name=h", `{"text":"a","speed":"-3","voice":"lannhi"}`, &res)
	assert.EqualValues(t, -3, res.File["speed"], "and as a string")
	assert.Equal(t, "Robot đọc", res.File["formality"])

	const up = "/api/call_center/greeting/upload"
	ct, body := multipartFileBody(t, "file", "a.wav", "RIFF")
	status, env := c.send("POST", up, ct, body)
	assert.Equal(t, 400, status)
	assert.Equal(t, "file_invalid", env.Message)
	ct, body = multipartFileBody(t, "", "", "")
	status, env = c.send("POST", up, ct, body)
	assert.Equal(t, 400, status)
	assert.Equal(t, "file_is_required", env.Message)
	ct, body = multipartFileBody(t, "file", "a.mp3", "")
	_, env = c.send("POST", up, ct, body)
	assert.Equal(t, "file_is_required", env.Message, "an empty file")
	ct, body = multipartFileBody(t, "file", "Intro.MP3", "ID3")
	status, env = c.send("POST", up, ct, body)
	require.Equal(t, 200, status, env.Message)
	require.NoError(t, json.Unmarshal(env.Payload, &res))
	assert.Equal(t, "Intro", res.File["greeting_name"])
	c.fails(404, "not_found", "DELETE", "/api/call_center/greeting/delete/nope", "")
}

// TestCallCenterListsWhileChanging lists groups and scripts while other
// requests change them: answers are encoded after the lock is released, so
// they must not share memory with the stored objects (run with -race).
func TestCallCenterListsWhileChanging(t *testing.T) {
	c := newTestClient(t)
	var groups, greetings struct {
		Items []struct {
			ID string `json:"_id"`
		} `json:"items"`
	}
	c.ok("GET", "/api/call_center/internal_group/list", "", &groups)
	c.ok("GET", "/api/call_center/greeting/list", "", &greetings)
	require.NotEmpty(t, groups.Items)
	require.NotEmpty(t, greetings.Items)
	gid := groups.Items[0].ID
	script := func(keys string) string {
		return `{"script_name":"Menu","greeting_id":"` + greetings.Items[0].ID + `","max_failure":1,"time_out":3,"scripts":[` + keys + `]}`
	}
	var sc struct {
		ID string `json:"_id"`
	}
	c.ok("POST", "/api/call_center/key-interaction/add", script(`{"ivr":"1"}`), &sc)

	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.ok("POST", "/api/call_center/internal_group/remove-members", `{"group_id":"`+gid+`","sip_users":["100"]}`, nil)
			c.ok("POST", "/api/call_center/internal_group/add-members", `{"group_id":"`+gid+`","sip_users":["100"]}`, nil)
			c.ok("POST", "/api/call_center/key-interaction/update/"+sc.ID, script(`{"ivr":"1"},{"ivr":"2"}`), nil)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 20; i++ {
			c.ok("GET", "/api/call_center/internal_group/list", "", nil)
			c.ok("GET", "/api/call_center/key-interaction/list?page=1&size=10", "", nil)
		}
	}()
	wg.Wait()
}

func TestCallCenterListsPageInTheNewerShape(t *testing.T) {
	c := newTestClient(t)
	for _, path := range []string{"internal_group/list", "key-interaction/list", "greeting/list"} {
		_, env := c.json("GET", "/api/call_center/"+path, "")
		var raw map[string]any
		require.NoError(t, json.Unmarshal(env.Payload, &raw))
		assert.Contains(t, raw, "extension", path)
		assert.Nil(t, raw["extension"])
		assert.EqualValues(t, 10, raw["page_size"], path)
		_, env = c.json("GET", "/api/call_center/"+path+"?keyword=no-such-thing", "")
		assert.JSONEq(t, "[]", itemsOf(t, env), path)
	}
	var groups struct {
		Items []ccGroup `json:"items"`
	}
	c.ok("GET", "/api/call_center/internal_group/list?keyword=NHOM%20NHAN", "", &groups)
	require.Len(t, groups.Items, 1, "the keyword ignores case and accents")
	assert.Equal(t, "Nhóm nhân viên mặc định", groups.Items[0].GroupName)
}
