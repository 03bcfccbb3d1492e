package otelomicall

import (
	"context"
	"errors"
	"net"

	"github.com/omicall-go/omicall"
)

// eventState returns the label of a hook's state: a state of the API, ""
// for a request that was not a call event, else "other" (anyone who can
// reach the webhook chooses the state).
func eventState(s omicall.CallState) string {
	switch s {
	case omicall.StateRinging, omicall.StateAnswered, omicall.StateHangup, omicall.StateCDR,
		omicall.StateCreate, omicall.StateEarly, "":
		return string(s)
	}
	return "other"
}

// knownCodes are the envelope codes the SDK knows (each has a sentinel
// error, or means a refused token): the only codes that become labels.
var knownCodes = map[string]bool{
	"api_key_is_required": true, "api_key_invalid": true, "request_body_required": true,
	"full_name_is_required": true, "identify_info_invalid": true, "password_invalid": true,
	"role_is_required": true, "agent_exists": true, "limit_agent": true, "invite_error": true,
	"agent_uuid_exists": true, "limit_request_30_minute": true, "from_date_is_required": true,
	"to_date_is_required": true, "date_invalid": true, "date_is_too_long": true,
	"limit_service": true, "limit_word": true, "limit_word_session": true,
	"balance_is_not_enough": true, "data_is_required": true, "tenant_invalid": true,
	"user_not_registered": true, "number_call_out_invalid": true, "extension_invalid": true,
	"not_found": true, "rate_limit_exceeded": true, "resource_not_found": true,
	"source_contact_not_exists": true, "permission_denied": true, "tenant_disabled": true,
	"individual_package_expired": true, "service_package_customer_limit": true,
	"user_busy": true, "do_not_call": true, "invalid_phone_number": true,
	// Partner API.
	"partner_invalid": true, "request_invalid": true, "body_request_is_required": true,
	"email_invalid": true, "email_registered": true, "create_tenant_error": true,
	"access_denied": true, "amount_gte_10.000_vnd": true, "description_is_required": true,
	"description_is_to_short.gte_50_characters": true,
	// A refused token or bad credentials.
	"unauthorized": true, "token_invalid": true, "token_expired": true,
	"access_token_invalid": true, "access_token_expired": true, "auth_invalid": true,
}

// errorType names an error by a bounded value, never its message: "timeout"
// and "canceled" (the context, or a transport timeout), an API error's code
// when the SDK knows it, else "api_error", "validation" (refused before
// sending), "decode" (a malformed response), "network", or "other".
func errorType(err error) string {
	var apiErr *omicall.APIError
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &apiErr):
		if knownCodes[apiErr.Code] {
			return apiErr.Code
		}
		return "api_error"
	case errors.Is(err, omicall.ErrValidation):
		return "validation"
	case errors.Is(err, omicall.ErrMalformedResponse):
		return "decode"
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.As(err, &netErr):
		return "network"
	}
	return "other"
}
