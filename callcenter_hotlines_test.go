package omicall

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallCenterHotlines(t *testing.T) { testCCCases(t, hotlinesCases(t)) }

func hotlinesCases(t *testing.T) []ccCase {
	const cc = "/api/call_center"
	return []ccCase{
		{
			name: "ListHotlines", method: "GET", path: cc + "/hotline/search",
			resp: onePage(`[{"_id":"h1","hotline":"842800000001","provider":"viettel"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.ListHotlines(ctx, &ListOptions{Keyword: "8428"})
			},
			query: url.Values{"page": {"1"}, "size": {"50"}, "keyword": {"8428"}}, retried: true,
			check: func(t *testing.T, got any) {
				h := got.(*Page[Hotline]).Items[0]
				assert.Equal(t, "842800000001", h.Number)
				assert.Equal(t, "viettel", h.Provider)
				assert.JSONEq(t, `{"_id":"h1","hotline":"842800000001","provider":"viettel"}`, string(h.Raw))
			},
		},
		{
			name: "AllHotlines", method: "GET", path: cc + "/hotline/search", resp: onePage(`[{"_id":"h1","phone_number":"842800000002"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.CallCenter.AllHotlines(ctx, &ListOptions{Size: 5}))
			},
			query: url.Values{"page": {"1"}, "size": {"5"}}, retried: true,
			check: func(t *testing.T, got any) {
				assert.Equal(t, "842800000002", got.([]Hotline)[0].Number, "phone_number read")
			},
		},
		{
			name: "ListExtensionHotlines", method: "GET", path: cc + "/hotline/list", resp: fixtureResponder(t, "callcenter_hotline_list.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.ListExtensionHotlines(ctx, "147")
			},
			query: url.Values{"extension": {"147"}}, retried: true,
			check: func(t *testing.T, got any) {
				assert.Equal(t, []string{"024********", "842*********"}, got.([]string))
			},
		},
		{
			name: "AssignHotline", method: "POST", path: cc + "/hotline/extension/update", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "842899990001", UserEmail: "a@x.vn",
					Directions: []Direction{DirectionOutbound, DirectionInbound}})
			},
			body: `{"hotline":"842899990001","user_email":"a@x.vn","directions":["outbound","inbound"]}`, retried: true,
		},
	}
}

func TestCallCenterHotlinesValidation(t *testing.T) {
	c, mt := newMockClient(t)
	ctx, cc := ctxT(t), c.CallCenter
	requireFields(t, []fieldErr{
		{"Size", errOf(cc.ListHotlines(ctx, &ListOptions{Size: MaxPageSize + 1}))},
		{"Page", errOf(cc.ListHotlines(ctx, &ListOptions{Page: -1}))},
		{"extension", errOf(cc.ListExtensionHotlines(ctx, ""))},
		{"a", cc.AssignHotline(ctx, nil)},
		{"Hotline", cc.AssignHotline(ctx, &AssignHotlineRequest{UserEmail: "a@b.vn", Directions: []Direction{DirectionInbound}})},
		{"UserEmail", cc.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "1", Directions: []Direction{DirectionInbound}})},
		{"Directions", cc.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "1", UserEmail: "a@b.vn"})},
		{"Directions", cc.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "1", UserEmail: "a@b.vn", Directions: []Direction{DirectionLocal}})},
	})
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}

func TestCallCenterListHotlinesReadsSettings(t *testing.T) {
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
}
