package omicall

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// probeBody is a request body that validates itself as told.
type probeBody struct {
	Name   string `json:"name"`
	refuse bool
}

func (p *probeBody) validate() error {
	if p.refuse {
		return &ValidationError{Field: "probe", Reason: "refused"}
	}
	return nil
}

const probePath = "/api/probe"

func TestGetObjectDecodesAFreshValue(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodGet, probePath, okPayload(`{"full_name":"got"}`), failCode("tenant_invalid"))
	ten, err := getObject[Tenant](ctxT(t), c.e, probePath, url.Values{"k": {"v"}})
	require.NoError(t, err)
	assert.Equal(t, "got", ten.FullName)
	assert.Equal(t, url.Values{"k": {"v"}}, rec.only(t).Query)

	ten, err = getObject[Tenant](ctxT(t), c.e, probePath, nil)
	assert.ErrorIs(t, err, ErrTenantInvalid)
	assert.Nil(t, ten, "no half-decoded value beside an error")
}

func TestPostObjectSendsJSONOnceUnlessRetryable(t *testing.T) {
	c, mt := newMockClient(t)
	busy := failStatus(http.StatusServiceUnavailable, "busy")
	rec := recordRoute(t, mt, http.MethodPost, probePath, busy, busy, okPayload(`{"full_name":"posted"}`))
	ten, err := postObject[Tenant](ctxT(t), c.e, probePath, map[string]string{"a": "b"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.HTTPStatus)
	assert.Nil(t, ten)
	sent := rec.only(t)
	assert.JSONEq(t, `{"a":"b"}`, string(sent.Body))
	assert.Equal(t, "application/json", sent.Header.Get("Content-Type"))

	ten, err = postObject[Tenant](ctxT(t), c.e, probePath, map[string]string{"a": "b"}, WithRetryPOST())
	require.NoError(t, err)
	assert.Equal(t, "posted", ten.FullName)
	assert.Equal(t, 3, rec.count(), "the second call was retried once")
}

func TestCreateValidChecksBeforeSendingAndSendsOnce(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, probePath, failStatus(http.StatusServiceUnavailable, "busy"), okPayload(`{"full_name":"made"}`))
	_, err := createValid[Tenant](ctxT(t), c.e, probePath, &probeBody{Name: "x", refuse: true})
	requireValidation(t, err, "probe")
	assert.Zero(t, rec.count(), "an invalid body is not sent")

	_, err = createValid[Tenant](ctxT(t), c.e, probePath, &probeBody{Name: "x"})
	require.Error(t, err)
	assert.Equal(t, 1, rec.count(), "a create is not repeated")
	assert.JSONEq(t, `{"name":"x"}`, string(rec.last(t).Body))

	ten, err := createValid[Tenant](ctxT(t), c.e, probePath, &probeBody{Name: "y"})
	require.NoError(t, err)
	assert.Equal(t, "made", ten.FullName)
}

func TestUpdateValidChecksTheIDFirstAndIsRetried(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordAny(t, mt, failStatus(http.StatusServiceUnavailable, "busy"), okPayload(`{"full_name":"updated"}`))
	for _, id := range []string{"", " ", "..", "a/b"} {
		_, err := updateValid[Tenant](ctxT(t), c.e, probePath, id, &probeBody{refuse: true})
		requireValidation(t, err, "id")
	}
	_, err := updateValid[Tenant](ctxT(t), c.e, probePath, "42", &probeBody{refuse: true})
	requireValidation(t, err, "probe")
	assert.Zero(t, rec.count(), "nothing is sent")

	ten, err := updateValid[Tenant](ctxT(t), c.e, probePath, "a b", &probeBody{Name: "n"})
	require.NoError(t, err)
	assert.Equal(t, "updated", ten.FullName)
	require.Equal(t, 2, rec.count(), "an update is retried")
	got := rec.last(t)
	assert.Equal(t, http.MethodPost, got.Method)
	assert.Equal(t, probePath+"/a%20b", got.Path, "the id is one escaped segment")
	assert.JSONEq(t, `{"name":"n"}`, string(got.Body))
}

func TestDoAppliedTurnsFalseIntoErrNotApplied(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		applied bool
	}{
		{"true", envelopeOK(`true`), true},
		{"false", envelopeOK(`false`), false},
		{"false among spaces", `{"status_code":9999,"payload": false }`, false},
		{"no payload", `{"status_code":9999}`, true},
		{"null payload", envelopeOK(`null`), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			recordRoute(t, mt, http.MethodPost, probePath, httpmock.NewStringResponder(http.StatusOK, tc.body))
			err := c.e.doApplied(ctxT(t), &request{method: http.MethodPost, path: probePath})
			if tc.applied {
				assert.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, ErrNotApplied)
			assert.Contains(t, err.Error(), "POST "+probePath)
		})
	}
	c, mt := newMockClient(t)
	recordRoute(t, mt, http.MethodPost, probePath, failCode("tenant_invalid"))
	err := c.e.doApplied(ctxT(t), &request{method: http.MethodPost, path: probePath})
	assert.ErrorIs(t, err, ErrTenantInvalid)
	assert.NotErrorIs(t, err, ErrNotApplied)
}

func TestDeleteByIDAndPathID(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordAny(t, mt, okPayload(`true`))
	for _, id := range []string{"", "\t", ".", "x?y", "x#y", "x\\y"} {
		requireValidation(t, c.e.deleteByID(ctxT(t), probePath, id), "id")
	}
	assert.Zero(t, rec.count(), "nothing is sent")
	require.NoError(t, c.e.deleteByID(ctxT(t), probePath, "ả b"))
	got := rec.only(t)
	assert.Equal(t, http.MethodDelete, got.Method)
	assert.Equal(t, probePath+"/%E1%BA%A3%20b", got.Path)

	p, err := pathID("/api/x", "userID", "u:1")
	require.NoError(t, err)
	assert.Equal(t, "/api/x/u:1", p)
	_, err = pathID("/api/x", "userID", "..")
	requireValidation(t, err, "userID")
}

// missingRoute is an answer after which postElseGet and getElsePost try the
// other method (a host without the route), or do not (an OMICall answer,
// or a failure that says nothing of the route).
type missingRoute struct {
	name     string
	status   int
	body     string
	fallBack bool
}

var missingRouteCases = []missingRoute{
	{"bare 404", http.StatusNotFound, "<html>Not Found</html>", true},
	{"bare 405", http.StatusMethodNotAllowed, "", true},
	{"envelope 404", http.StatusNotFound, `{"status_code":-9999,"message":"not_found"}`, false},
	{"bare 400", http.StatusBadRequest, "", false},
	{"success", http.StatusOK, envelopeOK(`{"full_name":"first"}`), false},
}

// runFallback answers the first method with tc's answer and the second with
// HTTP 503 and then a success, runs call, and returns the request of the
// first method and, when the call fell back, the last of the second.
func runFallback(t *testing.T, tc missingRoute, first, second string, call func(*engine, *Tenant) error) (sentRequest, *sentRequest) {
	t.Helper()
	c, mt := newMockClient(t)
	one := recordRoute(t, mt, first, probePath, httpmock.NewStringResponder(tc.status, tc.body))
	two := recordRoute(t, mt, second, probePath, failStatus(http.StatusServiceUnavailable, "busy"), okPayload(`{"full_name":"second"}`))
	var out Tenant
	err := call(c.e, &out)
	sent := one.only(t)
	if !tc.fallBack {
		assert.Zero(t, two.count())
		assert.Equal(t, tc.status == http.StatusOK, err == nil, "%v", err)
		assert.Equal(t, tc.status == http.StatusOK, out.FullName == "first")
		return sent, nil
	}
	require.NoError(t, err)
	assert.Equal(t, "second", out.FullName)
	assert.Equal(t, 2, two.count(), "the second method only reads: it is retried")
	last := two.last(t)
	return sent, &last
}

func TestPostElseGetFallsBackOnAMissingRoute(t *testing.T) {
	for _, tc := range missingRouteCases {
		t.Run(tc.name, func(t *testing.T) {
			post, get := runFallback(t, tc, http.MethodPost, http.MethodGet, func(e *engine, out *Tenant) error {
				return e.postElseGet(ctxT(t), probePath, map[string]string{"k": "v"}, url.Values{"k": {"v"}}, out)
			})
			assert.JSONEq(t, `{"k":"v"}`, string(post.Body))
			if get != nil {
				assert.Equal(t, url.Values{"k": {"v"}}, get.Query)
				assert.Empty(t, get.Body)
			}
		})
	}
}

func TestGetElsePostFallsBackOnAMissingRoute(t *testing.T) {
	for _, tc := range missingRouteCases {
		t.Run(tc.name, func(t *testing.T) {
			get, post := runFallback(t, tc, http.MethodGet, http.MethodPost, func(e *engine, out *Tenant) error {
				return e.getElsePost(ctxT(t), probePath, url.Values{"k": {"v"}}, map[string]string{"k": "v"}, out)
			})
			assert.Equal(t, url.Values{"k": {"v"}}, get.Query)
			if post != nil {
				assert.JSONEq(t, `{"k":"v"}`, string(post.Body))
			}
		})
	}
}
