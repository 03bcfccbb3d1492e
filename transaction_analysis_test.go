package omicall

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAIAnalyses(t *testing.T) {
	c, mt := newMockClient(t)
	list := recordRoute(t, mt, http.MethodPost, "/api/ai/call_transaction/list", okPayload(`[{"transaction_id":"t1","speech_to_text":[]},{"transactionId":"t2"}]`))
	got, err := c.Transactions.ListAnalyses(ctxT(t), "t1", "t2")
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "t1", got[0].TransactionID)
	assert.Equal(t, "t2", got[1].TransactionID)
	assert.JSONEq(t, `{"transaction_ids":["t1","t2"]}`, string(list.only(t).Body))
	_, err = c.Transactions.ListAnalyses(ctxT(t))
	requireValidation(t, err, "transactionIDs")
	recordRoute(t, mt, http.MethodPost, "/api/ai/call_transaction/get", okPayload(`{"call_uuid":"t3","nlp":{}}`))
	one, err := c.Transactions.GetAnalysis(ctxT(t), "t3")
	require.NoError(t, err)
	assert.Equal(t, "t3", one.TransactionID)
}
