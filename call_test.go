package omicall

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClickToCallRequestShape(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/click2call", fixtureResponder(t, "click2call.json"))
	id, err := c.Calls.ClickToCall(ctxT(t), &ClickToCallRequest{Extension: "101", Hotline: "842899990001", PhoneNumber: "0979816773"})
	require.NoError(t, err)
	assert.Equal(t, "b4dae7fe-9d09-4491-918f-2b391fd5feef", id)
	req := log.last(t)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "/api/click2call", req.Path)
	assert.Equal(t, "Bearer "+testToken, req.Header.Get("Authorization"))
	assert.JSONEq(t, `{"extension":"101","hotline":"842899990001","phone_number":"0979816773"}`, string(req.Body))

	for _, bad := range []*ClickToCallRequest{nil, {Hotline: "1", PhoneNumber: "2"}, {Extension: "1", PhoneNumber: "2"}, {Extension: "1", Hotline: "2"}} {
		_, err := c.Calls.ClickToCall(ctxT(t), bad)
		assert.ErrorIs(t, err, ErrValidation)
	}
	assert.Equal(t, 1, log.count())
}

// assertCodes checks that each documented code answered by method path
// comes back as its sentinel from call.
func assertCodes(t *testing.T, method, path string, codes map[string]error, call func(*Client) error) {
	t.Helper()
	for code, sentinel := range codes {
		c, mt := newMockClient(t)
		recordRoute(t, mt, method, path, failCode(code))
		assert.ErrorIs(t, call(c), sentinel, code)
	}
}

func TestClickToCallErrorsAndNoRetry(t *testing.T) {
	assertCodes(t, "POST", "/api/click2call", map[string]error{
		"data_is_required":        ErrDataRequired,
		"tenant_invalid":          ErrTenantInvalid,
		"user_not_registered":     ErrUserNotRegistered,
		"number_call_out_invalid": ErrHotlineInvalid,
		"extension_invalid":       ErrExtensionInvalid,
	}, func(c *Client) error {
		_, err := c.Calls.ClickToCall(ctxT(t), &ClickToCallRequest{Extension: "101", Hotline: "1", PhoneNumber: "0901234567"})
		return err
	})
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/click2call", failStatus(503, ""), fixtureResponder(t, "click2call.json"))
	_, err := c.Calls.ClickToCall(ctxT(t), &ClickToCallRequest{Extension: "101", Hotline: "1", PhoneNumber: "0901234567"})
	require.Error(t, err)
	assert.Equal(t, 1, log.count(), "a call is never placed twice")
}

func TestAutoCallByPhoneRequestShape(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/auto_call/execute_by_phone",
		failStatus(503, ""), fixtureResponder(t, "autocall_execute_by_phone.json"))
	req := &AutoCallByPhoneRequest{
		PhoneNumberList: []string{"0900000001", "0900000002"}, Name: "Thông báo đơn hàng", CID: "842899990001",
		TemplateDialplans: []DialplanStep{{TargetType: TargetTextVariable}, {TargetType: TargetTextVariable},
			{TargetType: TargetRecording, Target: "5ed0c6dffb7b390007e5211"}},
		Variables: []string{"Đơn hàng của bạn là", "HHKKK"}, Speed: -1, Voice: VoiceLanNhi,
		NumRetry: 2, NumPerCall: 10, DistancePerCall: 60, DistanceRetry: 120,
	}
	_, err := c.Calls.AutoCallByPhone(ctxT(t), req)
	require.Error(t, err)
	assert.Equal(t, 1, log.count(), "an auto call is never sent twice")

	res, err := c.Calls.AutoCallByPhone(ctxT(t), req)
	require.NoError(t, err)
	assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", res.AutocallID)
	assert.Equal(t, "Chiến dịch giới thiệu sản phẩm mới", res.Name)
	assert.JSONEq(t, `{
		"phone_number_list": ["0900000001","0900000002"], "name": "Thông báo đơn hàng", "cid": "842899990001",
		"template_dialplans": [{"target_type":"Text_variable"},{"target_type":"Text_variable"},
			{"target_type":"Recording","target":"5ed0c6dffb7b390007e5211"}],
		"variables": ["Đơn hàng của bạn là","HHKKK"], "speed": -1, "voice": "lannhi",
		"num_retry": 2, "num_per_call": 10, "distance_per_call": 60, "distance_retry": 120
	}`, string(log.last(t).Body))

	_, err = c.Calls.AutoCallByPhone(ctxT(t), &AutoCallByPhoneRequest{
		PhoneNumberList:   []string{"0900000001"},
		TemplateDialplans: []DialplanStep{{TargetType: TargetIVRMenu, Target: "ivr-1"}},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"phone_number_list":["0900000001"],"template_dialplans":[{"target_type":"Ivr_menu","target":"ivr-1"}],"variables":[]}`,
		string(log.last(t).Body), "optional zero values are left to the API's defaults; variables is [] not null")
}

func TestAutoCallByExtensionRequestShape(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/auto_call/execute_by_extension", fixtureResponder(t, "autocall_execute_by_extension.json"))
	res, err := c.Calls.AutoCallByExtension(ctxT(t), &AutoCallByExtensionRequest{
		CID: "842899990001", BrandName: "Demo", Extensions: []string{"101", "102"},
		TemplateDialplans: []DialplanStep{{TargetType: TargetRecording, Target: "rec-1"}},
	})
	require.NoError(t, err)
	assert.Equal(t, "64b8117691447377aecac985", res.AutocallID)
	assert.Equal(t, []string{"f5d39f30-fef7-49df-9ef6-697bf5353983"}, res.AutocallUUIDs)
	assert.JSONEq(t, `{"cid":"842899990001","brand_name":"Demo","extensions":["101","102"],
		"template_dialplans":[{"target_type":"Recording","target":"rec-1"}],"variables":[]}`, string(log.last(t).Body))
}

func TestAutoCallValidationSendsNothing(t *testing.T) {
	c, mt := newMockClient(t)
	steps := []DialplanStep{{TargetType: TargetRecording, Target: "r"}}
	for name, req := range map[string]*AutoCallByPhoneRequest{
		"nil":                nil,
		"no phones":          {TemplateDialplans: steps},
		"empty phone":        {PhoneNumberList: []string{"090", ""}, TemplateDialplans: steps},
		"no steps":           {PhoneNumberList: []string{"090"}},
		"step without type":  {PhoneNumberList: []string{"090"}, TemplateDialplans: []DialplanStep{{Target: "r"}}},
		"recording no id":    {PhoneNumberList: []string{"090"}, TemplateDialplans: []DialplanStep{{TargetType: TargetRecording}}},
		"ivr no id":          {PhoneNumberList: []string{"090"}, TemplateDialplans: []DialplanStep{{TargetType: TargetIVRMenu}}},
		"missing variable":   {PhoneNumberList: []string{"090"}, TemplateDialplans: []DialplanStep{{TargetType: TargetTextVariable}}},
		"extra variable":     {PhoneNumberList: []string{"090"}, TemplateDialplans: steps, Variables: []string{"x"}},
		"speed out of range": {PhoneNumberList: []string{"090"}, TemplateDialplans: steps, Speed: 4},
		"negative retries":   {PhoneNumberList: []string{"090"}, TemplateDialplans: steps, NumRetry: -1},
	} {
		_, err := c.Calls.AutoCallByPhone(ctxT(t), req)
		assert.ErrorIs(t, err, ErrValidation, name)
	}
	for name, req := range map[string]*AutoCallByExtensionRequest{
		"nil":           nil,
		"no cid":        {Extensions: []string{"101"}, TemplateDialplans: steps},
		"no extensions": {CID: "1", TemplateDialplans: steps},
		"no steps":      {CID: "1", Extensions: []string{"101"}},
	} {
		_, err := c.Calls.AutoCallByExtension(ctxT(t), req)
		assert.ErrorIs(t, err, ErrValidation, name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestAutoCallErrorCodes(t *testing.T) {
	assertCodes(t, "POST", "/api/auto_call/execute_by_phone", map[string]error{
		"limit_service":         ErrServiceLimit,
		"limit_word":            ErrTTSWordLimit,
		"limit_word_session":    ErrTTSWordLimit,
		"balance_is_not_enough": ErrInsufficientBalance,
	}, func(c *Client) error {
		_, err := c.Calls.AutoCallByPhone(ctxT(t), &AutoCallByPhoneRequest{
			PhoneNumberList: []string{"090"}, TemplateDialplans: []DialplanStep{{TargetType: TargetRecording, Target: "r"}}})
		return err
	})
}

// The vendor's request examples decode into the request types and encode
// back to the same JSON (an explicit "speed": 0 is the default, left out).
func TestAutoCallRequestFixturesRoundTrip(t *testing.T) {
	for _, name := range []string{"request_autocall_ivr.json", "request_autocall_recording.json",
		"request_autocall_tts.json", "request_autocall_tts_recording.json"} {
		t.Run(name, func(t *testing.T) {
			raw := fixture(t, name)
			var req AutoCallByPhoneRequest
			require.NoError(t, json.Unmarshal(raw, &req))
			assert.NotEmpty(t, req.Name)
			require.NotEmpty(t, req.TemplateDialplans)
			for _, st := range req.TemplateDialplans {
				assert.Contains(t, []DialplanTarget{TargetRecording, TargetTextVariable, TargetIVRMenu}, st.TargetType)
			}
			_, err := checkDialplan(req.TemplateDialplans, req.Variables)
			assert.NoError(t, err, "the vendor's examples pass validation")

			var want map[string]any
			require.NoError(t, json.Unmarshal(raw, &want))
			if want["speed"] == float64(0) {
				delete(want, "speed")
			}
			want["phone_number_list"] = []any{"0900000001"}
			req.PhoneNumberList = []string{"0900000001"}
			got, err := json.Marshal(req)
			require.NoError(t, err)
			wantJSON, _ := json.Marshal(want)
			assert.JSONEq(t, string(wantJSON), string(got))
		})
	}
}

func TestClickToCallWithoutCallIDIsAnError(t *testing.T) {
	c, mt := newMockClient(t)
	rec := recordRoute(t, mt, http.MethodPost, "/api/click2call", httpmock.NewStringResponder(200, `{"status_code":9999,"payload":{}}`))
	id, err := c.Calls.ClickToCall(ctxT(t), &ClickToCallRequest{Extension: "101", Hotline: "842899990001", PhoneNumber: "0979816773"})
	assert.Empty(t, id)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "POST /api/click2call")
	assert.Equal(t, 1, rec.count(), "never sent twice")
}
