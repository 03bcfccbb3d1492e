package omicall

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransactionsEvaluationCriteria(t *testing.T) {
	for name, payload := range map[string]string{
		"array": `[{"_id":"c1","name":"Greeting","description":"Says hello","max_score":10},{"id":"c2","title":"Closing"}]`,
		"page":  `{"items":[{"_id":"c1","name":"Greeting","description":"Says hello","max_score":10},{"id":"c2","title":"Closing"}],"page_number":1}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, "GET", "/api/evaluation_criteria/call/list",
				okPayload(payload))
			got, err := c.Transactions.ListEvaluationCriteria(ctxT(t))
			require.NoError(t, err)
			assert.Equal(t, "GET", log.last(t).Method)
			require.Len(t, got, 2)
			assert.Equal(t, "c1", got[0].ID)
			assert.Equal(t, "Greeting", got[0].Name)
			assert.Equal(t, "Says hello", got[0].Description)
			assert.Contains(t, string(got[0].Raw), `"max_score":10`)
			assert.Equal(t, "c2", got[1].ID)
			assert.Equal(t, "Closing", got[1].Name)
		})
	}
}

func TestTransactionsEvaluate(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_transaction/add_evaluation/tx-1",
		failStatus(503, ""),
		okPayload("null"),
		fixtureResponder(t, "call_transaction_detail.json"))
	ev := &EvaluateRequest{UserUUID: "101", Evaluation: map[string]any{"c1": 8, "comment": "good"}}

	_, err := c.Transactions.Evaluate(ctxT(t), "tx-1", ev)
	require.Error(t, err)
	assert.Equal(t, 1, log.count(), "adding an evaluation is never retried")
	assert.JSONEq(t, `{"user_uuid":"101","evaluation":{"c1":8,"comment":"good"}}`, string(log.last(t).Body))

	tx, err := c.Transactions.Evaluate(ctxT(t), "tx-1", ev)
	require.NoError(t, err)
	assert.Nil(t, tx, "an empty answer gives no transaction")

	tx, err = c.Transactions.Evaluate(ctxT(t), "tx-1", &EvaluateRequest{UserUUID: "101", Evaluation: json.RawMessage(`{"c1":5}`)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"user_uuid":"101","evaluation":{"c1":5}}`, string(log.last(t).Body))
	require.NotNil(t, tx)
	assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", tx.TransactionID)

	n := log.count()
	for _, bad := range []*EvaluateRequest{nil, {Evaluation: map[string]any{}}, {UserUUID: "101"},
		{UserUUID: "101", Evaluation: []byte(`{"c1":5}`)}, // a []byte marshals as base64 text
		{UserUUID: "101", Evaluation: "score 5"}, {UserUUID: "101", Evaluation: json.RawMessage(`{`)}} {
		_, err := c.Transactions.Evaluate(ctxT(t), "tx-1", bad)
		assert.ErrorIs(t, err, ErrValidation)
	}
	_, err = c.Transactions.Evaluate(ctxT(t), "", ev)
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, n, log.count())
}

func TestTransactionsScore(t *testing.T) {
	c, mt := newMockClient(t)
	ev := recordRoute(t, mt, http.MethodPost, "/api/v3/call-transaction/add-evaluation", okPayload(`null`))
	require.NoError(t, c.Transactions.Score(ctxT(t), &ScoreRequest{TransactionID: "t1", AgentID: "a1", Comment: "tốt",
		Values: []EvaluationScore{{CriteriaID: "c1", Point: 8}}}))
	sent := ev.only(t)
	assert.JSONEq(t, `{"transactionId":"t1","agentId":"a1","evaluation":{"comment":"tốt","values":[{"criteria_id":"c1","point":8}]}}`, string(sent.Body))
	assert.Equal(t, testAPIKey, sent.Header.Get("x-api-key"))
	for field, bad := range map[string]*ScoreRequest{
		"req": nil, "TransactionID": {AgentID: "a"}, "AgentID": {TransactionID: "t"},
		"Values": {TransactionID: "t", AgentID: "a"}, "Values[0].CriteriaID": {TransactionID: "t", AgentID: "a", Values: []EvaluationScore{{Point: 1}}},
		"Values[0].Point": {TransactionID: "t", AgentID: "a", Values: []EvaluationScore{{CriteriaID: "c", Point: -1}}},
	} {
		requireValidation(t, c.Transactions.Score(ctxT(t), bad), field)
	}
	assert.Equal(t, 1, ev.count(), "nothing sent for bad input")

}
