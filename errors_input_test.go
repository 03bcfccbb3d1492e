package omicall

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One sentinel for "your input was wrong", whoever found it.
func TestErrInvalidInputGroupsInputErrors(t *testing.T) {
	for _, code := range []string{"data_is_required", "full_name_is_required", "date_invalid", "date_is_too_long",
		"invalid_phone_number", "extension_invalid", "number_call_out_invalid", "identify_info_invalid", "password_invalid",
		"something_new_is_required", "invalid_something_new"} {
		assert.ErrorIs(t, &APIError{HTTPStatus: 200, StatusCode: -9999, Code: code}, ErrInvalidInput, code)
	}
	for _, code := range []string{"api_key_invalid", "api_key_is_required", "token_invalid", "token_expired", "tenant_invalid",
		"auth_invalid", "agent_exists", "limit_request_30_minute", "permission_denied", ""} {
		assert.NotErrorIs(t, &APIError{HTTPStatus: 200, StatusCode: -9999, Code: code}, ErrInvalidInput, code)
	}
	assert.ErrorIs(t, &ValidationError{Field: "x", Reason: "y"}, ErrInvalidInput)
}

// Click-to-call checks the number before sending: the error matches
// ErrPhoneInvalid, ErrValidation and ErrInvalidInput, and nothing is sent.
func TestClickToCallChecksThePhoneNumber(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodPost, "/api/click2call", fixtureResponder(t, "click2call.json"))
	for _, bad := range []string{"abc", "09012x4567", "12", "+", "0901234567890123", "-0901234567"} {
		_, err := c.Calls.ClickToCall(ctxT(t), &ClickToCallRequest{Extension: "101", Hotline: "842899990001", PhoneNumber: bad})
		require.ErrorIs(t, err, ErrPhoneInvalid, bad)
		require.ErrorIs(t, err, ErrValidation, bad)
		require.ErrorIs(t, err, ErrInvalidInput, bad)
	}
	assert.Zero(t, log.count())
	for _, good := range []string{"0901234567", "+84901234567", "84 901 234 567", "090-123-4567", "1900"} {
		_, err := c.Calls.ClickToCall(ctxT(t), &ClickToCallRequest{Extension: "101", Hotline: "842899990001", PhoneNumber: good})
		require.NoError(t, err, good)
	}
}

// Auto calls and the call bot check every number of their lists before
// sending, naming the item.
func TestCallListsCheckTheirNumbers(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodPost, "/api/auto_call/execute_by_phone", fixtureResponder(t, "autocall_execute_by_phone.json"))
	_, err := c.Calls.AutoCallByPhone(ctxT(t), &AutoCallByPhoneRequest{PhoneNumberList: []string{"0901234567", "09x1"},
		TemplateDialplans: []DialplanStep{{TargetType: TargetTextVariable}}, Variables: []string{"x"}})
	requireValidation(t, err, "PhoneNumberList[1]")
	require.ErrorIs(t, err, ErrPhoneInvalid)
	_, err = c.Calls.CallBotByPhone(ctxT(t), &CallBotRequest{PhoneNumbers: []string{"abc"}, BotScriptID: "b"})
	requireValidation(t, err, "PhoneNumbers[0]")
	assert.Zero(t, log.count())
}
