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

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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

func TestCallCenterGreetings(t *testing.T) { testCCCases(t, greetingsCases(t)) }

func greetingsCases(t *testing.T) []ccCase {
	const cc = "/api/call_center"
	return []ccCase{
		{
			name: "ListGreetings", method: "GET", path: cc + "/greeting/list", resp: fixtureResponder(t, "callcenter_greeting_list.json"),
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
		{
			name: "AllGreetings", method: "GET", path: cc + "/greeting/list", resp: onePage(`[{"_id":"gr1"}]`),
			call:  func(ctx context.Context, c *Client) (any, error) { return collect(c.CallCenter.AllGreetings(ctx, nil)) },
			query: url.Values{"page": {"1"}, "size": {"50"}}, retried: true,
			check: func(t *testing.T, got any) { assert.Equal(t, "gr1", got.([]Greeting)[0].ID) },
		},
		{
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
		{
			name: "CreateGreeting", method: "POST", path: cc + "/greeting/upload-text-to-speech", resp: fixtureResponder(t, "callcenter_greeting_tts.json"),
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
		{
			name: "DeleteGreeting", method: "DELETE", path: cc + "/greeting/delete/gr1", resp: okPayload(`true`),
			call:    func(ctx context.Context, c *Client) (any, error) { return nil, c.CallCenter.DeleteGreeting(ctx, "gr1") },
			retried: true,
		},
	}
}

func TestCallCenterGreetingsValidation(t *testing.T) {
	c, mt := newMockClient(t)
	ctx, cc := ctxT(t), c.CallCenter
	requireFields(t, []fieldErr{
		{"file", errOf(cc.UploadGreeting(ctx, "n", "a.mp3", nil))},
		{"file", errOf(cc.UploadGreeting(ctx, "n", "a.mp3", strings.NewReader("")))},
		{"fileName", errOf(cc.UploadGreeting(ctx, "n", "", strings.NewReader("x")))},
		{"fileName", errOf(cc.UploadGreeting(ctx, "n", "a.wav", strings.NewReader("x")))},
		{"req", errOf(cc.CreateGreeting(ctx, nil))},
		{"Name", errOf(cc.CreateGreeting(ctx, &CreateGreetingRequest{Text: "t", Voice: VoiceBanMai}))},
		{"Text", errOf(cc.CreateGreeting(ctx, &CreateGreetingRequest{Name: "n", Voice: VoiceBanMai}))},
		{"Voice", errOf(cc.CreateGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: "t"}))},
		{"Text", errOf(cc.CreateGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: strings.Repeat("ạ", 301), Voice: VoiceBanMai}))},
		{"Speed", errOf(cc.CreateGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: "t", Voice: VoiceBanMai, Speed: 4}))},
		{"id", cc.DeleteGreeting(ctx, "")},
	})
	assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
}
