package omicall

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAPIErrorReadsAndMatches(t *testing.T) {
	e := &APIError{HTTPStatus: 200, StatusCode: -9999, Code: "agent_exists", Method: "POST", Path: "/api/agent/invite"}
	assert.Equal(t, "omicall: POST /api/agent/invite: agent_exists (status -9999, HTTP 200)", e.Error())
	assert.ErrorIs(t, e, ErrAgentExists)
	assert.NotErrorIs(t, e, ErrAgentLimit)
	assert.NotErrorIs(t, e, ErrNotFound)

	wrapped := fmt.Errorf("inviting: %w", &APIError{HTTPStatus: 404, Method: "GET", Path: "/x"})
	assert.EqualError(t, wrapped, "inviting: omicall: GET /x: Not Found (status 0, HTTP 404)")
	assert.NotErrorIs(t, wrapped, ErrNotFound, "a bare 404 is not an OMICall answer")
	assert.ErrorIs(t, &APIError{HTTPStatus: 404, StatusCode: -9999, Code: "not_found"}, ErrNotFound)
	assert.ErrorIs(t, &APIError{HTTPStatus: 401}, ErrUnauthorized)
	assert.ErrorIs(t, &APIError{HTTPStatus: 429}, ErrRateLimited)
	assert.ErrorIs(t, &APIError{Code: "email_registered"}, ErrEmailRegistered, "partner codes too")
	assert.Contains(t, (&APIError{HTTPStatus: 599}).Error(), "request failed (status 0, HTTP 599)")
}

func TestValidationAndDecodeErrors(t *testing.T) {
	v := &ValidationError{Field: "Email", Reason: "is required"}
	assert.EqualError(t, v, "omicall: invalid Email: is required")
	assert.ErrorIs(t, v, ErrValidation)

	d := &DecodeError{HTTPStatus: 502, Method: "GET", Path: "/api/tenant/detail", Err: io.ErrUnexpectedEOF}
	assert.EqualError(t, d, "omicall: GET /api/tenant/detail: malformed response (HTTP 502): unexpected EOF")
	assert.ErrorIs(t, d, ErrMalformedResponse)
	assert.ErrorIs(t, d, io.ErrUnexpectedEOF)
}

func TestRouteMissing(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&APIError{HTTPStatus: http.StatusNotFound}, true},
		{&APIError{HTTPStatus: http.StatusMethodNotAllowed}, true},
		{fmt.Errorf("wrapped: %w", &DecodeError{HTTPStatus: http.StatusNotFound, Err: io.EOF}), true},
		{&DecodeError{HTTPStatus: http.StatusMethodNotAllowed, Err: io.EOF}, true},
		{&APIError{HTTPStatus: http.StatusNotFound, StatusCode: -9999, Code: "not_found"}, false}, // the item, not the route
		{&APIError{HTTPStatus: http.StatusInternalServerError}, false},
		{&DecodeError{HTTPStatus: http.StatusOK, Err: io.EOF}, false},
		{errors.New("dial tcp: refused"), false},
		{nil, false},
	} {
		assert.Equal(t, tc.want, routeMissing(tc.err), "%v", tc.err)
	}
}

// Every code of docs/api.md §18.5 maps to its sentinel.
func TestSection185CodeToSentinel(t *testing.T) {
	for code, want := range map[string]error{
		"token_expired":                  ErrUnauthorized,
		"auth_invalid":                   ErrUnauthorized,
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
		// the documented codes the same table repeats
		"api_key_is_required":     ErrAPIKeyRequired,
		"api_key_invalid":         ErrAPIKeyInvalid,
		"request_body_required":   ErrRequestBodyRequired,
		"data_is_required":        ErrDataRequired,
		"tenant_invalid":          ErrTenantInvalid,
		"user_not_registered":     ErrUserNotRegistered,
		"number_call_out_invalid": ErrHotlineInvalid,
		"extension_invalid":       ErrExtensionInvalid,
		"limit_service":           ErrServiceLimit,
		"limit_word":              ErrTTSWordLimit,
		"balance_is_not_enough":   ErrInsufficientBalance,
	} {
		t.Run(code, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
				httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"`+code+`"}`))
			_, err := c.Tenant.Get(ctxT(t))
			require.ErrorIs(t, err, want)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, code, apiErr.Code)
		})
	}
	// The new sentinels are distinct from one another and from ErrNotFound.
	news := []error{ErrPermissionDenied, ErrTenantDisabled, ErrPackageExpired, ErrUserBusy, ErrDoNotCall, ErrPhoneInvalid}
	for i, a := range news {
		assert.NotErrorIs(t, a, ErrNotFound)
		for _, b := range news[i+1:] {
			assert.NotErrorIs(t, a, b)
		}
	}
}
