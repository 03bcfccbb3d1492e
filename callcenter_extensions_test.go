package omicall

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkDetail checks the extension detail of callcenter_extension_detail.json.
func checkDetail(t *testing.T, got any) {
	d := got.(*ExtensionDetail)
	assert.Equal(t, "6349", d.Extension)
	assert.Equal(t, "Nguyen Tien", d.FullName)
	assert.Equal(t, "contact18_usr_1685433772610@omicallpbx.com", d.Mail)
	assert.Equal(t, "tientv11", d.UUID)
	p := d.PBXAccount
	assert.Equal(t, "6349", p.DisplayName)
	assert.Equal(t, "rvld582289", p.SIPPassword)
	assert.Equal(t, "wss://vh.omicrm.com:7443", p.SIPWebSocketServer)
	assert.Equal(t, "<sip:171.244.138.14;transport=udp>", p.SIPProxy)
	assert.Equal(t, "", p.SIPProxyPort)
	assert.Equal(t, []string{"tcp", "udp", "ws", "wss"}, p.Transport)
	assert.True(t, bool(p.UseOpus))
	assert.Equal(t, Int(1), p.OpusQuality)
	assert.Equal(t, SIPCredentials{Domain: "contact18", Username: "6349", Password: "rvld582289"}, d.SIPCredentials())
}

func TestLookupExtensionEmptyPayloadIsNotFound(t *testing.T) {
	for _, payload := range []string{`null`, `{}`, `{"extension":"","pbx_account":{}}`} {
		t.Run(payload, func(t *testing.T) {
			c, mt := newMockClient(t)
			recordRoute(t, mt, "GET", "/api/call_center/extensions/detail", okPayload(payload))
			d, err := c.CallCenter.LookupExtension(ctxT(t), LookupByEmail, "gone@x.vn")
			require.ErrorIs(t, err, ErrNotFound)
			assert.Nil(t, d)
			assert.NotContains(t, err.Error(), "gone@x.vn", "the query stays out of the error")
		})
	}
}

func TestCallCenterExtensions(t *testing.T) { testCCCases(t, extensionsCases(t)) }

func extensionsCases(t *testing.T) []ccCase {
	const cc = "/api/call_center"
	var cases []ccCase
	for _, by := range []LookupBy{LookupByUserUUID, LookupBySIPUser, LookupByEmail} {
		cases = append(cases, ccCase{
			name: "LookupExtension/" + string(by), method: "GET", path: cc + "/extensions/detail",
			resp: fixtureResponder(t, "callcenter_extension_detail.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.LookupExtension(ctx, by, "v@x")
			},
			query: url.Values{"type": {string(by)}, "keyword": {"v@x"}}, retried: true, check: checkDetail,
		})
	}
	return append(cases,
		ccCase{
			name: "ListExtensions", method: "GET", path: cc + "/internal_phone/list", resp: fixtureResponder(t, "callcenter_internal_phone_list.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.ListExtensions(ctx, &ListOptions{Page: 1, Size: 2, Keyword: "14"})
			},
			query: url.Values{"page": {"1"}, "size": {"2"}, "keyword": {"14"}}, retried: true,
			check: func(t *testing.T, got any) {
				p := got.(*Page[Extension])
				require.Len(t, p.Items, 2)
				assert.Equal(t, 30, p.TotalItems)
				e := p.Items[1]
				assert.Equal(t, "145", e.SIPUser)
				assert.Equal(t, "kiyyzsefxx", e.Password)
				assert.Equal(t, "omiteam", e.Domain)
				assert.Equal(t, "wss://wssvn.omicrm.com", e.OutboundProxy)
				assert.Equal(t, "Hồng Ngọc", e.FullName)
				assert.Equal(t, "xxx", e.AgentID)
				assert.Equal(t, "vykh252tn1998@gmail.com", e.Email)
				assert.Equal(t, "84256336xxxx", e.PublicNumber)
				assert.Equal(t, int64(1574133910912), e.CreatedDate.UnixMilli())
				assert.Equal(t, SIPCredentials{Domain: "omiteam", Username: "145", Password: "kiyyzsefxx"}, e.SIPCredentials())
			},
		},
		ccCase{
			name: "AllExtensions", method: "GET", path: cc + "/internal_phone/list",
			resp: onePage(`[{"sip_user":"100","password":"p","domain":"d"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.CallCenter.AllExtensions(ctx, &ListOptions{Keyword: "10"}))
			},
			query: url.Values{"page": {"1"}, "size": {"50"}, "keyword": {"10"}}, retried: true,
			check: func(t *testing.T, got any) {
				assert.Equal(t, []Extension{{SIPUser: "100", Password: "p", Domain: "d"}}, got.([]Extension))
			},
		},
		ccCase{
			name: "SetExtensionEnabled", method: "PUT", path: cc + "/internal_phone/status", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.SetExtensionEnabled(ctx, "147", false)
			},
			query: url.Values{"sip_user": {"147"}, "enabled": {"false"}}, retried: true,
		},
	)
}

func TestCallCenterExtensionsValidation(t *testing.T) {
	c, mt := newMockClient(t)
	ctx, cc := ctxT(t), c.CallCenter
	requireFields(t, []fieldErr{
		{"by", errOf(cc.LookupExtension(ctx, "email", "a@b.vn"))},
		{"by", errOf(cc.LookupExtension(ctx, "", "a@b.vn"))},
		{"value", errOf(cc.LookupExtension(ctx, LookupByEmail, ""))},
		{"sipUser", cc.SetExtensionEnabled(ctx, "", true)},
	})
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}

func TestCallCenterUpdateExtension(t *testing.T) {
	c, mt := newMockClient(t)
	up := recordRoute(t, mt, http.MethodPost, "/api/call_center/internal_phone/update", okPayload(`true`))
	req := &UpdateExtensionRequest{SIPUser: "101", Password: "NEW-SIP-SECRET"}
	require.NoError(t, c.CallCenter.UpdateExtension(ctxT(t), req))
	assert.JSONEq(t, `{"sip_user":"101","password":"NEW-SIP-SECRET"}`, string(up.only(t).Body))
	assert.NotContains(t, fmt.Sprintf("%+v", req), "NEW-SIP-SECRET")
	requireValidation(t, c.CallCenter.UpdateExtension(ctxT(t), &UpdateExtensionRequest{}), "SIPUser")
	requireValidation(t, c.CallCenter.UpdateExtension(ctxT(t), &UpdateExtensionRequest{SIPUser: "1", CallTimeout: -1}), "CallTimeout")
}
