package simulator

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHistoryDetailAndChange(t *testing.T) {
	s := New(WithHistory(20, 24*time.Hour, histEnd))
	id := s.history.recs[3].TransactionID

	a := histCall(t, s, "GET", "/api/call_transaction/detail/nope", nil, false)
	assert.Equal(t, http.StatusNotFound, a.HTTP)
	assert.Equal(t, "not_found", a.Message)
	a = histCall(t, s, "POST", "/api/call_transaction/change/nope", map[string]any{"note": "x"}, false)
	assert.Equal(t, http.StatusNotFound, a.HTTP)

	a = histCall(t, s, "POST", "/api/call_transaction/change/"+id, map[string]any{"tag": []string{"a", "b"}, "note": "hi"}, false)
	require.Equal(t, 9999, a.StatusCode)
	a = histCall(t, s, "GET", "/api/call_transaction/detail/"+id, nil, false)
	var rec callRecord
	require.NoError(t, json.Unmarshal(a.Payload, &rec))
	assert.Equal(t, []string{"a", "b"}, rec.Tag)
	require.NotNil(t, rec.Note)
	assert.Equal(t, "hi", *rec.Note)
	assert.Equal(t, []nameObj{{"a"}, {"b"}}, rec.User[0].Tag)

	a = histCall(t, s, "PATCH", "/api/call_transaction/change/"+id, map[string]any{"note": "patched"}, false)
	require.Equal(t, 9999, a.StatusCode, "PATCH changes a call too")
	require.NoError(t, json.Unmarshal(a.Payload, &rec))
	assert.Equal(t, "patched", *rec.Note)
	assert.Equal(t, []string{"a", "b"}, rec.Tag, "what the body leaves out stays")
}

func TestHistoryDetailByTransactionIDAndCallUUID(t *testing.T) {
	s := New(WithHistory(20, 24*time.Hour, histEnd))
	id := s.history.recs[5].TransactionID
	for _, a := range []histAnswer{
		histCall(t, s, "GET", "/api/v2/callTransaction/getByTransactionId?transactionId="+id, nil, false),
		histCall(t, s, "POST", "/api/v2/callTransaction/getByTransactionId", map[string]any{"transactionId": id}, false),
		histCall(t, s, "GET", "/api/call/transaction/detail?call_uuid="+id, nil, false),
	} {
		require.Equal(t, 9999, a.StatusCode, a.Message)
		var rec record2026
		require.NoError(t, json.Unmarshal(a.Payload, &rec))
		assert.Equal(t, id, rec.TransactionID)
		assert.NotEmpty(t, rec.HangupCause, "the newer shape")
	}
	assert.Equal(t, "data_is_required", histCall(t, s, "GET", "/api/call/transaction/detail", nil, false).Message)
	assert.Equal(t, "resource_not_found", histCall(t, s, "GET", "/api/v2/callTransaction/getByTransactionId?transactionId=nope", nil, false).Message)
}
