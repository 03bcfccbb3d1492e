package omicall

import (
	"context"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ccCase is one call-center method: the request it must send, a response,
// and what the result must hold.
type ccCase struct {
	name    string
	method  string
	path    string // relative to the API root
	resp    httpmock.Responder
	call    func(ctx context.Context, c *Client) (any, error)
	query   url.Values // the exact query expected
	body    string     // the JSON body expected; "" means none
	retried bool       // whether a 503 is retried
	checkRq func(t *testing.T, r sentRequest)
	check   func(t *testing.T, got any)
}

func onePage(items string) httpmock.Responder {
	return okPayload(`{"items":` + items + `,"page_number":1,"page_size":10,"total_items":1,"total_pages":1,"has_next":false,"extension":null}`)
}

// testCCCases checks each case: the request it sends and what it returns,
// then its failures (404, an error envelope, a 503 retried or not).
func testCCCases(t *testing.T, cases []ccCase) {
	t.Helper()
	testCCRequests(t, cases)
	testCCFailures(t, cases)
}

func testCCRequests(t *testing.T, cases []ccCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, tc.method, tc.path, tc.resp)
			got, err := tc.call(ctxT(t), c)
			require.NoError(t, err)
			require.Equal(t, 1, log.count())
			r := log.last(t)
			assert.Equal(t, tc.method, r.Method)
			assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
			if tc.query == nil {
				tc.query = url.Values{}
			}
			assert.Equal(t, tc.query, r.Query)
			switch {
			case tc.checkRq != nil:
				tc.checkRq(t, r)
			case tc.body == "":
				assert.Empty(t, r.Body)
			default:
				assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
				assert.JSONEq(t, tc.body, string(r.Body))
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

func testCCFailures(t *testing.T, cases []ccCase) {
	for _, tc := range cases {
		t.Run(tc.name+"/not_found", func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, tc.method, tc.path, httpmock.NewStringResponder(404, `{"status_code":-9999,"message":"not_found"}`))
			_, err := tc.call(ctxT(t), c)
			require.ErrorIs(t, err, ErrNotFound)
			assert.Equal(t, 1, log.count(), "a 404 is not retried")
		})
		t.Run(tc.name+"/envelope_error", func(t *testing.T) {
			c, mt := newMockClient(t)
			recordRoute(t, mt, tc.method, tc.path, failCode("extension_invalid"))
			_, err := tc.call(ctxT(t), c)
			require.ErrorIs(t, err, ErrExtensionInvalid)
		})
		t.Run(tc.name+"/503", func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, tc.method, tc.path, httpmock.NewStringResponder(503, `{"status_code":-9999,"message":"busy"}`))
			_, err := tc.call(ctxT(t), c)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 503, apiErr.HTTPStatus)
			want := 1
			if tc.retried {
				want = 3
			}
			assert.Equal(t, want, log.count(), "attempts (the doc comment says whether it is retried)")
		})
	}
}

func TestActionTypes(t *testing.T) {
	for _, a := range []ActionType{"", ActionRecording, ActionIVRMenu, ActionRingGroup, ActionVoiceMail} {
		assert.True(t, knownAction(a), a)
	}
	for _, a := range []ActionType{"recording", "Ring group", "Voicemail"} {
		assert.False(t, knownAction(a), a)
	}
	requireValidation(t, actionErr("Scripts.ActionType"), "Scripts.ActionType")
	assert.ErrorContains(t, actionErr("f"), "ActionRecording, ActionIVRMenu, ActionRingGroup or ActionVoiceMail")
}
