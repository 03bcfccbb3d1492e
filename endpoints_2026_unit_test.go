package omicall

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetByTransactionIDPostsThenGets(t *testing.T) {
	rec2026 := string(fixture(t, "call_transaction_record_2026.json"))
	t.Run("POST answers", func(t *testing.T) {
		c, mt := newMockClient(t)
		post := recordRoute(t, mt, http.MethodPost, getFullPath, okPayload(rec2026))
		tx, err := c.Transactions.GetFull(ctxT(t), "708dbad6-162b-4b09-9d2e-a7a8e3260cbd")
		require.NoError(t, err)
		checkRecord2026(t, tx)
		assert.JSONEq(t, `{"transactionId":"708dbad6-162b-4b09-9d2e-a7a8e3260cbd"}`, string(post.only(t).Body))
		assert.Equal(t, "Bearer "+testToken, post.only(t).Header.Get("Authorization"))
	})
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		t.Run(fmt.Sprintf("POST route missing (%d)", status), func(t *testing.T) {
			c, mt := newMockClient(t)
			post := recordRoute(t, mt, http.MethodPost, getFullPath, httpmock.NewStringResponder(status, `<html>no route</html>`))
			get := recordRoute(t, mt, http.MethodGet, getFullPath, okPayload(rec2026))
			tx, err := c.Transactions.GetFull(ctxT(t), "id-1")
			require.NoError(t, err)
			checkRecord2026(t, tx)
			assert.Equal(t, 1, post.count())
			assert.Equal(t, "id-1", get.only(t).Query.Get("transactionId"))
		})
	}
	t.Run("an envelope's not found is not a missing route", func(t *testing.T) {
		c, mt := newMockClient(t)
		recordRoute(t, mt, http.MethodPost, getFullPath, failStatus(http.StatusNotFound, "not_found"))
		get := recordRoute(t, mt, http.MethodGet, getFullPath, okPayload(rec2026))
		_, err := c.Transactions.GetFull(ctxT(t), "nope")
		require.ErrorIs(t, err, ErrNotFound)
		assert.Zero(t, get.count())
	})
	_, err := (&TransactionService{}).GetFull(ctxT(t), "")
	requireValidation(t, err, "transactionID")
}

func TestAgentGetByEmailGetsThenPosts(t *testing.T) {
	c, mt := newMockClient(t)
	get := recordRoute(t, mt, http.MethodGet, agentByEmailPath, httpmock.NewStringResponder(http.StatusMethodNotAllowed, ""))
	post := recordRoute(t, mt, http.MethodPost, agentByEmailPath,
		okPayload(`{"_id":"a1","identify_info":"a@x.vn","pbx_account":{"sip_user":"101","sip_password":"SIP-SECRET-9"}}`))
	a, err := c.Agents.Lookup(ctxT(t), AgentByEmail, " a@x.vn ")
	require.NoError(t, err)
	assert.Equal(t, "a@x.vn", get.only(t).Query.Get("email"))
	assert.JSONEq(t, `{"email":"a@x.vn"}`, string(post.only(t).Body))
	assert.Equal(t, "101", a.PBXAccount.SIPUser)
	assert.Equal(t, "SIP-SECRET-9", a.PBXAccount.SIPPassword)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, a), "SIP-SECRET-9", verb)
		assert.NotContains(t, fmt.Sprintf(verb, *a), "SIP-SECRET-9", verb)
	}
	_, err = c.Agents.Lookup(ctxT(t), AgentByEmail, "not-an-email")
	requireValidation(t, err, "email")
	_, err = c.Agents.Lookup(ctxT(t), "phone", "0900000001")
	requireValidation(t, err, "by")
	assert.Equal(t, [2]int{1, 1}, [2]int{get.count(), post.count()}, "nothing more is sent for bad input")
}

func TestCallBotPartialFailureIsAnError(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, callBotPath, okPayload(`{"autocall_id":"s1","errors":[
		{"phone_number":"0999999999","code":"number_dnc"},{"phone":"abc","message":"invalid_phone_number"},"quota"]}`))
	res, err := c.Calls.CallBotByPhone(ctxT(t), &CallBotRequest{PhoneNumbers: []string{"0900000001", "0999999999", "abc"},
		BotScriptID: "bot-1", CID: "842800000001", Variables: map[string]any{"ten": "An"}, Extra: map[string]any{"num_retry": 1, "cid": "x"}})
	require.Error(t, err)
	require.ErrorIs(t, err, ErrPartialFailure)
	var pf *PartialFailureError
	require.True(t, errors.As(err, &pf))
	assert.Equal(t, []CallBotFailure{{PhoneNumber: "0999999999", Code: "number_dnc"}, {PhoneNumber: "abc", Code: "invalid_phone_number"}, {Code: "quota"}}, pf.Failures)
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

func TestV3EvaluationAndReportRequests(t *testing.T) {
	c, mt := newMockClient(t)
	ev := recordRoute(t, mt, http.MethodPost, "/api/v3/call-transaction/add-evaluation", okPayload(`null`))
	require.NoError(t, c.Transactions.Score(ctxT(t), &ScoreRequest{TransactionID: "t1", AgentID: "a1", Comment: "tốt",
		Values: []EvaluationScore{{CriteriaID: "c1", Point: 8}}}))
	sent := ev.only(t)
	assert.JSONEq(t, `{"transactionId":"t1","agentId":"a1","evaluation":{"comment":"tốt","values":[{"criteria_id":"c1","point":8}]}}`, string(sent.Body))
	assert.Equal(t, testAPIKey, sent.Header.Get("x-api-key"))
	for field, bad := range map[string]*ScoreRequest{
		"req": nil, "TransactionID": {AgentID: "a"}, "AgentID": {TransactionID: "t"},
		"Values": {TransactionID: "t", AgentID: "a"}, "Values[0].CriteriaID": {TransactionID: "t", AgentID: "a", Values: []EvaluationScore{{Point: 1}}},
		"Values[0].Point": {TransactionID: "t", AgentID: "a", Values: []EvaluationScore{{CriteriaID: "c", Point: -1}}},
	} {
		requireValidation(t, c.Transactions.Score(ctxT(t), bad), field)
	}
	assert.Equal(t, 1, ev.count(), "nothing sent for bad input")

	rep := recordRoute(t, mt, http.MethodGet, "/api/v3/call-transaction/report", okPayload(`{"by_day":[]}`))
	raw, err := c.Transactions.ReportByTime(ctxT(t), v3From, v3To)
	require.NoError(t, err)
	assert.JSONEq(t, `{"by_day":[]}`, string(raw))
	assert.Equal(t, "1778518800000", rep.only(t).Query.Get("fromDate"))
	_, err = c.Transactions.ReportByTime(ctxT(t), v3To, v3From)
	requireValidation(t, err, "To")
}

func TestHotlineSearchAndExtensionUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodGet, "/api/call_center/hotline/search", okPayload(`{"items":[{"_id":"h1","number":"842800000001",
		"configs":{"allow_call_in":"true","allow_call_out":false,"default_script":"s1","working_days":["mon"]},"accesses":[{"user":"u"}]}],"has_next":false}`))
	p, err := c.CallCenter.ListHotlines(ctxT(t), &ListOptions{Keyword: "8428", Size: 10})
	require.NoError(t, err)
	require.Len(t, p.Items, 1)
	h := p.Items[0]
	assert.Equal(t, "842800000001", h.Number)
	assert.True(t, bool(h.Configs.AllowCallIn))
	assert.False(t, bool(h.Configs.AllowCallOut))
	assert.Equal(t, "s1", h.Configs.DefaultScript)
	assert.JSONEq(t, `[{"user":"u"}]`, string(h.Accesses))
	assert.Equal(t, "8428", rec.only(t).Query.Get("keyword"))

	up := recordRoute(t, mt, http.MethodPost, "/api/call_center/internal_phone/update", okPayload(`true`))
	req := &UpdateExtensionRequest{SIPUser: "101", Password: "NEW-SIP-SECRET"}
	require.NoError(t, c.CallCenter.UpdateExtension(ctxT(t), req))
	assert.JSONEq(t, `{"sip_user":"101","password":"NEW-SIP-SECRET"}`, string(up.only(t).Body))
	assert.NotContains(t, fmt.Sprintf("%+v", req), "NEW-SIP-SECRET")
	requireValidation(t, c.CallCenter.UpdateExtension(ctxT(t), &UpdateExtensionRequest{}), "SIPUser")
	requireValidation(t, c.CallCenter.UpdateExtension(ctxT(t), &UpdateExtensionRequest{SIPUser: "1", CallTimeout: -1}), "CallTimeout")
}

func TestAIAnalyses(t *testing.T) {
	c, mt := newMockClient(t)
	list := recordRoute(t, mt, http.MethodPost, "/api/ai/call_transaction/list", okPayload(`[{"transaction_id":"t1","speech_to_text":[]},{"transactionId":"t2"}]`))
	got, err := c.Transactions.ListAnalyses(ctxT(t), "t1", "t2")
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "t1", got[0].TransactionID)
	assert.Equal(t, "t2", got[1].TransactionID)
	assert.JSONEq(t, `{"transaction_ids":["t1","t2"]}`, string(list.only(t).Body))
	_, err = c.Transactions.ListAnalyses(ctxT(t))
	requireValidation(t, err, "transactionIDs")
	recordRoute(t, mt, http.MethodPost, "/api/ai/call_transaction/get", okPayload(`{"call_uuid":"t3","nlp":{}}`))
	one, err := c.Transactions.GetAnalysis(ctxT(t), "t3")
	require.NoError(t, err)
	assert.Equal(t, "t3", one.TransactionID)
}
