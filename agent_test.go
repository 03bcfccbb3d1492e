package omicall

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAgentsInviteRequest(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodPost, "/api/agent/invite", fixtureResponder(t, "agent_invite.json"))
	req := &InviteAgentRequest{FullName: "Tran Van Tien", Email: "vietnam12@gmail.com", Password: testPassword,
		OwnerEmail: "boss@example.com", UUID: "crm-42"}
	res, err := c.Agents.Invite(ctxT(t), req)
	require.NoError(t, err)

	got := log.last(t)
	assert.Equal(t, "/api/agent/invite", got.Path)
	assert.Equal(t, "Bearer "+testToken, got.Header.Get("Authorization"))
	assert.Equal(t, "application/json", got.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"full_name":"Tran Van Tien","identify_info":"vietnam12@gmail.com","password":"`+testPassword+`",
		"role_name":"Sale","owner_email":"boss@example.com","uuid":"crm-42"}`, string(got.Body))
	assert.Empty(t, req.RoleName, "the caller's request must not be changed")

	assert.Equal(t, "Tran Van Tien", res.Agent.FullName)
	assert.Equal(t, "vietnam12@gmail.com", res.Agent.Email)
	assert.Equal(t, "vietnam12@gmail.com", res.Agent.IdentifyInfo)
	assert.Equal(t, "Tran Van Tien", res.PBXAccount.FullName)
	assert.Equal(t, int64(1597798326714), res.PBXAccount.CreatedDate.UnixMilli())
	assert.Equal(t, int64(1597798326714), res.PBXAccount.LastUpdatedDate.UnixMilli())
	// The vendor example has no credentials: they decode empty, not as an error.
	assert.Equal(t, SIPCredentials{}, res.PBXAccount.SIPCredentials())
	assert.False(t, res.PBXAccount.SIPCredentials().Complete())
}

func TestAgentsInviteExplicitRoleAndNoOptionalFields(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodPost, "/api/agent/invite", fixtureResponder(t, "agent_invite.json"))
	_, err := c.Agents.Invite(ctxT(t), &InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: testPassword, RoleName: RoleAccountant})
	require.NoError(t, err)
	assert.JSONEq(t, `{"full_name":"A","identify_info":"a@b.vn","password":"`+testPassword+`","role_name":"Kế toán"}`, string(log.last(t).Body))
}

func TestAgentsInviteErrorsMapToSentinels(t *testing.T) {
	for code, want := range map[string]error{
		"full_name_is_required": ErrFullNameRequired, "identify_info_invalid": ErrEmailInvalid,
		"password_invalid": ErrPasswordInvalid, "role_is_required": ErrRoleRequired, "agent_exists": ErrAgentExists,
		"limit_agent": ErrAgentLimit, "invite_error": ErrInviteFailed, "agent_uuid_exists": ErrAgentUUIDExists,
	} {
		t.Run(code, func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, http.MethodPost, "/api/agent/invite", failCode(code))
			_, err := c.Agents.Invite(ctxT(t), &InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: testPassword})
			require.ErrorIs(t, err, want)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, code, apiErr.Code)
			assert.NotContains(t, err.Error(), testPassword)
			assert.Equal(t, 1, log.count())
		})
	}
}

func TestAgentsInviteNeverRetried(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodPost, "/api/agent/invite", httpmock.NewStringResponder(503, "unavailable"))
	_, err := c.Agents.Invite(ctxT(t), &InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: testPassword})
	require.Error(t, err)
	assert.Equal(t, 1, log.count())
	assert.NotContains(t, err.Error(), testPassword)
}

func TestAgentsInviteValidation(t *testing.T) {
	c, mt := newMockClient(t)
	cases := []struct {
		req   *InviteAgentRequest
		field string
	}{
		{nil, "req"},
		{&InviteAgentRequest{Email: "a@b.vn", Password: testPassword}, "FullName"},
		{&InviteAgentRequest{FullName: "A", Password: testPassword}, "Email"},
		{&InviteAgentRequest{FullName: "A", Email: "a@b.vn"}, "Password"},
	}
	for _, tc := range cases {
		_, err := c.Agents.Invite(ctxT(t), tc.req)
		requireValidation(t, err, tc.field)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}

func TestAgentsList(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodGet, "/api/agent/list", fixtureResponder(t, "agent_list.json"))
	opts := &ListOptions{Page: 2, Size: 3, Keyword: "tien"}
	page, err := c.Agents.List(ctxT(t), opts)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"page": {"2"}, "size": {"3"}, "keyword": {"tien"}}, log.last(t).Query)
	assert.Equal(t, "/api/agent/list", log.last(t).Path)
	assert.Equal(t, ListOptions{Page: 2, Size: 3, Keyword: "tien"}, *opts)

	require.Len(t, page.Items, 3)
	assert.Equal(t, 1, page.Number)
	assert.Equal(t, 3, page.Size)
	assert.Equal(t, 9, page.TotalItems)
	assert.Equal(t, 3, page.TotalPages)
	assert.True(t, page.HasNext)
	a := page.Items[0]
	assert.Equal(t, "vietnam1@gmail.com", a.IdentifyInfo)
	assert.Equal(t, "Tran Van Tien", a.FullName)
	assert.Equal(t, "vietnam1@gmail.com", a.Email)
	assert.Equal(t, "male", a.Gender)
	assert.Empty(t, a.PhoneNumber, "a null display value is empty")
	assert.True(t, bool(a.IsActive))
	assert.Equal(t, "agent", a.ContactType)
	assert.Equal(t, "Omi Team", a.CreateBy.Name)
	assert.Equal(t, int64(1611889185166), a.CreatedDate.UnixMilli())
	require.Len(t, a.Attributes, 4)
	assert.Equal(t, "Cá nhân", a.Attributes.Find(FieldCodeMail).Value[0].ValueType)
	assert.False(t, bool(page.Items[1].IsActive))
	assert.Equal(t, "hanhttm", page.Items[1].FullName)
}

func TestAgentsListDefaults(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodGet, "/api/agent/list", okPayload(`{"items":[],"page_number":1,"has_next":false}`))
	page, err := c.Agents.List(ctxT(t), nil)
	require.NoError(t, err)
	assert.Empty(t, page.Items)
	assert.Equal(t, url.Values{"page": {"1"}, "size": {"50"}}, log.last(t).Query, "DefaultPageSize is always sent")
}

func TestAgentsListFailure(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodGet, "/api/agent/list", httpmock.NewStringResponder(503, "down"))
	_, err := c.Agents.List(ctxT(t), nil)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 503, apiErr.HTTPStatus)
	assert.Equal(t, 3, log.count(), "a GET is retried")
}

func TestAgentsAllWalksPages(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/agent/list", func(r *http.Request) (*http.Response, error) {
		n := r.URL.Query().Get("page")
		assert.Equal(t, "2", r.URL.Query().Get("size"))
		assert.Equal(t, "x", r.URL.Query().Get("keyword"))
		items := fmt.Sprintf(`[{"identify_info":"a%s@x.vn"},{"identify_info":"b%s@x.vn"}]`, n, n)
		return httpmock.NewStringResponse(200, `{"status_code":9999,"payload":{"items":`+items+
			`,"page_number":`+n+`,"page_size":2,"has_next":`+fmt.Sprint(n != "3")+`}}`), nil
	})
	var got []string
	for a, err := range c.Agents.All(ctxT(t), &ListOptions{Size: 2, Keyword: "x"}) {
		require.NoError(t, err)
		got = append(got, a.Email)
	}
	assert.Equal(t, []string{"a1@x.vn", "b1@x.vn", "a2@x.vn", "b2@x.vn", "a3@x.vn", "b3@x.vn"}, got)
}

func TestAgentsAllYieldsErrorOnce(t *testing.T) {
	c, mt := newMockClient(t)
	recordRoute(t, mt, http.MethodGet, "/api/agent/list", failCode("api_key_invalid"))
	n := 0
	for _, err := range c.Agents.All(ctxT(t), nil) {
		n++
		require.ErrorIs(t, err, ErrAPIKeyInvalid)
	}
	assert.Equal(t, 1, n)
}

func TestAgentsDelete(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, http.MethodDelete, "/api/agent/delete", okPayload(`true`))
	require.NoError(t, c.Agents.Delete(ctxT(t), "a+b@x.vn"))
	got := log.last(t)
	assert.Equal(t, url.Values{"identify_info": {"a+b@x.vn"}}, got.Query)
	assert.Empty(t, got.Body)

	requireValidation(t, c.Agents.Delete(ctxT(t), ""), "email")
	assert.Equal(t, 1, log.count())
}

func TestAgentsDeleteFailure(t *testing.T) {
	c, mt := newMockClient(t)
	recordRoute(t, mt, http.MethodDelete, "/api/agent/delete", httpmock.NewStringResponder(404, `{"status_code":-9999,"message":"not_found"}`))
	err := c.Agents.Delete(ctxT(t), "nobody@x.vn")
	require.ErrorIs(t, err, ErrNotFound)
	assert.False(t, errors.Is(err, ErrAgentExists))
}

func TestAgentDecodeIsLenient(t *testing.T) {
	var a Agent
	require.NoError(t, a.UnmarshalJSON([]byte(`{"identify_info": 12, "is_active": "true", "created_date": "1611889185166",
		"attribute_structure": [{"field_code":"full_name","value":[{"display_value":null},{"display_value":"Ann"}]},
		{"field_code":"phone_number","value":[{"display_value":"0901"},{"display_value":"0902"}]}]}`)))
	assert.Equal(t, "Ann", a.FullName)
	assert.Equal(t, "0901", a.PhoneNumber)
	assert.Equal(t, []string{"0901", "0902"}, a.Attributes.All(FieldCodePhoneNumber))
	assert.True(t, bool(a.IsActive))
	assert.Equal(t, int64(1611889185166), a.CreatedDate.UnixMilli())
	assert.Empty(t, a.IdentifyInfo)
	assert.Nil(t, a.Attributes.Find(FieldCodeAddress))
	assert.Empty(t, a.Attributes.First(FieldCodeAddress))
	require.NoError(t, a.UnmarshalJSON([]byte(`not json`)))
}

func TestInviteRequestAndPBXAccountRedactPassword(t *testing.T) {
	req := InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: testPassword}
	acc := PBXAccount{SIPUser: "100", Password: testPassword, Domain: "democo"}
	res := &InviteAgentResult{PBXAccount: acc}
	for _, v := range []any{req, &req, acc, &acc, res, *res} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, testPassword, verb)
			assert.NotContains(t, out, fmt.Sprintf("%x", testPassword), verb)
		}
	}
	assert.Contains(t, fmt.Sprintf("%+v", acc), "SIPUser:100")
	assert.Contains(t, fmt.Sprintf("%+v", acc), "Password:[redacted]")
	assert.True(t, strings.HasPrefix(fmt.Sprintf("%#v", req), "omicall.InviteAgentRequest{"))
	// JSON still carries it: it is the request body.
	assert.Contains(t, mustJSON(t, req), testPassword)
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b)
}
