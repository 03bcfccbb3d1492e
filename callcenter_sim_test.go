package omicall_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

const simHotline = "842899990001"

func TestSimDisabledExtensionCannotPlaceCalls(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	call := &omicall.ClickToCallRequest{Extension: "100", Hotline: simHotline, PhoneNumber: "0987654321"}

	require.NoError(t, c.CallCenter.SetExtensionEnabled(ctx, "100", false))
	_, err := c.Calls.ClickToCall(ctx, call)
	require.ErrorIs(t, err, omicall.ErrUserNotRegistered)

	require.NoError(t, c.CallCenter.SetExtensionEnabled(ctx, "100", true))
	id, err := c.Calls.ClickToCall(ctx, call)
	require.NoError(t, err)
	assert.NotEmpty(t, id)
	sim.WaitCalls()

	require.ErrorIs(t, c.CallCenter.SetExtensionEnabled(ctx, "999", true), omicall.ErrNotFound)
	_, err = c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: "999", Hotline: simHotline, PhoneNumber: "0987654321"})
	require.ErrorIs(t, err, omicall.ErrExtensionInvalid, "an unknown extension")
}

func TestSimHotlines(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	all, err := c.CallCenter.ListExtensionHotlines(ctx, "101")
	require.NoError(t, err)
	assert.Equal(t, []string{"842899990001", "842899990002"}, all)

	a := &omicall.AssignHotlineRequest{Hotline: "842899990002", UserEmail: "binh.tran@democo.example", Directions: []omicall.Direction{omicall.DirectionOutbound}}
	require.NoError(t, c.CallCenter.AssignHotline(ctx, a))
	got, err := c.CallCenter.ListExtensionHotlines(ctx, "101")
	require.NoError(t, err)
	assert.Equal(t, []string{"842899990002"}, got)
	exts, err := c.CallCenter.ListExtensions(ctx, &omicall.ListOptions{Keyword: "101"})
	require.NoError(t, err)
	assert.Equal(t, "842899990002", exts.Items[0].PublicNumber)

	// Dedicating it to another agent takes it from the first.
	a.UserEmail = "cuong.le@democo.example"
	require.NoError(t, c.CallCenter.AssignHotline(ctx, a))
	got, err = c.CallCenter.ListExtensionHotlines(ctx, "101")
	require.NoError(t, err)
	assert.Len(t, got, 2)

	a.Hotline = "0000"
	require.ErrorIs(t, c.CallCenter.AssignHotline(ctx, a), omicall.ErrHotlineInvalid)
	a.Hotline, a.UserEmail = simHotline, "nobody@democo.example"
	require.ErrorIs(t, c.CallCenter.AssignHotline(ctx, a), omicall.ErrNotFound)
	_, err = c.CallCenter.ListExtensionHotlines(ctx, "999")
	require.ErrorIs(t, err, omicall.ErrNotFound)
}

func TestSimInternalGroups(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	seeded, err := c.CallCenter.ListGroups(ctx, nil)
	require.NoError(t, err)
	require.Len(t, seeded.Items, 1)
	assert.Equal(t, omicall.DefaultPageSize, seeded.Size, "groups page DefaultPageSize at a time by default")
	assert.Equal(t, []string{"100", "101", "102"}, seeded.Items[0].SIPMembers)

	g, err := c.CallCenter.CreateGroup(ctx, &omicall.InternalGroupRequest{GroupName: "Nhóm Hỗ trợ", Strategy: omicall.StrategyRollover, SIPMembers: []string{"101"}, Timeout: 25})
	require.NoError(t, err)
	assert.Len(t, g.ID, 24)
	assert.Equal(t, "Nhom Ho tro", g.GroupNameUnsigned)
	assert.NotEmpty(t, g.GroupNumber)
	require.Len(t, g.Members, 1)
	assert.Equal(t, omicall.Int(25), g.Members[0].Timeout)

	require.NoError(t, c.CallCenter.AddGroupMembers(ctx, g.ID, "102", "100", "102"))
	require.NoError(t, c.CallCenter.RemoveGroupMembers(ctx, g.ID, "101"))
	list, err := c.CallCenter.ListGroups(ctx, &omicall.ListOptions{Keyword: "ho tro"})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, []string{"102", "100"}, list.Items[0].SIPMembers)

	up, err := c.CallCenter.UpdateGroup(ctx, g.ID, &omicall.InternalGroupRequest{GroupName: "Support", Strategy: omicall.StrategyEnterprise,
		SIPMembers: []string{"100"}, Timeout: 30, TargetTimeoutType: omicall.ActionRingGroup, TargetTimeout: seeded.Items[0].ID})
	require.NoError(t, err)
	assert.Equal(t, g.ID, up.ID)
	assert.Equal(t, g.GroupNumber, up.GroupNumber)
	assert.Equal(t, omicall.ActionRingGroup, up.TargetTimeoutType)
	assert.Equal(t, []string{"100"}, up.SIPMembers)
	assert.NotNil(t, up.LastUpdateBy)

	_, err = c.CallCenter.CreateGroup(ctx, &omicall.InternalGroupRequest{GroupName: "x", Strategy: omicall.StrategyRandom, SIPMembers: []string{"999"}, Timeout: 5})
	require.ErrorIs(t, err, omicall.ErrExtensionInvalid)
	_, err = c.CallCenter.CreateGroup(ctx, &omicall.InternalGroupRequest{GroupName: "x", Strategy: "loudest", SIPMembers: []string{"100"}, Timeout: 5})
	var apiErr *omicall.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "strategy_invalid", apiErr.Code)
	require.ErrorIs(t, c.CallCenter.AddGroupMembers(ctx, "nope", "100"), omicall.ErrNotFound)

	require.NoError(t, c.CallCenter.DeleteGroup(ctx, g.ID))
	require.ErrorIs(t, c.CallCenter.DeleteGroup(ctx, g.ID), omicall.ErrNotFound)
	_, err = c.CallCenter.UpdateGroup(ctx, g.ID, &omicall.InternalGroupRequest{GroupName: "x", Strategy: omicall.StrategyRandom, SIPMembers: []string{"100"}, Timeout: 5})
	require.ErrorIs(t, err, omicall.ErrNotFound)
	all, err := collect(c.CallCenter.AllGroups(ctx, &omicall.ListOptions{Size: 1}))
	require.NoError(t, err)
	assert.Len(t, all, 1)
}

func TestSimGreetingsAndIVRScripts(t *testing.T) {
	c, _ := newSimClient(t, nil)
	ctx := ctxT(t)
	tts, err := c.CallCenter.CreateGreeting(ctx, &omicall.CreateGreetingRequest{Name: "Chào mừng", Text: "Xin chào", Voice: omicall.VoiceLeMinh, Speed: -2})
	require.NoError(t, err)
	assert.Equal(t, "Xin chào", tts.Content)
	assert.Equal(t, omicall.Int(-2), tts.Speed)
	assert.Equal(t, omicall.VoiceLeMinh, tts.Voice)
	assert.True(t, strings.HasSuffix(tts.RecordingFile, ".mp3"))

	up, err := c.CallCenter.UploadGreeting(ctx, "Nhạc chờ", "hold.mp3", strings.NewReader("ID3\x03fake-mp3"))
	require.NoError(t, err)
	assert.Equal(t, "Nhạc chờ", up.GreetingName)
	assert.NotEmpty(t, up.ID)
	noName, err := c.CallCenter.UploadGreeting(ctx, "", "menu.mp3", strings.NewReader("ID3"))
	require.NoError(t, err)
	assert.Equal(t, "menu", noName.GreetingName)

	greetings, err := collect(c.CallCenter.AllGreetings(ctx, &omicall.ListOptions{Size: 2}))
	require.NoError(t, err)
	require.Len(t, greetings, 4, "the seeded greeting and three new ones")
	assert.Equal(t, noName.ID, greetings[0].ID)

	groups, err := c.CallCenter.ListGroups(ctx, nil)
	require.NoError(t, err)
	req := &omicall.IVRScriptRequest{ScriptName: "Menu chính", GreetingID: tts.ID, MaxFailure: 2, TimeOut: 5, InvalidSoundID: up.ID,
		Scripts: []omicall.IVRKey{{IVR: "1", ActionType: omicall.ActionRingGroup, Action: groups.Items[0].ID}, {IVR: "2"}}}
	s, err := c.CallCenter.CreateIVRScript(ctx, req)
	require.NoError(t, err)
	assert.Equal(t, "MENU CHINH", s.ScriptNameUnsigned)
	assert.Equal(t, omicall.Int(5), s.TimeOut)
	require.Len(t, s.Scripts, 2)
	assert.Equal(t, groups.Items[0].ID, s.Scripts[0].Action)

	_, err = c.CallCenter.CreateIVRScript(ctx, req)
	var apiErr *omicall.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "script_name_exists", apiErr.Code, "script names are unique")

	req2 := *req
	req2.MaxFailure, req2.GreetingID = 3, up.ID
	s2, err := c.CallCenter.UpdateIVRScript(ctx, s.ID, &req2)
	require.NoError(t, err)
	assert.Equal(t, s.ID, s2.ID)
	assert.Equal(t, omicall.Int(3), s2.MaxFailure)
	assert.Equal(t, up.ID, s2.GreetingID)

	list, err := c.CallCenter.ListIVRScripts(ctx, &omicall.ListOptions{Keyword: "menu chinh"})
	require.NoError(t, err)
	require.Len(t, list.Items, 1)
	assert.Equal(t, omicall.DefaultPageSize, list.Size)

	require.NoError(t, c.CallCenter.DeleteIVRScript(ctx, s.ID))
	require.ErrorIs(t, c.CallCenter.DeleteIVRScript(ctx, s.ID), omicall.ErrNotFound)
	require.NoError(t, c.CallCenter.DeleteGreeting(ctx, up.ID))
	require.ErrorIs(t, c.CallCenter.DeleteGreeting(ctx, up.ID), omicall.ErrNotFound)
	_, err = c.CallCenter.CreateIVRScript(ctx, &omicall.IVRScriptRequest{ScriptName: "x", GreetingID: up.ID, Scripts: []omicall.IVRKey{{IVR: "1"}}})
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "greeting_id_invalid", apiErr.Code)
}

// failingReader yields some bytes, then fails.
type failingReader struct {
	sent  bool
	reads int
}

var errDiskGone = errors.New("disk gone")

func (r *failingReader) Read(p []byte) (int, error) {
	r.reads++
	if !r.sent {
		r.sent = true
		return copy(p, "ID3\x03partial"), nil
	}
	return 0, errDiskGone
}

func TestSimUploadWithFailingReaderSendsNothing(t *testing.T) {
	c, sim := newSimClient(t, nil)
	r := &failingReader{}
	_, err := c.CallCenter.UploadGreeting(ctxT(t), "x", "x.mp3", r)
	require.ErrorIs(t, err, errDiskGone)
	assert.Contains(t, err.Error(), "/api/call_center/greeting/upload")
	assert.Equal(t, 2, r.reads, "read once through, never re-read")
	assert.Zero(t, sim.Requests("POST /api/call_center/greeting/upload"), "a half-read file is never sent")
	p, err := c.CallCenter.ListGreetings(ctxT(t), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, p.TotalItems, "no greeting was created")
}

func TestSimUploadResendsWholeFileAfterTokenRefresh(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	_, err := c.Tenant.Get(ctx) // caches a token
	require.NoError(t, err)
	sim.RevokeTokens()
	g, err := c.CallCenter.UploadGreeting(ctx, "after-refresh", "a.mp3", strings.NewReader("ID3-whole-file"))
	require.NoError(t, err, "the 401 is answered with a new token and the whole file again")
	assert.Equal(t, "after-refresh", g.GreetingName)
	assert.Equal(t, 2, sim.Requests("POST /api/call_center/greeting/upload"))
	assert.Equal(t, 2, sim.Requests("GET /api/auth"))
}
