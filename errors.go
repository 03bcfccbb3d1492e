package omicall

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// APIError is a failure answered by OMICall: an HTTP status >= 400, or an
// envelope whose status_code is not 9999. Match it against the Err…
// sentinels with errors.Is, or take it apart with errors.As.
type APIError struct {
	HTTPStatus int    // HTTP status of the response
	StatusCode int    // envelope status_code, e.g. -9999 (0 when the body had none)
	Code       string // envelope message, e.g. "agent_exists"
	Method     string
	Path       string // never the query string
	// RetryAfter is the wait the server asked for in a Retry-After header
	// (seconds or an HTTP date), 0 when it sent none.
	RetryAfter time.Duration
	// RequestID is the request id the server sent in a response header
	// (X-Request-Id or a similar header), "" when it sent none. Quote it to
	// the vendor's support.
	RequestID string

	host string // the host the API key was sent to, for api_key_invalid on a request that carried the key
}

// Error reads like "omicall: POST /api/agent/invite: agent_exists (status
// -9999, HTTP 200)". It never contains the query string, the API key or a
// token.
func (e *APIError) Error() string {
	code := e.Code
	if code == "" {
		code = http.StatusText(e.HTTPStatus)
		if code == "" {
			code = "request failed"
		}
	}
	msg := fmt.Sprintf("omicall: %s %s: %s (status %d, HTTP %d)", e.Method, e.Path, code, e.StatusCode, e.HTTPStatus)
	if e.host != "" {
		msg += "; the API key was sent to " + e.host + ": check the key and the base URL (WithBaseURL)"
	}
	return msg
}

// Is reports whether target is the sentinel for e's code or HTTP status, so
// that errors.Is(err, ErrAgentExists) works.
func (e *APIError) Is(target error) bool {
	if s, ok := codeSentinels[e.Code]; ok && s == target {
		return true
	}
	if s, ok := partnerCodeSentinels[e.Code]; ok && s == target {
		return true
	}
	switch target {
	case ErrInvalidInput:
		return inputCode(e.Code)
	case ErrUnauthorized:
		return e.HTTPStatus == http.StatusUnauthorized || e.StatusCode == http.StatusUnauthorized || tokenCodes[e.Code] || e.Code == codeAuthInvalid
	case ErrRateLimited:
		return e.HTTPStatus == http.StatusTooManyRequests
	case ErrNotFound: // only an envelope says "not found", not a bare 404 from a wrong host
		return e.HTTPStatus == http.StatusNotFound && (e.StatusCode != 0 || e.Code != "")
	}
	return false
}

// tokenRejected reports whether the server refused the bearer token, which a
// fresh token may cure: HTTP 401, an envelope status_code 401 or a token code
// such as token_expired (docs/api.md §18.5). auth_invalid (bad credentials)
// is not cured by a new token and is never replayed.
func (e *APIError) tokenRejected() bool {
	if e.Code == codeAuthInvalid {
		return false
	}
	return e.HTTPStatus == http.StatusUnauthorized || e.StatusCode == http.StatusUnauthorized || tokenCodes[e.Code]
}

// codeAuthInvalid is the envelope message for invalid credentials: it
// matches ErrUnauthorized but is never answered by a token refresh.
const codeAuthInvalid = "auth_invalid"

// Sentinels for the documented error codes. Compare with errors.Is; the
// concrete error is an *APIError carrying the code.
var (
	ErrAPIKeyRequired      = errors.New("omicall: API key is required")                     // api_key_is_required
	ErrAPIKeyInvalid       = errors.New("omicall: API key is invalid")                      // api_key_invalid
	ErrRequestBodyRequired = errors.New("omicall: request body is required")                // request_body_required
	ErrUnauthorized        = errors.New("omicall: unauthorized")                            // HTTP 401, or a rejected token
	ErrFullNameRequired    = errors.New("omicall: full name is required")                   // full_name_is_required
	ErrEmailInvalid        = errors.New("omicall: email (identify_info) is invalid")        // identify_info_invalid
	ErrPasswordInvalid     = errors.New("omicall: password does not meet the rule")         // password_invalid
	ErrRoleRequired        = errors.New("omicall: role is required")                        // role_is_required
	ErrAgentExists         = errors.New("omicall: agent already exists")                    // agent_exists
	ErrAgentLimit          = errors.New("omicall: agent limit of the service package")      // limit_agent
	ErrInviteFailed        = errors.New("omicall: invite failed")                           // invite_error
	ErrAgentUUIDExists     = errors.New("omicall: an agent with this uuid already exists")  // agent_uuid_exists
	ErrRateLimited         = errors.New("omicall: rate limited")                            // limit_request_30_minute, HTTP 429
	ErrDateRequired        = errors.New("omicall: from_date and to_date are required")      // from_date_is_required, to_date_is_required
	ErrDateInvalid         = errors.New("omicall: date is invalid")                         // date_invalid
	ErrDateRangeTooLong    = errors.New("omicall: date range longer than 30 days")          // date_is_too_long
	ErrServiceLimit        = errors.New("omicall: not allowed by the service package")      // limit_service
	ErrTTSWordLimit        = errors.New("omicall: text-to-speech character limit exceeded") // limit_word, limit_word_session
	ErrInsufficientBalance = errors.New("omicall: balance is not enough")                   // balance_is_not_enough
	ErrDataRequired        = errors.New("omicall: data is required")                        // data_is_required
	ErrTenantInvalid       = errors.New("omicall: tenant is invalid")                       // tenant_invalid
	ErrUserNotRegistered   = errors.New("omicall: extension is not registered on the PBX")  // user_not_registered
	ErrHotlineInvalid      = errors.New("omicall: outbound hotline is invalid")             // number_call_out_invalid
	ErrExtensionInvalid    = errors.New("omicall: extension is invalid")                    // extension_invalid
	ErrNotFound            = errors.New("omicall: not found")                               // HTTP 404 with an envelope, resource_not_found, source_contact_not_exists, or an unknown id
	ErrPermissionDenied    = errors.New("omicall: permission denied")                       // permission_denied
	ErrTenantDisabled      = errors.New("omicall: tenant account is disabled")              // tenant_disabled
	ErrPackageExpired      = errors.New("omicall: service package expired")                 // individual_package_expired
	ErrUserBusy            = errors.New("omicall: destination line is busy")                // user_busy
	ErrDoNotCall           = errors.New("omicall: number is on the do-not-call list")       // do_not_call
	ErrPhoneInvalid        = errors.New("omicall: phone number format is invalid")          // invalid_phone_number

	// ErrValidation matches every *ValidationError: input refused before
	// any request was sent.
	ErrValidation = errors.New("omicall: invalid request")
	// ErrMalformedResponse matches every *DecodeError.
	ErrMalformedResponse = errors.New("omicall: malformed response")
)

// codeSentinels maps each documented envelope message to its sentinel. A new
// code is one line here.
var codeSentinels = map[string]error{
	"api_key_is_required":     ErrAPIKeyRequired,
	"api_key_invalid":         ErrAPIKeyInvalid,
	"request_body_required":   ErrRequestBodyRequired,
	"full_name_is_required":   ErrFullNameRequired,
	"identify_info_invalid":   ErrEmailInvalid,
	"password_invalid":        ErrPasswordInvalid,
	"role_is_required":        ErrRoleRequired,
	"agent_exists":            ErrAgentExists,
	"limit_agent":             ErrAgentLimit,
	"invite_error":            ErrInviteFailed,
	"agent_uuid_exists":       ErrAgentUUIDExists,
	"limit_request_30_minute": ErrRateLimited,
	"from_date_is_required":   ErrDateRequired,
	"to_date_is_required":     ErrDateRequired,
	"date_invalid":            ErrDateInvalid,
	"date_is_too_long":        ErrDateRangeTooLong,
	"limit_service":           ErrServiceLimit,
	"limit_word":              ErrTTSWordLimit,
	"limit_word_session":      ErrTTSWordLimit,
	"balance_is_not_enough":   ErrInsufficientBalance,
	"data_is_required":        ErrDataRequired,
	"tenant_invalid":          ErrTenantInvalid,
	"user_not_registered":     ErrUserNotRegistered,
	"number_call_out_invalid": ErrHotlineInvalid,
	"extension_invalid":       ErrExtensionInvalid,
	"not_found":               ErrNotFound,

	// docs/api.md §18.5 (the vendor's MCP server). token_expired and
	// auth_invalid match ErrUnauthorized through (*APIError).Is.
	"rate_limit_exceeded":            ErrRateLimited,
	"resource_not_found":             ErrNotFound,
	"source_contact_not_exists":      ErrNotFound,
	"permission_denied":              ErrPermissionDenied,
	"tenant_disabled":                ErrTenantDisabled,
	"individual_package_expired":     ErrPackageExpired,
	"service_package_customer_limit": ErrServiceLimit,
	"user_busy":                      ErrUserBusy,
	"do_not_call":                    ErrDoNotCall,
	"invalid_phone_number":           ErrPhoneInvalid,
}

// tokenCodes are envelope messages taken to mean that the access token is
// invalid or expired. The documentation names none; these are the spellings
// the client treats as such (besides HTTP 401), answered by one refresh.
var tokenCodes = map[string]bool{
	"unauthorized":         true,
	"token_invalid":        true,
	"token_expired":        true,
	"access_token_invalid": true,
	"access_token_expired": true,
}

// ValidationError is input refused by the client before any request was
// sent: Field names the offending field, Reason says why. It matches
// ErrValidation.
type ValidationError struct {
	Field  string
	Reason string
}

// Error returns "omicall: invalid <Field>: <Reason>".
func (e *ValidationError) Error() string {
	return "omicall: invalid " + e.Field + ": " + e.Reason
}

// Is reports whether target is ErrValidation or ErrInvalidInput.
func (e *ValidationError) Is(target error) bool {
	return target == ErrValidation || target == ErrInvalidInput
}

// ErrInvalidInput matches every error that says your input was wrong,
// whoever found it: a *ValidationError (refused before sending), and an
// *APIError whose code is an input code of the API (a required field
// missing, a value invalid: data_is_required, date_invalid,
// invalid_phone_number, extension_invalid, ...). It does not match
// credential or permission errors. The specific sentinels (ErrPhoneInvalid,
// ErrDataRequired, ...) still match as well.
var ErrInvalidInput = errors.New("omicall: invalid input")

// inputCode reports whether an envelope code says the request's input was
// wrong: a documented input code, or one shaped like them ("..._required",
// "..._invalid", "invalid_...", "..._too_long"), credentials excepted.
func inputCode(code string) bool {
	switch code {
	case "", "api_key_invalid", "api_key_is_required", "tenant_invalid", "auth_invalid":
		return false
	case "number_call_out_invalid", "identify_info_invalid", "date_is_too_long", "limit_word", "limit_word_session":
		return true
	}
	if tokenCodes[code] {
		return false
	}
	return strings.HasSuffix(code, "_required") || strings.HasSuffix(code, "_invalid") || strings.HasPrefix(code, "invalid_")
}

// DecodeError is a response that could not be read as OMICall JSON: an HTML
// error page, an empty or truncated body, or JSON without an envelope. It
// matches ErrMalformedResponse and unwraps to the decoding error.
type DecodeError struct {
	HTTPStatus int
	Method     string
	Path       string // never the query string
	Err        error
}

// Error names the method, path and HTTP status, never the query.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("omicall: %s %s: malformed response (HTTP %d): %v", e.Method, e.Path, e.HTTPStatus, e.Err)
}

// Unwrap returns the underlying decoding error.
func (e *DecodeError) Unwrap() error { return e.Err }

// Is reports whether target is ErrMalformedResponse.
func (e *DecodeError) Is(target error) bool { return target == ErrMalformedResponse }

// routeMissing reports whether err says the host has no route for the
// method and path: HTTP 404 or 405 without an OMICall envelope (an
// envelope's not_found is about the item, not the route).
func routeMissing(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.StatusCode == 0 && (ae.HTTPStatus == http.StatusNotFound || ae.HTTPStatus == http.StatusMethodNotAllowed)
	}
	var de *DecodeError
	return errors.As(err, &de) && (de.HTTPStatus == http.StatusNotFound || de.HTTPStatus == http.StatusMethodNotAllowed)
}
