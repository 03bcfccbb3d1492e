package simulator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestGreetingListAndDelete(t *testing.T) {
	c := newTestClient(t)
	c.ok("POST", "/api/call_center/greeting/upload-text-to-speech?greeting_name=Chào%20mừng", `{"text":"Xin chào","speed":0,"voice":"banmai"}`, nil)
	var list struct {
		Items []ccGreeting `json:"items"`
		Total int          `json:"total_items"`
	}
	c.ok("GET", "/api/call_center/greeting/list?keyword=chao%20MUNG", "", &list)
	require.Len(t, list.Items, 1)
	g := list.Items[0]
	assert.Equal(t, "Chao mung", g.GreetingNameUnsigned)
	assert.Equal(t, "banmai", g.Voice)
	assert.True(t, strings.HasSuffix(g.RecordingFile, ".mp3"))
	c.ok("DELETE", "/api/call_center/greeting/delete/"+g.ID, "", nil)
	c.ok("GET", "/api/call_center/greeting/list", "", &list)
	assert.Equal(t, 1, list.Total, "the seeded greeting is left")
}
