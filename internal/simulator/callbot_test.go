package simulator

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallBot(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	bot := func(key, body string) (int, testEnvelope) {
		h := bearer(s.issueToken())
		if key != "" {
			h["x-api-key"] = key
		}
		status, _, raw := roundTrip(t, s, "", "POST", "/api/call_bot/execute_by_phone", []byte(body), h)
		var env testEnvelope
		require.NoError(t, json.Unmarshal(raw, &env), string(raw))
		return status, env
	}
	status, env := bot("", `{}`)
	assert.Equal(t, 401, status)
	assert.Equal(t, "api_key_is_required", env.Message)
	_, env = bot("wrong", `{}`)
	assert.Equal(t, "api_key_invalid", env.Message)
	_, env = bot(s.APIKey(), `{"bot_script_id":"bot-remind-1"}`)
	assert.Equal(t, "data_is_required", env.Message)

	_, env = bot(s.APIKey(), `{"bot_script_id":"bot-remind-1","phone_number_list":["0901000009","09x",`+`"`+doNotCall+`"]}`)
	require.Equal(t, 9999, env.StatusCode, env.Message)
	var res struct {
		ID     string `json:"autocall_id"`
		Errors []struct {
			Phone string `json:"phone_number"`
			Code  string `json:"code"`
		} `json:"errors"`
	}
	require.NoError(t, json.Unmarshal(env.Payload, &res))
	assert.NotEmpty(t, res.ID)
	require.Len(t, res.Errors, 2)
	assert.Equal(t, "invalid_phone_number", res.Errors[0].Code)
	assert.Equal(t, "number_dnc", res.Errors[1].Code)
	s.WaitCalls()
	s.mu.Lock()
	defer s.mu.Unlock()
	require.Len(t, s.history.recs, 1, "one call for the one valid number")
	assert.True(t, s.history.recs[0].IsAutoCall)
	assert.Equal(t, "0901000009", s.history.recs[0].PhoneNumber)
}

func TestCallBotScripts(t *testing.T) {
	c := newTestClient(t)
	var scripts []map[string]any
	c.ok("GET", "/api/call_bot/script/list", "", &scripts)
	require.Len(t, scripts, 2)
	assert.Equal(t, "bot-remind-1", scripts[0]["bot_script_id"])
}
