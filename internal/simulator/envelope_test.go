package simulator

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWriteErrorAnswersTheCode(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
		code   string
	}{
		{fail("limit_agent"), 200, "limit_agent"},
		{failHTTP(400, "page_invalid"), 400, "page_invalid"},
		{errNotFound, 404, "not_found"},
		{errors.New("boom"), 500, "internal_error"},
	} {
		w := httptest.NewRecorder()
		writeError(w, c.err)
		assert.Equal(t, c.status, w.Code)
		assert.Equal(t, "application/json; charset=utf-8", w.Header().Get("Content-Type"))
		var env map[string]any
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &env))
		assert.Equal(t, map[string]any{"status_code": -9999.0, "message": c.code, "instance_id": "sim",
			"instance_version": Version, "key_enabled": false}, env)
	}
}

func TestWriteEnvelopeCarriesThePayload(t *testing.T) {
	w := httptest.NewRecorder()
	writeEnvelope(w, 200, 9999, "", map[string]int{"n": 1})
	assert.JSONEq(t, `{"status_code":9999,"instance_id":"sim","instance_version":"`+Version+`","payload":{"n":1},"key_enabled":false}`, w.Body.String())
}

func TestWriteJSONOfAnUnencodableValue(t *testing.T) {
	w := httptest.NewRecorder()
	writeJSON(w, 200, func() {})
	assert.Equal(t, 500, w.Code)
	assert.JSONEq(t, `{"status_code":-9999,"message":"internal_error"}`, w.Body.String())
}
