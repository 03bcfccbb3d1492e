package omicall

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Greeting is a recording the PBX plays: an uploaded MP3 or a text-to-speech
// file. Its ID is what IVR scripts and group timeouts refer to.
type Greeting struct {
	ID                   string `json:"_id"`
	TenantID             string `json:"tenant_id"`
	GreetingName         string `json:"greeting_name"`
	GreetingNameUnsigned string `json:"greeting_name_unsigned"`
	Formality            string `json:"formality"`      // display label, e.g. "Robot đọc" (text-to-speech)
	RecordingFile        string `json:"recording_file"` // a file name such as "6c0d….mp3", not a URL
	Content              string `json:"content"`        // the text, for text-to-speech
	Voice                Voice  `json:"voice"`
	Speed                Int    `json:"speed"` // -3 (slowest) to 3
	CreatedDate          Time   `json:"created_date"`
	LastUpdatedDate      Time   `json:"last_updated_date"`
	CreateBy             *Actor `json:"create_by,omitempty"`
	LastUpdateBy         *Actor `json:"last_update_by,omitempty"`
	IsDeleted            Bool   `json:"is_deleted"`
	IsHiddenInList       Bool   `json:"is_hidden_in_list"`
}

// Voice is a text-to-speech voice.
type Voice string

// The documented text-to-speech voices.
const (
	VoiceBanMai Voice = "banmai" // northern female
	VoiceLeMinh Voice = "leminh" // northern male
	VoiceLanNhi Voice = "lannhi" // southern female
)

// CreateGreetingRequest is the input of CreateGreeting. Name, Text and
// Voice are required.
type CreateGreetingRequest struct {
	Name  string // greeting_name
	Text  string // at most 300 characters
	Voice Voice
	Speed int // -3 extremely slow, -2 very slow, -1 slow, 0 normal, 1 fast, 2, 3
}

// maxTTSChars is the documented limit of a text-to-speech greeting.
const maxTTSChars = 300

const pathGreetings = "/api/call_center/greeting"

// greetingList requires a size; the list helper always sends one.
var greetingList = listSpec{method: http.MethodGet, path: pathGreetings + "/list"}

// greetingPayload decodes a greeting that the API wraps as {"file": {...}}
// and, in case an answer is not wrapped, a bare greeting object.
type greetingPayload struct{ Greeting }

// UnmarshalJSON takes the greeting from "file", or the object itself; it
// never fails.
func (g *greetingPayload) UnmarshalJSON(b []byte) error {
	var w struct {
		File *Greeting `json:"file"`
	}
	_ = decodeLenient(b, &w)
	if w.File != nil {
		g.Greeting = *w.File
		return nil
	}
	_ = decodeLenient(b, &g.Greeting)
	return nil
}

// ListGreetings returns one page of greetings. The endpoint documents only
// page and size; Keyword is sent when set. OMICall API: GET
// /api/call_center/greeting/list. Retried.
func (s *CallCenterService) ListGreetings(ctx context.Context, opts *ListOptions) (*Page[Greeting], error) {
	return listPage[Greeting](ctx, s.e, greetingList, opts)
}

// AllGreetings walks every greeting page after page (see AgentService.All).
// OMICall API: GET /api/call_center/greeting/list. Retried.
func (s *CallCenterService) AllGreetings(ctx context.Context, opts *ListOptions) iter.Seq2[Greeting, error] {
	return listAll[Greeting](ctx, s.e, greetingList, opts)
}

// UploadGreeting uploads an MP3 read from file as the greeting name (name
// may be empty), sent as multipart/form-data field "file" with the file name
// fileName, which must end in ".mp3". file is read to its end before
// anything is sent: a read error returns at once and nothing is sent. The
// answer is undocumented; it is taken to be shaped like CreateGreeting's,
// and the Greeting is zero when the server sends none. OMICall API: POST
// /api/call_center/greeting/upload. Never retried.
func (s *CallCenterService) UploadGreeting(ctx context.Context, name, fileName string, file io.Reader) (*Greeting, error) {
	if err := required("fileName", fileName); err != nil {
		return nil, err
	}
	if !strings.HasSuffix(strings.ToLower(fileName), ".mp3") {
		return nil, &ValidationError{Field: "fileName", Reason: "must end in .mp3 (OMICall accepts MP3 only)"}
	}
	if file == nil {
		return nil, &ValidationError{Field: "file", Reason: "is required"}
	}
	const path = pathGreetings + "/upload"
	data, err := io.ReadAll(file)
	if err != nil {
		return nil, fmt.Errorf("omicall: POST %s: reading the file: %w", path, err)
	}
	if len(data) == 0 {
		return nil, &ValidationError{Field: "file", Reason: "is empty"}
	}
	var q url.Values
	if name != "" {
		q = url.Values{"greeting_name": {name}}
	}
	out := new(greetingPayload)
	mp := &multipartBody{field: "file", fileName: fileName, reader: bytes.NewReader(data)}
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: path, query: q, multipart: mp, out: out}); err != nil {
		return nil, err
	}
	return &out.Greeting, nil
}

// CreateGreeting creates a greeting read by a text-to-speech voice (for a
// recorded one, see UploadGreeting). The speed travels as a string, as
// documented. OMICall API: POST
// /api/call_center/greeting/upload-text-to-speech. Never retried.
func (s *CallCenterService) CreateGreeting(ctx context.Context, req *CreateGreetingRequest) (*Greeting, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := requireAll("Name", req.Name, "Text", req.Text, "Voice", string(req.Voice)); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(req.Text) > maxTTSChars {
		return nil, &ValidationError{Field: "Text", Reason: "must be at most 300 characters"}
	}
	if req.Speed < -3 || req.Speed > 3 {
		return nil, &ValidationError{Field: "Speed", Reason: "must be between -3 and 3"}
	}
	body := map[string]string{"text": req.Text, "voice": string(req.Voice), "speed": strconv.Itoa(req.Speed)}
	q := url.Values{"greeting_name": {req.Name}}
	out := new(greetingPayload)
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: pathGreetings + "/upload-text-to-speech", query: q, body: body, out: out}); err != nil {
		return nil, err
	}
	return &out.Greeting, nil
}

// DeleteGreeting deletes greeting id. OMICall API: DELETE
// /api/call_center/greeting/delete/:id. Retried.
func (s *CallCenterService) DeleteGreeting(ctx context.Context, id string) error {
	return s.e.deleteByID(ctx, pathGreetings+"/delete", id)
}
