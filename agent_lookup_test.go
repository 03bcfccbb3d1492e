package omicall

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAgentsLookupGetsThenPosts(t *testing.T) {
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
