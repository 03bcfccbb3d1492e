package omicall

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
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
