package simulator

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddEvaluation(t *testing.T) {
	s := New(WithHistory(20, 24*time.Hour, histEnd))
	id := s.history.recs[3].TransactionID
	var rec callRecord
	a := histCall(t, s, "POST", "/api/call_transaction/add_evaluation/"+id, map[string]any{"user_uuid": "101"}, false)
	assert.Equal(t, "data_is_required", a.Message)
	a = histCall(t, s, "POST", "/api/call_transaction/add_evaluation/"+id,
		map[string]any{"user_uuid": "101", "evaluation": map[string]any{"64a000000000000000000001": 8}}, false)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	require.NoError(t, json.Unmarshal(a.Payload, &rec))
	require.Len(t, rec.Evaluations, 1)
	assert.Equal(t, 1, rec.TotalEvaluate.Count)

	a = histCall(t, s, "GET", "/api/evaluation_criteria/call/list", nil, false)
	var crit []criterion
	require.NoError(t, json.Unmarshal(a.Payload, &crit))
	assert.Len(t, crit, 3)

	a = histCall(t, s, "POST", "/api/call_transaction/add_evaluation/nope", map[string]any{"user_uuid": "101", "evaluation": map[string]any{}}, false)
	assert.Equal(t, http.StatusNotFound, a.HTTP)
}

func TestV3AddEvaluation(t *testing.T) {
	s := New(WithHistory(20, 24*time.Hour, histEnd))
	id := s.history.recs[3].TransactionID
	body := func(tx, criteria string) map[string]any {
		return map[string]any{"transactionId": tx, "agentId": "a1", "evaluation": map[string]any{
			"comment": "good", "values": []map[string]any{{"criteria_id": criteria, "point": 7}}}}
	}
	a := histCall(t, s, "POST", "/api/v3/call-transaction/add-evaluation", body(id, evaluationCriteria[1].ID), true)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	s.mu.Lock()
	rec := s.history.byID[id]
	require.Len(t, rec.Evaluations, 1)
	assert.Equal(t, map[string]any{"comment": "good", evaluationCriteria[1].ID: 7.0}, rec.Evaluations[0].Evaluation)
	assert.Equal(t, "a1", rec.Evaluations[0].UserUUID)
	s.mu.Unlock()

	assert.Equal(t, "evaluation_invalid", histCall(t, s, "POST", "/api/v3/call-transaction/add-evaluation", body(id, "nope"), true).Message)
	assert.Equal(t, "resource_not_found", histCall(t, s, "POST", "/api/v3/call-transaction/add-evaluation", body("nope", evaluationCriteria[0].ID), true).Message)
	assert.Equal(t, "data_is_required", histCall(t, s, "POST", "/api/v3/call-transaction/add-evaluation", map[string]any{"transactionId": id}, true).Message)
	a = histCall(t, s, "GET", "/api/v3/call-transaction/evaluation-criteria/list", nil, true)
	var crit []criterion
	require.NoError(t, json.Unmarshal(a.Payload, &crit))
	assert.Equal(t, evaluationCriteria, crit)
}
