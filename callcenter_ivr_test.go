package omicall

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ivrReq = &IVRScriptRequest{ScriptName: "KỊCH BẢN BẤM PHÍM", GreetingID: "62da34652a310904dfbbf13b", MaxFailure: 1, TimeOut: 3,
	Scripts: []IVRKey{{IVR: "1", ActionType: ActionIVRMenu, Action: "6391fa5f44b0fb4429b580c0"}, {IVR: "5"}}}

const ivrReqJSON = `{"script_name":"KỊCH BẢN BẤM PHÍM","greeting_id":"62da34652a310904dfbbf13b","max_failure":1,"time_out":3,
	"scripts":[{"ivr":"1","action_type":"Ivr_menu","action":"6391fa5f44b0fb4429b580c0"},{"ivr":"5","action_type":"","action":""}]}`

func TestCallCenterIVRScripts(t *testing.T) { testCCCases(t, ivrCases(t)) }

func ivrCases(t *testing.T) []ccCase {
	const cc = "/api/call_center"
	return []ccCase{
		{
			name: "ListIVRScripts", method: "GET", path: cc + "/key-interaction/list", resp: fixtureResponder(t, "callcenter_key_interaction_list.json"),
			call:  func(ctx context.Context, c *Client) (any, error) { return c.CallCenter.ListIVRScripts(ctx, nil) },
			query: url.Values{"page": {"1"}, "size": {"50"}}, retried: true,
			check: func(t *testing.T, got any) {
				p := got.(*Page[IVRScript])
				require.Len(t, p.Items, 1)
				s := p.Items[0]
				assert.Equal(t, "632969ce7534d97b0933d51d", s.ID)
				assert.Equal(t, "KỊCH BẢN BẤM PHÍM", s.ScriptName)
				assert.Equal(t, "166780", s.ScriptNumber)
				assert.Equal(t, "OMI Hotline", s.CreatedBy.Name)
				assert.Equal(t, "6209c98561c1cb163ded25fa", s.LastUpdatedBy.ID)
				require.Len(t, s.Scripts, 5)
				assert.Equal(t, IVRKey{IVR: "1", ActionType: ActionRingGroup, Action: "62ff119508d4bf3ea694a44a"}, s.Scripts[0])
				assert.Equal(t, Int(3), s.TimeOut)
				assert.Equal(t, Int(1), s.MaxFailure)
				assert.False(t, bool(s.IVRDirectMenuDial))
			},
		},
		{
			name: "AllIVRScripts", method: "GET", path: cc + "/key-interaction/list", resp: onePage(`[{"_id":"s1"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.CallCenter.AllIVRScripts(ctx, &ListOptions{Page: 1, Keyword: "k"}))
			},
			query: url.Values{"page": {"1"}, "size": {"50"}, "keyword": {"k"}}, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "s1", got.([]IVRScript)[0].ID) },
		},
		{
			name: "CreateIVRScript", method: "POST", path: cc + "/key-interaction/add", resp: fixtureResponder(t, "callcenter_key_interaction_add.json"),
			call: func(ctx context.Context, c *Client) (any, error) { return c.CallCenter.CreateIVRScript(ctx, ivrReq) },
			body: ivrReqJSON,
			check: func(t *testing.T, got any) {
				s := got.(*IVRScript)
				assert.Equal(t, "62da34652a310904dfbbf13b", s.GreetingID)
				assert.Equal(t, "6209c99b067f745da47367f3", s.InvalidSoundID)
				assert.Equal(t, ActionIVRMenu, s.Scripts[0].ActionType)
				assert.Equal(t, int64(1670644627322), s.LastUpdatedDate.UnixMilli())
			},
		},
		{
			name: "UpdateIVRScript", method: "POST", path: cc + "/key-interaction/update/632969ce7534d97b0933d51d",
			resp: fixtureResponder(t, "callcenter_key_interaction_update.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.UpdateIVRScript(ctx, "632969ce7534d97b0933d51d", ivrReq)
			},
			body: ivrReqJSON, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "632969ce7534d97b0933d51d", got.(*IVRScript).ID) },
		},
		{
			name: "DeleteIVRScript", method: "DELETE", path: cc + "/key-interaction/delete/s1", resp: okPayload(`true`),
			call:    func(ctx context.Context, c *Client) (any, error) { return nil, c.CallCenter.DeleteIVRScript(ctx, "s1") },
			retried: true,
		},
	}
}

func TestCallCenterIVRScriptsValidation(t *testing.T) {
	c, mt := newMockClient(t)
	ctx, cc := ctxT(t), c.CallCenter
	requireFields(t, []fieldErr{
		{"req", errOf(cc.CreateIVRScript(ctx, nil))},
		{"ScriptName", errOf(cc.CreateIVRScript(ctx, &IVRScriptRequest{GreetingID: "g", Scripts: []IVRKey{{IVR: "1"}}}))},
		{"GreetingID", errOf(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", Scripts: []IVRKey{{IVR: "1"}}}))},
		{"Scripts", errOf(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", GreetingID: "g"}))},
		{"Scripts.IVR", errOf(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", GreetingID: "g", Scripts: []IVRKey{{}}}))},
		{"MaxFailure/TimeOut", errOf(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", GreetingID: "g", TimeOut: -1, Scripts: []IVRKey{{IVR: "1"}}}))},
		{"id", errOf(cc.UpdateIVRScript(ctx, "", ivrReq))},
		{"id", cc.DeleteIVRScript(ctx, "")},
	})
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}
