package omicall

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ccCase is one call-center method: the request it must send, a response,
// and what the result must hold.
type ccCase struct {
	name    string
	method  string
	path    string // relative to the API root
	resp    httpmock.Responder
	call    func(ctx context.Context, c *Client) (any, error)
	query   url.Values // the exact query expected
	body    string     // the JSON body expected; "" means none
	retried bool       // whether a 503 is retried
	checkRq func(t *testing.T, r sentRequest)
	check   func(t *testing.T, got any)
}

func onePage(items string) httpmock.Responder {
	return okPayload(`{"items":` + items + `,"page_number":1,"page_size":10,"total_items":1,"total_pages":1,"has_next":false,"extension":null}`)
}

var groupReq = &InternalGroupRequest{GroupName: "tientv11", Strategy: StrategyRandom, SIPMembers: []string{"100"}, Timeout: 30}

var ivrReq = &IVRScriptRequest{ScriptName: "KỊCH BẢN BẤM PHÍM", GreetingID: "62da34652a310904dfbbf13b", MaxFailure: 1, TimeOut: 3,
	Scripts: []IVRKey{{IVR: "1", ActionType: ActionIVRMenu, Action: "6391fa5f44b0fb4429b580c0"}, {IVR: "5"}}}

const ivrReqJSON = `{"script_name":"KỊCH BẢN BẤM PHÍM","greeting_id":"62da34652a310904dfbbf13b","max_failure":1,"time_out":3,
	"scripts":[{"ivr":"1","action_type":"Ivr_menu","action":"6391fa5f44b0fb4429b580c0"},{"ivr":"5","action_type":"","action":""}]}`

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

func ccCases(t *testing.T) []ccCase {
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
			name: "Extensions", method: "GET", path: cc + "/internal_phone/list", resp: fixtureResponder(t, "callcenter_internal_phone_list.json"),
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
		ccCase{
			name: "Hotlines", method: "GET", path: cc + "/hotline/list", resp: fixtureResponder(t, "callcenter_hotline_list.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.ListExtensionHotlines(ctx, "147")
			},
			query: url.Values{"extension": {"147"}}, retried: true,
			check: func(t *testing.T, got any) {
				assert.Equal(t, []string{"024********", "842*********"}, got.([]string))
			},
		},
		ccCase{
			name: "AssignHotline", method: "POST", path: cc + "/hotline/extension/update", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "842899990001", UserEmail: "a@x.vn",
					Directions: []Direction{DirectionOutbound, DirectionInbound}})
			},
			body: `{"hotline":"842899990001","user_email":"a@x.vn","directions":["outbound","inbound"]}`, retried: true,
		},
		ccCase{
			name: "Groups", method: "GET", path: cc + "/internal_group/list", resp: fixtureResponder(t, "callcenter_internal_group_list.json"),
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
		ccCase{
			name: "AllGroups", method: "GET", path: cc + "/internal_group/list", resp: onePage(`[{"_id":"g1"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.CallCenter.AllGroups(ctx, &ListOptions{Size: 5}))
			},
			query: url.Values{"page": {"1"}, "size": {"5"}}, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "g1", got.([]InternalGroup)[0].ID) },
		},
		ccCase{
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
		ccCase{
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
		ccCase{
			name: "AddGroupMembers", method: "POST", path: cc + "/internal_group/add-members", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.AddGroupMembers(ctx, "g1", "100", "101")
			},
			body: `{"group_id":"g1","sip_users":["100","101"]}`, retried: true,
		},
		ccCase{
			name: "RemoveGroupMembers", method: "POST", path: cc + "/internal_group/remove-members", resp: okPayload(`true`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.CallCenter.RemoveGroupMembers(ctx, "g1", "101")
			},
			body: `{"group_id":"g1","sip_users":["101"]}`, retried: true,
		},
		ccCase{
			name: "DeleteGroup", method: "DELETE", path: cc + "/internal_group/delete/g1", resp: okPayload(`true`),
			call:    func(ctx context.Context, c *Client) (any, error) { return nil, c.CallCenter.DeleteGroup(ctx, "g1") },
			retried: true,
		},
		ccCase{
			name: "IVRScripts", method: "GET", path: cc + "/key-interaction/list", resp: fixtureResponder(t, "callcenter_key_interaction_list.json"),
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
		ccCase{
			name: "AllIVRScripts", method: "GET", path: cc + "/key-interaction/list", resp: onePage(`[{"_id":"s1"}]`),
			call: func(ctx context.Context, c *Client) (any, error) {
				return collect(c.CallCenter.AllIVRScripts(ctx, &ListOptions{Page: 1, Keyword: "k"}))
			},
			query: url.Values{"page": {"1"}, "size": {"50"}, "keyword": {"k"}}, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "s1", got.([]IVRScript)[0].ID) },
		},
		ccCase{
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
		ccCase{
			name: "UpdateIVRScript", method: "POST", path: cc + "/key-interaction/update/632969ce7534d97b0933d51d",
			resp: fixtureResponder(t, "callcenter_key_interaction_update.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.UpdateIVRScript(ctx, "632969ce7534d97b0933d51d", ivrReq)
			},
			body: ivrReqJSON, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "632969ce7534d97b0933d51d", got.(*IVRScript).ID) },
		},
		ccCase{
			name: "DeleteIVRScript", method: "DELETE", path: cc + "/key-interaction/delete/s1", resp: okPayload(`true`),
			call:    func(ctx context.Context, c *Client) (any, error) { return nil, c.CallCenter.DeleteIVRScript(ctx, "s1") },
			retried: true,
		},
		ccCase{
			name: "Greetings", method: "GET", path: cc + "/greeting/list", resp: fixtureResponder(t, "callcenter_greeting_list.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.ListGreetings(ctx, &ListOptions{Page: 2, Size: 3})
			},
			query: url.Values{"page": {"2"}, "size": {"3"}}, retried: true,
			check: func(t *testing.T, got any) {
				p := got.(*Page[Greeting])
				require.Len(t, p.Items, 3)
				assert.Equal(t, 13, p.TotalItems)
				g := p.Items[0]
				assert.Equal(t, "6391f975b4c5c92743725fa3", g.ID)
				assert.Equal(t, "Name 1", g.GreetingName)
				assert.Equal(t, "Robot đọc", g.Formality)
				assert.Equal(t, "6c0d4c55-d837-4ae5-835e-c16180b09e51.mp3", g.RecordingFile)
				assert.Equal(t, VoiceBanMai, g.Voice)
				assert.Nil(t, g.CreateBy)
				assert.Equal(t, int64(1670510965969), g.CreatedDate.UnixMilli())
			},
		},
		ccCase{
			name: "AllGreetings", method: "GET", path: cc + "/greeting/list", resp: onePage(`[{"_id":"gr1"}]`),
			call:  func(ctx context.Context, c *Client) (any, error) { return collect(c.CallCenter.AllGreetings(ctx, nil)) },
			query: url.Values{"page": {"1"}, "size": {"50"}}, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "gr1", got.([]Greeting)[0].ID) },
		},
		ccCase{
			name: "UploadGreeting", method: "POST", path: cc + "/greeting/upload", resp: fixtureResponder(t, "callcenter_greeting_tts.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.UploadGreeting(ctx, "Chào", "hello.mp3", strings.NewReader("ID3-mp3-bytes"))
			},
			query: url.Values{"greeting_name": {"Chào"}},
			checkRq: func(t *testing.T, r sentRequest) {
				field, name, data := multipartFile(t, r)
				assert.Equal(t, "file", field)
				assert.Equal(t, "hello.mp3", name)
				assert.Equal(t, "ID3-mp3-bytes", data)
			},
			check: func(t *testing.T, got any) { assert.Equal(t, "639981151ee2ed6f5bbeea90", got.(*Greeting).ID) },
		},
		ccCase{
			name: "CreateTTSGreeting", method: "POST", path: cc + "/greeting/upload-text-to-speech", resp: fixtureResponder(t, "callcenter_greeting_tts.json"),
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CallCenter.CreateGreeting(ctx, &CreateGreetingRequest{Name: "Nhắc lịch đào tạo", Text: "Bạn có một lịch họp", Voice: VoiceLeMinh, Speed: -1})
			},
			query: url.Values{"greeting_name": {"Nhắc lịch đào tạo"}},
			body:  `{"text":"Bạn có một lịch họp","voice":"leminh","speed":"-1"}`,
			check: func(t *testing.T, got any) {
				g := got.(*Greeting)
				assert.Equal(t, "639981151ee2ed6f5bbeea90", g.ID)
				assert.Equal(t, "Nhắc lịch đào tạo", g.GreetingName)
				assert.Equal(t, "a6c2edd9-9af1-4e71-98a7-657c3c1e0466.mp3", g.RecordingFile)
				assert.Equal(t, Int(0), g.Speed)
				assert.Equal(t, int64(1671004437213), g.CreatedDate.UnixMilli())
			},
		},
		ccCase{
			name: "DeleteGreeting", method: "DELETE", path: cc + "/greeting/delete/gr1", resp: okPayload(`true`),
			call:    func(ctx context.Context, c *Client) (any, error) { return nil, c.CallCenter.DeleteGreeting(ctx, "gr1") },
			retried: true,
		},
	)
}

// multipartFile returns the single file part of a multipart request.
func multipartFile(t *testing.T, r sentRequest) (field, fileName, data string) {
	t.Helper()
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
	p, err := mr.NextPart()
	require.NoError(t, err)
	b, err := io.ReadAll(p)
	require.NoError(t, err)
	_, err = mr.NextPart()
	require.ErrorIs(t, err, io.EOF, "exactly one part")
	return p.FormName(), p.FileName(), string(b)
}

func TestCallCenterRequests(t *testing.T) {
	for _, tc := range ccCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, tc.method, tc.path, tc.resp)
			got, err := tc.call(ctxT(t), c)
			require.NoError(t, err)
			require.Equal(t, 1, log.count())
			r := log.last(t)
			assert.Equal(t, tc.method, r.Method)
			assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
			if tc.query == nil {
				tc.query = url.Values{}
			}
			assert.Equal(t, tc.query, r.Query)
			switch {
			case tc.checkRq != nil:
				tc.checkRq(t, r)
			case tc.body == "":
				assert.Empty(t, r.Body)
			default:
				assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
				assert.JSONEq(t, tc.body, string(r.Body))
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

func TestCallCenterFailures(t *testing.T) {
	for _, tc := range ccCases(t) {
		t.Run(tc.name+"/not_found", func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, tc.method, tc.path, httpmock.NewStringResponder(404, `{"status_code":-9999,"message":"not_found"}`))
			_, err := tc.call(ctxT(t), c)
			require.ErrorIs(t, err, ErrNotFound)
			assert.Equal(t, 1, log.count(), "a 404 is not retried")
		})
		t.Run(tc.name+"/envelope_error", func(t *testing.T) {
			c, mt := newMockClient(t)
			recordRoute(t, mt, tc.method, tc.path, failCode("extension_invalid"))
			_, err := tc.call(ctxT(t), c)
			require.ErrorIs(t, err, ErrExtensionInvalid)
		})
		t.Run(tc.name+"/503", func(t *testing.T) {
			c, mt := newMockClient(t)
			log := recordRoute(t, mt, tc.method, tc.path, httpmock.NewStringResponder(503, `{"status_code":-9999,"message":"busy"}`))
			_, err := tc.call(ctxT(t), c)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 503, apiErr.HTTPStatus)
			want := 1
			if tc.retried {
				want = 3
			}
			assert.Equal(t, want, log.count(), "attempts (the doc comment says whether it is retried)")
		})
	}
}

func TestCallCenterValidation(t *testing.T) {
	c, mt := newMockClient(t)
	ctx := ctxT(t)
	cc := c.CallCenter
	first := func(_ any, err error) error { return err }
	cases := []struct {
		field string
		err   error
	}{
		{"by", first(cc.LookupExtension(ctx, "email", "a@b.vn"))},
		{"by", first(cc.LookupExtension(ctx, "", "a@b.vn"))},
		{"value", first(cc.LookupExtension(ctx, LookupByEmail, ""))},
		{"sipUser", cc.SetExtensionEnabled(ctx, "", true)},
		{"extension", first(cc.Hotlines(ctx, ""))},
		{"a", cc.AssignHotline(ctx, nil)},
		{"Hotline", cc.AssignHotline(ctx, &AssignHotlineRequest{UserEmail: "a@b.vn", Directions: []Direction{DirectionInbound}})},
		{"UserEmail", cc.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "1", Directions: []Direction{DirectionInbound}})},
		{"Directions", cc.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "1", UserEmail: "a@b.vn"})},
		{"Directions", cc.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "1", UserEmail: "a@b.vn", Directions: []Direction{DirectionLocal}})},
		{"req", first(cc.CreateGroup(ctx, nil))},
		{"GroupName", first(cc.CreateGroup(ctx, &InternalGroupRequest{Strategy: StrategyRandom, SIPMembers: []string{"1"}, Timeout: 1}))},
		{"Strategy", first(cc.CreateGroup(ctx, &InternalGroupRequest{GroupName: "g", SIPMembers: []string{"1"}, Timeout: 1}))},
		{"SIPMembers", first(cc.CreateGroup(ctx, &InternalGroupRequest{GroupName: "g", Strategy: StrategyRandom, Timeout: 1}))},
		{"Timeout", first(cc.CreateGroup(ctx, &InternalGroupRequest{GroupName: "g", Strategy: StrategyRandom, SIPMembers: []string{"1"}}))},
		{"id", first(cc.UpdateGroup(ctx, "", groupReq))},
		{"req", first(cc.UpdateGroup(ctx, "g1", nil))},
		{"groupID", cc.AddGroupMembers(ctx, "", "100")},
		{"sipUsers", cc.AddGroupMembers(ctx, "g1")},
		{"sipUsers", cc.RemoveGroupMembers(ctx, "g1")},
		{"id", cc.DeleteGroup(ctx, "")},
		{"req", first(cc.CreateIVRScript(ctx, nil))},
		{"ScriptName", first(cc.CreateIVRScript(ctx, &IVRScriptRequest{GreetingID: "g", Scripts: []IVRKey{{IVR: "1"}}}))},
		{"GreetingID", first(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", Scripts: []IVRKey{{IVR: "1"}}}))},
		{"Scripts", first(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", GreetingID: "g"}))},
		{"Scripts.IVR", first(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", GreetingID: "g", Scripts: []IVRKey{{}}}))},
		{"MaxFailure/TimeOut", first(cc.CreateIVRScript(ctx, &IVRScriptRequest{ScriptName: "s", GreetingID: "g", TimeOut: -1, Scripts: []IVRKey{{IVR: "1"}}}))},
		{"id", first(cc.UpdateIVRScript(ctx, "", ivrReq))},
		{"id", cc.DeleteIVRScript(ctx, "")},
		{"file", first(cc.UploadGreeting(ctx, "n", "a.mp3", nil))},
		{"file", first(cc.UploadGreeting(ctx, "n", "a.mp3", strings.NewReader("")))},
		{"fileName", first(cc.UploadGreeting(ctx, "n", "", strings.NewReader("x")))},
		{"fileName", first(cc.UploadGreeting(ctx, "n", "a.wav", strings.NewReader("x")))},
		{"req", first(cc.CreateTTSGreeting(ctx, nil))},
		{"Name", first(cc.CreateTTSGreeting(ctx, &CreateGreetingRequest{Text: "t", Voice: VoiceBanMai}))},
		{"Text", first(cc.CreateTTSGreeting(ctx, &CreateGreetingRequest{Name: "n", Voice: VoiceBanMai}))},
		{"Voice", first(cc.CreateTTSGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: "t"}))},
		{"Text", first(cc.CreateTTSGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: strings.Repeat("ạ", 301), Voice: VoiceBanMai}))},
		{"Speed", first(cc.CreateTTSGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: "t", Voice: VoiceBanMai, Speed: 4}))},
		{"id", cc.DeleteGreeting(ctx, "")},
	}
	for i, tc := range cases {
		t.Run(tc.field, func(t *testing.T) {
			require.Error(t, tc.err, "case %d", i)
			requireValidation(t, tc.err, tc.field)
		})
	}
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}

func TestCallCenterTTSAcceptsExactly300Characters(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_center/greeting/upload-text-to-speech", fixtureResponder(t, "callcenter_greeting_tts.json"))
	_, err := c.CallCenter.CreateGreeting(ctxT(t), &CreateGreetingRequest{Name: "n", Text: strings.Repeat("ạ", 300), Voice: VoiceLanNhi, Speed: 3})
	require.NoError(t, err)
	assert.Equal(t, 1, log.count())
}

func TestCallCenterUploadOmitsEmptyName(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_center/greeting/upload", okPayload(`{"_id":"bare"}`))
	g, err := c.CallCenter.UploadGreeting(ctxT(t), "", "x.MP3", strings.NewReader("data"))
	require.NoError(t, err)
	assert.Empty(t, log.last(t).Query)
	assert.Equal(t, "bare", g.ID, "an unwrapped greeting decodes too")
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
