package omicall

import (
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An HTTP 404 without an envelope (a wrong host's HTML page) is a
// *DecodeError that points at the base URL, not ErrNotFound; a 404 with an
// envelope still is ErrNotFound.
func TestBare404IsNotErrNotFound(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list", httpmock.NewStringResponder(404, "<html>Not Found</html>"))
	_, err := c.Agents.List(ctxT(t), nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrNotFound)
	var decErr *DecodeError
	require.ErrorAs(t, err, &decErr)
	assert.Equal(t, 404, decErr.HTTPStatus)
	assert.Contains(t, err.Error(), "base URL")

	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(404, `{"status_code":-9999,"message":"not_found"}`))
	_, err = c.Tenant.Get(ctxT(t))
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestEnvelopeFailureOnHTTP200(t *testing.T) {
	for code, sentinel := range codeSentinels {
		t.Run(code, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
				httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"`+code+`"}`))
			_, err := c.Tenant.Get(ctxT(t))
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, &APIError{HTTPStatus: 200, StatusCode: -9999, Code: code, Method: "GET", Path: "/api/tenant/detail"}, apiErr)
			assert.ErrorIs(t, err, sentinel)
			assert.Equal(t, "omicall: GET /api/tenant/detail: "+code+" (status -9999, HTTP 200)", err.Error())
		})
	}
}

func TestEnvelopeOtherFailureCodes(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail",
		httpmock.NewStringResponder(200, `{"status_code":1,"message":"something_new","payload":{"full_name":"x"}}`))
	_, err := c.Tenant.Get(ctxT(t))
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 1, apiErr.StatusCode)
	assert.Equal(t, "something_new", apiErr.Code)
	assert.False(t, errors.Is(err, ErrNotFound))
}

func TestMalformedResponses(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		body       string
		wantAPI    bool // *APIError rather than *DecodeError
		wantStatus int
	}{
		{"html page on 200", 200, "<html><body>oops</body></html>", false, 200},
		{"empty body", 200, "", false, 200},
		{"truncated JSON", 200, `{"status_code":9999,"payload":{"full_na`, false, 200},
		{"JSON without envelope", 200, `{"full_name":"x"}`, false, 200},
		{"JSON array", 200, `[1,2]`, false, 200},
		{"html error page", 404, "<html>Not Found</html>", true, 404},
		{"empty 400", 400, "", true, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(tc.status, tc.body))
			ten, err := c.Tenant.Get(ctxT(t))
			require.Error(t, err)
			assert.Nil(t, ten)
			assert.Contains(t, err.Error(), "GET /api/tenant/detail")
			if tc.wantAPI {
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.wantStatus, apiErr.HTTPStatus)
			} else {
				var decErr *DecodeError
				require.ErrorAs(t, err, &decErr)
				assert.Equal(t, tc.wantStatus, decErr.HTTPStatus)
				assert.ErrorIs(t, err, ErrMalformedResponse)
			}
		})
	}
}

func TestMistypedFieldLeavesZeroAndKeepsTheRest(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(200,
		`{"status_code":9999,"payload":{"full_name":{"oops":1},"email":"a@b.c","service_package":{"staff_num":"7"},"public_numbers":"none","domain_expire":"1584606068154","enabled":"true"}}`))
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	assert.Empty(t, ten.FullName)
	assert.Equal(t, "a@b.c", ten.Email)
	assert.Empty(t, ten.PublicNumbers)
	assert.Equal(t, int64(1584606068154), ten.DomainExpire.UnixMilli())
	assert.True(t, bool(ten.Enabled))
}

func TestEnvelopeStatusCodeVariants(t *testing.T) {
	for _, body := range []string{
		`{"status_code":"9999","payload":{"full_name":"ok"}}`,
		`{"status_code":9999.0,"payload":{"full_name":"ok"}}`,
		`{"payload":{"full_name":"ok"},"status_code":9999}`,
	} {
		err := decodeResponse(&request{method: "GET", path: "/api/tenant/detail", out: &Tenant{}}, 200, []byte(body))
		assert.NoError(t, err, body)
	}
	err := decodeResponse(&request{method: "POST", path: "/api/agent/invite"}, 200, []byte(`{"status_code":"-9999","message":"agent_exists","payload":null}`))
	assert.ErrorIs(t, err, ErrAgentExists)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, -9999, apiErr.StatusCode)

	// A success with a null or missing payload leaves the result zero.
	for _, body := range []string{`{"status_code":9999,"payload":null}`, `{"status_code":9999}`} {
		var ten Tenant
		require.NoError(t, decodeResponse(&request{method: "GET", path: "/x", out: &ten}, 200, []byte(body)), body)
		assert.Equal(t, Tenant{}, ten)
	}
	// No status code at all, or a null one, is not an envelope.
	for _, body := range []string{`{"payload":{}}`, `{"status_code":null}`} {
		assert.ErrorIs(t, decodeResponse(&request{method: "GET", path: "/x"}, 200, []byte(body)), ErrMalformedResponse, body)
	}
}

// The cases of decodeResponse the service tests do not reach: no content,
// an HTTP failure status around a success envelope, a bare 404's cause, and
// the answers without an envelope (withRawResponse).
func TestDecodeResponseCases(t *testing.T) {
	decode := func(raw bool, out any, status int, body string) error {
		r := &request{method: http.MethodGet, path: "/api/x", out: out}
		r.raw = raw
		return decodeResponse(r, status, []byte(body))
	}
	t.Run("no content leaves out as it was", func(t *testing.T) {
		for _, body := range []string{"", " \n"} {
			ten := Tenant{FullName: "kept"}
			require.NoError(t, decode(false, &ten, http.StatusNoContent, body))
			assert.Equal(t, "kept", ten.FullName)
		}
		assert.ErrorIs(t, decode(false, nil, http.StatusNoContent, `{"status_code":-9999,"message":"tenant_invalid"}`), ErrTenantInvalid,
			"a 204 that carries an envelope is read")
	})
	t.Run("an HTTP failure around a success envelope", func(t *testing.T) {
		var apiErr *APIError
		require.ErrorAs(t, decode(false, &Tenant{}, http.StatusInternalServerError, envelopeOK(`{}`)), &apiErr)
		assert.Equal(t, APIError{HTTPStatus: 500, StatusCode: statusSuccess, Method: "GET", Path: "/api/x"}, *apiErr)
	})
	t.Run("a bare 404 unwraps to the status", func(t *testing.T) {
		err := decode(false, &Tenant{}, http.StatusNotFound, "<html>")
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusNotFound, apiErr.HTTPStatus)
		assert.ErrorIs(t, err, ErrMalformedResponse)
		assert.NotErrorIs(t, err, ErrNotFound)
	})
	t.Run("malformed JSON keeps the syntax error", func(t *testing.T) {
		err := decode(false, &Tenant{}, http.StatusOK, `{"status_code":`)
		var syn *json.SyntaxError
		assert.ErrorAs(t, err, &syn)
		assert.Contains(t, err.Error(), "decoding JSON")
	})
	t.Run("raw failure", func(t *testing.T) {
		var apiErr *APIError
		require.ErrorAs(t, decode(true, &Tenant{}, http.StatusBadRequest, `{"message":"limit_word"}`), &apiErr)
		assert.Equal(t, APIError{HTTPStatus: 400, Code: "limit_word", Method: "GET", Path: "/api/x"}, *apiErr)
		assert.ErrorIs(t, apiErr, ErrTTSWordLimit)
		require.ErrorAs(t, decode(true, nil, http.StatusBadGateway, `<html>`), &apiErr)
		assert.Equal(t, APIError{HTTPStatus: 502, Method: "GET", Path: "/api/x"}, *apiErr)
	})
	t.Run("raw bytes are kept as they came", func(t *testing.T) {
		var audio []byte
		require.NoError(t, decode(true, &audio, http.StatusOK, "ID3\x00\x01not json"))
		assert.Equal(t, "ID3\x00\x01not json", string(audio))
	})
	t.Run("raw JSON is decoded leniently, without an envelope", func(t *testing.T) {
		var ten Tenant
		require.NoError(t, decode(true, &ten, http.StatusOK, `{"full_name":"n","email":7}`))
		assert.Equal(t, "n", ten.FullName)
		assert.Empty(t, ten.Email)
		require.NoError(t, decode(true, &ten, http.StatusOK, "  "), "an empty body")
		require.NoError(t, decode(true, nil, http.StatusOK, "garbage"), "nothing to decode into")
		assert.ErrorIs(t, decode(true, &ten, http.StatusOK, "garbage"), ErrMalformedResponse)
	})
}
