package omicall

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWebhooksList(t *testing.T) {
	c, mt := newMockClient(t)
	got := recordRoute(t, mt, http.MethodGet, "/api/webhooks/list", fixtureResponder(t, "webhooks_list.json"))
	hooks, err := c.Webhooks.List(ctxT(t))
	require.NoError(t, err)
	r := got.only(t)
	assert.Equal(t, "/api/webhooks/list", r.Path)
	assert.Empty(t, r.Query)
	assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
	assert.Empty(t, r.Body)
	assert.Equal(t, []Webhook{{URL: "https://demo.omicall.com/omicall/updatecall", Type: WebhookTypeCall, Status: WebhookStatusActive}}, hooks)
}

func TestWebhooksListIsRetried(t *testing.T) {
	c, mt := newMockClient(t)
	n := 0
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/webhooks/list", func(*http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return httpmock.NewStringResponse(503, "busy"), nil
		}
		return httpmock.NewBytesResponse(200, fixture(t, "webhooks_list.json")), nil
	})
	hooks, err := c.Webhooks.List(ctxT(t))
	require.NoError(t, err)
	assert.Len(t, hooks, 1)
	assert.Equal(t, 2, n)
}

func TestWebhooksRegister(t *testing.T) {
	c, mt := newMockClient(t)
	got := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", fixtureResponder(t, "webhooks_register.json"))
	hooks, err := c.Webhooks.Register(ctxT(t), &RegisterWebhookRequest{Type: WebhookTypeCall, URL: "https://...."})
	require.NoError(t, err)
	r := got.only(t)
	assert.Equal(t, "/api/webhooks/register", r.Path)
	assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	// No events: exactly the documented request, events null.
	assert.JSONEq(t, string(fixture(t, "request_webhooks_register.json")), string(r.Body))
	assert.Equal(t, []Webhook{{URL: "https://demo.omicall.com/omicall/updatecall", Type: "call", Status: "actived"}}, hooks)

	empty := &RegisterWebhookRequest{Type: WebhookTypeCall, URL: "https://crm.example/hook?secret=s", Events: []CallState{}}
	_, err = c.Webhooks.Register(ctxT(t), empty)
	require.NoError(t, err)
	assert.JSONEq(t, `{"webhook":{"type":"call","url":"https://crm.example/hook?secret=s","events":null}}`, string(got.all()[1].Body))
	assert.Equal(t, []CallState{}, empty.Events, "the caller's request is not changed")

	_, err = c.Webhooks.Register(ctxT(t), &RegisterWebhookRequest{Type: WebhookTypeCall, URL: "https://crm.example/hook", Events: []CallState{StateRinging, StateAnswered, StateHangup}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"webhook":{"type":"call","url":"https://crm.example/hook","events":["ringing","answered","hangup"]}}`, string(got.all()[2].Body))
}

func TestWebhooksRegisterIsNotRetried(t *testing.T) {
	c, mt := newMockClient(t)
	n := 0
	mt.RegisterResponder(http.MethodPost, mockBase+"/api/webhooks/register", func(*http.Request) (*http.Response, error) {
		n++
		return httpmock.NewStringResponse(503, "busy"), nil
	})
	_, err := c.Webhooks.Register(ctxT(t), &RegisterWebhookRequest{Type: WebhookTypeCall, URL: "https://crm.example/hook"})
	require.Error(t, err)
	assert.Equal(t, 1, n)
}

func TestWebhooksRegisterRefusedBeforeSending(t *testing.T) {
	c, mt := newMockClient(t)
	got := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", fixtureResponder(t, "webhooks_register.json"))
	for name, reg := range map[string]RegisterWebhookRequest{
		"plain http":           {Type: "call", URL: "http://crm.example/hook?secret=" + hookSecret},
		"plain http, LAN IP":   {Type: "call", URL: "http://10.0.0.5/hook"},
		"no type":              {URL: "https://crm.example/hook"},
		"no URL":               {Type: "call"},
		"relative":             {Type: "call", URL: "/hook"},
		"no host":              {Type: "call", URL: "https:///hook"},
		"other scheme":         {Type: "call", URL: "ftp://crm.example/hook"},
		"unparsable":           {Type: "call", URL: "https://crm.example:port/%zz"},
		"localhost lookalike":  {Type: "call", URL: "http://localhost.evil.example/hook"},
		"loopback in userinfo": {Type: "call", URL: "http://127.0.0.1@evil.example/hook"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.Webhooks.Register(ctxT(t), &reg)
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrValidation)
			assert.NotContains(t, err.Error(), hookSecret)
		})
	}
	_, err := c.Webhooks.Register(ctxT(t), nil)
	requireValidation(t, err, "req")
	assert.Zero(t, got.count(), "no request sent")
	assert.Zero(t, mt.GetTotalCallCount(), "not even the token request")
}

func TestWebhooksRegisterAllowsLoopbackHTTP(t *testing.T) {
	c, mt := newMockClient(t)
	got := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", fixtureResponder(t, "webhooks_register.json"))
	for _, u := range []string{"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]:9/hook", "HTTPS://crm.example/hook"} {
		_, err := c.Webhooks.Register(ctxT(t), &RegisterWebhookRequest{Type: "call", URL: u})
		require.NoError(t, err, u)
	}
	assert.Equal(t, 4, got.count())
}

func TestWebhooksDestroy(t *testing.T) {
	c, mt := newMockClient(t)
	got := recordRoute(t, mt, http.MethodPost, "/api/webhooks/destroy", okPayload("true"))
	require.NoError(t, c.Webhooks.Delete(ctxT(t), WebhookTypeCall))
	r := got.only(t)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/api/webhooks/destroy", r.Path)
	assert.Equal(t, url.Values{"hook_type": {"call"}}, r.Query)
	assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
	assert.Empty(t, r.Body)

	err := c.Webhooks.Delete(ctxT(t), "")
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, 1, got.count(), "no request for an empty hook type")
}

func TestWebhooksErrors(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, mockBase+"/api/webhooks/destroy",
		httpmock.NewStringResponder(200, `{"status_code":-9999,"message":"tenant_invalid"}`))
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/webhooks/list",
		httpmock.NewStringResponder(200, `<html>oops</html>`))
	err := c.Webhooks.Delete(ctxT(t), "call")
	assert.ErrorIs(t, err, ErrTenantInvalid)
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, "/api/webhooks/destroy", apiErr.Path)
	_, err = c.Webhooks.List(ctxT(t))
	assert.ErrorIs(t, err, ErrMalformedResponse)
}

func TestRegisterWebhookFallsBackToTheFlatBody(t *testing.T) {
	reg := RegisterWebhookRequest{Type: WebhookTypeCall, URL: "https://crm.example/hook?secret=s"}
	list := okPayload(`[{"url":"https://crm.example/hook?secret=s","type":"call","status":"actived"}]`)
	t.Run("wrapped refused, flat accepted", func(t *testing.T) {
		c, mt := newMockClient(t)
		rec := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", failCode("data_is_required"), list)
		hooks, err := c.Webhooks.Register(ctxT(t), &reg)
		require.NoError(t, err)
		require.Len(t, hooks, 1)
		all := rec.all()
		require.Len(t, all, 2, "one retry")
		assert.JSONEq(t, `{"webhook":{"type":"call","url":"https://crm.example/hook?secret=s","events":null}}`, string(all[0].Body))
		assert.JSONEq(t, `{"type":"call","url":"https://crm.example/hook?secret=s","events":null}`, string(all[1].Body))
	})
	t.Run("both refused: the flat answer", func(t *testing.T) {
		c, mt := newMockClient(t)
		rec := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", failCode("data_is_required"), failCode("url_invalid"))
		_, err := c.Webhooks.Register(ctxT(t), &reg)
		var ae *APIError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "url_invalid", ae.Code)
		assert.Equal(t, 2, rec.count(), "no loop")
	})
	for _, code := range []string{"api_key_invalid", "token_expired", "limit_request_30_minute"} {
		t.Run("no retry after "+code, func(t *testing.T) {
			c, mt := newMockClient(t)
			rec := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", failCode(code))
			_, err := c.Webhooks.Register(ctxT(t), &reg)
			require.Error(t, err)
			for _, r := range rec.all() {
				assert.Contains(t, string(r.Body), `"webhook"`, "never the flat body")
			}
		})
	}
	t.Run("HTTP 500 without envelope: no flat retry", func(t *testing.T) {
		c, mt := newMockClient(t)
		rec := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", httpmock.NewStringResponder(500, "oops"))
		_, err := c.Webhooks.Register(ctxT(t), &reg)
		require.Error(t, err)
		assert.Equal(t, 1, rec.count())
	})
	t.Run("Flat", func(t *testing.T) {
		c, mt := newMockClient(t)
		rec := recordRoute(t, mt, http.MethodPost, "/api/webhooks/register", list)
		flat := reg
		flat.Flat, flat.Events = true, []CallState{StateRinging, StateCDR}
		_, err := c.Webhooks.Register(ctxT(t), &flat)
		require.NoError(t, err)
		assert.JSONEq(t, `{"type":"call","url":"https://crm.example/hook?secret=s","events":["ringing","cdr"]}`, string(rec.only(t).Body))
	})
}
