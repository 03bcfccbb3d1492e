package simulator

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAIAnalysis(t *testing.T) {
	s := New(WithHistory(40, 24*time.Hour, histEnd))
	var answered, missed string
	for _, rec := range s.history.recs {
		if rec.Disposition == "answered" {
			answered = rec.TransactionID
		} else {
			missed = rec.TransactionID
		}
	}
	require.NotEmpty(t, answered)
	require.NotEmpty(t, missed)

	a := histCall(t, s, "POST", "/api/ai/call_transaction/list", map[string]any{"transaction_ids": []string{answered, missed, "nope"}}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var list []map[string]any
	require.NoError(t, json.Unmarshal(a.Payload, &list))
	require.Len(t, list, 1, "only answered calls are analysed")
	assert.Equal(t, answered, list[0]["transaction_id"])
	assert.Equal(t, "data_is_required", histCall(t, s, "POST", "/api/ai/call_transaction/list", map[string]any{}, false).Message)

	a = histCall(t, s, "POST", "/api/ai/call_transaction/get", map[string]any{"transaction_id": answered}, false)
	var one map[string]any
	require.NoError(t, json.Unmarshal(a.Payload, &one))
	assert.Contains(t, one, "speech_to_text")
	assert.Equal(t, "resource_not_found", histCall(t, s, "POST", "/api/ai/call_transaction/get", map[string]any{"transaction_id": "nope"}, false).Message)
}
