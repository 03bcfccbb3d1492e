package simulator

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAutoCalls(t *testing.T) {
	now := histEnd
	s := New(WithHistory(0, 0, histEnd), WithClock(func() time.Time { return now }))
	before := len(s.history.recs)
	a := histCall(t, s, "POST", "/api/auto_call/execute_by_phone", map[string]any{
		"phone_number_list":  []string{"0900000001", "0900000002"},
		"name":               "Campaign",
		"template_dialplans": []map[string]string{{"target_type": "Text_variable"}, {"target_type": "Recording", "target": "rec-1"}},
		"variables":          []string{"Xin chào"},
	}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var res struct {
		ID   string   `json:"autocall_id"`
		Name string   `json:"name"`
		IDs  []string `json:"autocall_uuids"`
	}
	require.NoError(t, json.Unmarshal(a.Payload, &res))
	assert.NotEmpty(t, res.ID)
	assert.Equal(t, "Campaign", res.Name)

	a = histCall(t, s, "POST", "/api/auto_call/execute_by_extension", map[string]any{
		"cid": "842899990001", "extensions": []string{"101"},
		"template_dialplans": []map[string]string{{"target_type": "Ivr_menu", "target": "ivr-1"}}, "variables": []string{},
	}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	require.NoError(t, json.Unmarshal(a.Payload, &res))
	require.Len(t, res.IDs, 1)
	assert.Len(t, res.ID, 24)
	s.WaitCalls()
	s.mu.Lock()
	assert.Len(t, s.history.recs, before+3)
	assert.True(t, s.history.byID[res.IDs[0]].IsAutoCall)
	s.mu.Unlock()

	long := make([]byte, 301)
	for i := range long {
		long[i] = 'a'
	}
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"no phones", map[string]any{"template_dialplans": []map[string]string{{"target_type": "Text_variable"}}, "variables": []string{"x"}}, "data_is_required"},
		{"session tts", map[string]any{"phone_number_list": []string{"0900000001"},
			"template_dialplans": []map[string]string{{"target_type": "Text_variable"}}, "variables": []string{string(long)}}, "limit_word_session"},
		{"bad cid", map[string]any{"phone_number_list": []string{"0900000001"}, "cid": "123",
			"template_dialplans": []map[string]string{{"target_type": "Recording", "target": "r"}}}, "number_call_out_invalid"},
	}
	for _, c := range cases {
		a := histCall(t, s, "POST", "/api/auto_call/execute_by_phone", c.body, false)
		assert.Equal(t, c.code, a.Message, c.name)
	}

	// 3,000 characters a day: ten sessions of 300 pass, the eleventh does not.
	s.WaitCalls() // the calls read the clock
	now = now.Add(24 * time.Hour)
	chunk := string(long[:300])
	body := map[string]any{"phone_number_list": []string{"0900000001"},
		"template_dialplans": []map[string]string{{"target_type": "Text_variable"}}, "variables": []string{chunk}}
	for range 10 {
		require.Equal(t, 9999, histCall(t, s, "POST", "/api/auto_call/execute_by_phone", body, false).StatusCode)
	}
	assert.Equal(t, "limit_word", histCall(t, s, "POST", "/api/auto_call/execute_by_phone", body, false).Message)
	s.WaitCalls() // the calls read the clock
	now = now.Add(24 * time.Hour)
	assert.Equal(t, 9999, histCall(t, s, "POST", "/api/auto_call/execute_by_phone", body, false).StatusCode, "a new day")
	s.WaitCalls()

	trial := defaultTenant()
	trial.ServicePackage = map[string]any{"code_name": "trial"}
	ts := New(WithTenant(trial))
	assert.Equal(t, "limit_service", histCall(t, ts, "POST", "/api/auto_call/execute_by_phone", body, false).Message)
}
