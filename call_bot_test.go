package omicall

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallBotPartialFailureIsAnError(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, callBotPath, okPayload(`{"autocall_id":"s1","errors":[
		{"phone_number":"0999999999","code":"number_dnc"},{"phone":"0123456","message":"invalid_phone_number"},"quota"]}`))
	res, err := c.Calls.CallBotByPhone(ctxT(t), &CallBotRequest{PhoneNumbers: []string{"0900000001", "0999999999", "0123456"},
		BotScriptID: "bot-1", CID: "842800000001", Variables: map[string]any{"ten": "An"}, Extra: map[string]any{"num_retry": 1, "cid": "x"}})
	require.Error(t, err)
	require.ErrorIs(t, err, ErrPartialFailure)
	var pf *PartialFailureError
	require.True(t, errors.As(err, &pf))
	assert.Equal(t, []CallBotFailure{{PhoneNumber: "0999999999", Code: "number_dnc"}, {PhoneNumber: "0123456", Code: "invalid_phone_number"}, {Code: "quota"}}, pf.Failures)
	require.NotNil(t, res, "the result comes with the error: some numbers are being called")
	assert.Equal(t, "s1", res.ID)
	assert.NotContains(t, err.Error(), "0999999999", "no numbers in the message")
	sent := rec.only(t)
	assert.Equal(t, "842800000001", sent.Query.Get("cid"))
	assert.Equal(t, testAPIKey, sent.Header.Get("x-api-key"), "the call bot needs the key")
	assert.Equal(t, "Bearer "+testToken, sent.Header.Get("Authorization"), "and the token")
	var body map[string]any
	require.NoError(t, json.Unmarshal(sent.Body, &body))
	assert.Equal(t, "842800000001", body["cid"], "a named field wins over Extra")
	assert.EqualValues(t, 1, body["num_retry"])
	assert.Equal(t, map[string]any{"ten": "An"}, body["variables"])

	recordRoute(t, mt, http.MethodPost, callBotPath, okPayload(`{"autocall_id":"s2","errors":[]}`))
	res, err = c.Calls.CallBotByPhone(ctxT(t), &CallBotRequest{PhoneNumbers: []string{"0900000001"}, BotScriptID: "bot-1"})
	require.NoError(t, err)
	assert.Equal(t, "s2", res.ID)

	for field, bad := range map[string]*CallBotRequest{
		"PhoneNumbers":    {BotScriptID: "b"},
		"PhoneNumbers[0]": {PhoneNumbers: []string{""}, BotScriptID: "b"},
		"BotScriptID":     {PhoneNumbers: []string{"0900000001"}},
		"Speed":           {PhoneNumbers: []string{"0900000001"}, BotScriptID: "b", Speed: 4},
	} {
		_, err := c.Calls.CallBotByPhone(ctxT(t), bad)
		requireValidation(t, err, field)
	}
}
