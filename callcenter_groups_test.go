package omicall

import (
	"context"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var groupReq = &InternalGroupRequest{GroupName: "tientv11", Strategy: StrategyRandom, SIPMembers: []string{"100"}, Timeout: 30}

func TestCallCenterGroups(t *testing.T) { testCCCases(t, groupsCases(t)) }

func groupsCases(t *testing.T) []ccCase {
	const cc = "/api/call_center"
	return []ccCase{
		{
			name: "ListGroups", method: "GET", path: cc + "/internal_group/list", resp: fixtureResponder(t, "callcenter_internal_group_list.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.ListGroups(ctx, &ListOptions{Keyword: "Nhóm"})
			},
			query: url.Values{"page": {"1"}, "size": {"50"}, "keyword": {"Nhóm"}}, retried: true,
			check: func(t *testing.T, got any) {
				p := got.(*Page[InternalGroup])
				require.Len(t, p.Items, 4)
				assert.Equal(t, 10, p.Size)
				assert.False(t, p.HasNext)
				g := p.Items[3]
				assert.Equal(t, "6209c99b067f745da47367f4", g.ID)
				assert.Equal(t, "Nhóm nhân viên mặc định", g.GroupName)
				assert.Equal(t, "54919", g.GroupNumber)
				assert.Equal(t, StrategyEnterprise, g.Strategy)
				assert.Equal(t, ActionVoiceMail, g.TargetTimeoutType)
				assert.Equal(t, "62da34652a310904dfbbf13b", g.TargetTimeout)
				assert.Equal(t, "OMI Hotline", g.CreateBy.Name)
				assert.Equal(t, "6209c98561c1cb163ded25fa", g.LastUpdateBy.ID)
				assert.False(t, bool(g.IsAnswer))
				require.Len(t, g.Members, 1)
				assert.Equal(t, Int(30), g.Members[0].Timeout)
				assert.Equal(t, Int(2), p.Items[0].RingGroupWaitTimeSequence)
			},
		},
		{
			name: "AllGroups", method: "GET", path: cc + "/internal_group/list", resp: onePage(`[{"_id":"g1"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.CallCenter.AllGroups(ctx, &ListOptions{Size: 5}))
			},
			query: url.Values{"page": {"1"}, "size": {"5"}}, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "g1", got.([]InternalGroup)[0].ID) },
		},
		{
			name: "CreateGroup", method: "POST", path: cc + "/internal_group/add", resp: fixtureResponder(t, "callcenter_internal_group_add.json"),
			call: func(ctx context.Context, c *Client) (any, error) { return c.CallCenter.CreateGroup(ctx, groupReq) },
			body: `{"group_name":"tientv11","strategy":"random","sip_members":["100"],"timeout":30}`,
			check: func(t *testing.T, got any) {
				g := got.(*InternalGroup)
				assert.Equal(t, "6391f5be232ce4664531e0cc", g.ID)
				assert.Equal(t, "22412", g.GroupNumber)
				assert.Equal(t, StrategyRandom, g.Strategy)
				assert.Equal(t, []string{"100"}, g.SIPMembers)
				assert.Equal(t, Int(30), g.Timeout)
				assert.Nil(t, g.LastUpdateBy)
				assert.False(t, bool(g.IsAnswer))
				assert.Equal(t, int64(1670510011881), g.CreatedDate.UnixMilli())
			},
		},
		{
			name: "UpdateGroup", method: "POST", path: cc + "/internal_group/update/6391f5be232ce4664531e0cc",
			resp: fixtureResponder(t, "callcenter_internal_group_update.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				r := *groupReq
				r.Strategy, r.TargetTimeoutType, r.TargetTimeout = StrategyEnterprise, ActionRecording, "g1"
				return c.CallCenter.UpdateGroup(ctx, "6391f5be232ce4664531e0cc", &r)
			},
			body:    `{"group_name":"tientv11","strategy":"enterprise","sip_members":["100"],"timeout":30,"target_timeout_type":"Recording","target_timeout":"g1"}`,
			retried: true,
			check: func(t *testing.T, got any) {
				g := got.(*InternalGroup)
				assert.Equal(t, StrategyEnterprise, g.Strategy)
				assert.Equal(t, int64(1670510241349), g.LastUpdatedDate.UnixMilli())
				assert.Equal(t, "OMI Hotline", g.LastUpdateBy.Name)
			},
		},
		{
			name: "AddGroupMembers", method: "POST", path: cc + "/internal_group/add-members", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.AddGroupMembers(ctx, "g1", "100", "101")
			},
			body: `{"group_id":"g1","sip_users":["100","101"]}`, retried: true,
		},
		{
			name: "RemoveGroupMembers", method: "POST", path: cc + "/internal_group/remove-members", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.RemoveGroupMembers(ctx, "g1", "101")
			},
			body: `{"group_id":"g1","sip_users":["101"]}`, retried: true,
		},
		{
			name: "DeleteGroup", method: "DELETE", path: cc + "/internal_group/delete/g1", resp: okPayload(`true`),
			call:    func(ctx context.Context, c *Client) (any, error) { return nil, c.CallCenter.DeleteGroup(ctx, "g1") },
			retried: true,
		},
	}
}

func TestCallCenterGroupsValidation(t *testing.T) {
	c, mt := newMockClient(t)
	ctx, cc := ctxT(t), c.CallCenter
	requireFields(t, []fieldErr{
		{"req", errOf(cc.CreateGroup(ctx, nil))},
		{"GroupName", errOf(cc.CreateGroup(ctx, &InternalGroupRequest{Strategy: StrategyRandom, SIPMembers: []string{"1"}, Timeout: 1}))},
		{"Strategy", errOf(cc.CreateGroup(ctx, &InternalGroupRequest{GroupName: "g", SIPMembers: []string{"1"}, Timeout: 1}))},
		{"SIPMembers", errOf(cc.CreateGroup(ctx, &InternalGroupRequest{GroupName: "g", Strategy: StrategyRandom, Timeout: 1}))},
		{"Timeout", errOf(cc.CreateGroup(ctx, &InternalGroupRequest{GroupName: "g", Strategy: StrategyRandom, SIPMembers: []string{"1"}}))},
		{"id", errOf(cc.UpdateGroup(ctx, "", groupReq))},
		{"req", errOf(cc.UpdateGroup(ctx, "g1", nil))},
		{"groupID", cc.AddGroupMembers(ctx, "", "100")},
		{"sipUsers", cc.AddGroupMembers(ctx, "g1")},
		{"sipUsers", cc.RemoveGroupMembers(ctx, "g1")},
		{"id", cc.DeleteGroup(ctx, "")},
	})
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}
