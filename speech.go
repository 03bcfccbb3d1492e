package omicall

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// The AI hosts named by the documentation (staging; no production AI host is
// documented). Override them with WithSpeechBaseURLs.
const (
	DefaultTTSBaseURL = "https://tts-api-v1-stg.omicall.com"
	DefaultASRBaseURL = "https://asr-api-v1-stg.omicall.com"
)

// SpeechService calls OMICall's AI hosts: text-to-speech (TTS) and
// speech-to-text (ASR). Reach it as c.Speech. These hosts take no access
// token: each request carries the header "apikey". The documentation calls
// its value an "authentication token to access the API" without saying
// which credential that is; the client sends the tenant's API key (the one
// given to NewClient), or the key set with WithSpeechAPIKey if OMICall issued
// a separate one. Their answers have no status_code envelope.
type SpeechService service

// speechConfig is the AI part of the client configuration.
type speechConfig struct {
	ttsBase, asrBase string
	key              string
}

// WithSpeechBaseURLs sets the text-to-speech and speech-to-text hosts
// (defaults DefaultTTSBaseURL and DefaultASRBaseURL); an empty argument keeps
// its default. As with WithBaseURL, plain http:// is accepted only for a
// loopback host.
func WithSpeechBaseURLs(tts, asr string) Option {
	return func(c *config) {
		if tts != "" {
			c.speech.ttsBase = tts
		}
		if asr != "" {
			c.speech.asrBase = asr
		}
	}
}

// WithSpeechAPIKey sets the value of the "apikey" header the AI hosts take,
// when it is not the tenant's API key.
func WithSpeechAPIKey(key string) Option { return func(c *config) { c.speech.key = key } }

// check fills in the default hosts and validates them.
func (sc *speechConfig) check() error {
	for _, h := range []struct {
		v   *string
		def string
	}{{&sc.ttsBase, DefaultTTSBaseURL}, {&sc.asrBase, DefaultASRBaseURL}} {
		if *h.v == "" {
			*h.v = h.def
		}
		base, err := checkBaseURL(*h.v)
		if err != nil {
			return renameField(err, "WithSpeechBaseURLs")
		}
		*h.v = base
	}
	return nil
}

// speechRequest returns a request to an AI host, authenticated by the apikey
// header, without envelope.
func (s *SpeechService) speechRequest(method, base, path string) *request {
	r := &request{method: method, path: path, callOptions: callOptions{auth: authSpeechKey}}
	r.apply([]RequestOption{WithHost(base), withRawResponse()})
	return r // the engine refuses it before sending when there is no key
}

// The documented TTS voices (TTSRequest.SpeakerID).
const (
	SpeakerNorthernFemaleNgocAnh = "northern_female_ngocanh" // the default
	SpeakerSouthernFemaleHongAnh = "southern_female_honganh"
	SpeakerSouthernMaleTienHuy   = "southern_male_tienhuy"
	SpeakerNorthernMaleAnhKiet   = "northern_male_anhkiet"
	SpeakerSouthernFemaleKhangAn = "southern_female_khangan"
)

// TTSRequest is the body of POST {tts host}/v1/tts.
type TTSRequest struct {
	Text string `json:"text"` // required
	// Speed is the reading speed in [0.8, 1.2]; 0 means the default, 1.
	Speed float64 `json:"speed,omitempty"`
	// SpeakerID is the voice, one of the Speaker… constants; empty means
	// SpeakerNorthernFemaleNgocAnh.
	SpeakerID string `json:"speaker_id,omitempty"`
}

// TTSResult is the synthesised audio: its length, sample rate and where to
// download it (see SpeechService.Audio).
type TTSResult struct {
	AudioDuration Float  `json:"audioDuration"` // seconds
	SampleRate    Int    `json:"sampleRate"`    // Hz, e.g. 8000
	URL           string `json:"url"`           // a .wav file
}

// Duration returns AudioDuration as a time.Duration.
func (r *TTSResult) Duration() time.Duration {
	return time.Duration(float64(r.AudioDuration) * float64(time.Second))
}

// TextToSpeech synthesises text and returns where to download the audio.
// OMICall API: POST {tts host}/v1/tts (header apikey). Never retried (see
// ContextWithRetry): each call may count against a quota.
func (s *SpeechService) TextToSpeech(ctx context.Context, req *TTSRequest) (*TTSResult, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := required("Text", strings.TrimSpace(req.Text)); err != nil {
		return nil, err
	}
	if req.Speed != 0 && !(req.Speed >= 0.8 && req.Speed <= 1.2) { // NaN fails too
		return nil, &ValidationError{Field: "Speed", Reason: "must be within [0.8, 1.2] (or 0 for the default)"}
	}
	r := s.speechRequest(http.MethodPost, s.e.cfg.speech.ttsBase, "/v1/tts")
	var out struct {
		Data    *TTSResult `json:"data"`
		Message string     `json:"message"`
	}
	r.body, r.out = req, &out
	if err := s.e.do(ctx, r); err != nil {
		return nil, err
	}
	switch {
	case out.Data != nil && out.Data.URL != "":
		return out.Data, nil
	case out.Message != "":
		return nil, &APIError{HTTPStatus: http.StatusOK, Code: out.Message, Method: r.method, Path: r.path}
	}
	return nil, &DecodeError{HTTPStatus: http.StatusOK, Method: r.method, Path: r.path, Err: errors.New("no data.url in the response")}
}

// Audio downloads the audio file at audioURL (a TTSResult.URL) and returns
// its bytes (WAV). The apikey header is sent only when audioURL is on the
// text-to-speech host; any other host gets no credential. audioURL must be
// https (or http on a loopback host). OMICall API: GET of the URL returned
// by POST /v1/tts (undocumented beyond the URL itself). Retried.
func (s *SpeechService) Audio(ctx context.Context, audioURL string) ([]byte, error) {
	u, err := url.Parse(audioURL)
	if err != nil || u.Host == "" {
		return nil, &ValidationError{Field: "audioURL", Reason: "must be an absolute URL"}
	}
	origin, err := checkBaseURL(u.Scheme + "://" + u.Host)
	if err != nil {
		return nil, renameField(err, "audioURL")
	}
	r := &request{method: http.MethodGet, path: u.EscapedPath()}
	r.apply([]RequestOption{WithHost(origin), withoutAuth(), withRawResponse()})
	if tts, _ := url.Parse(s.e.cfg.speech.ttsBase); tts != nil && strings.EqualFold(tts.Scheme+"://"+tts.Host, origin) {
		r = s.speechRequest(http.MethodGet, origin, u.EscapedPath())
	}
	r.apply([]RequestOption{WithHeader("Accept", "audio/*, */*")})
	if u.RawQuery != "" {
		r.query = u.Query()
	}
	var audio []byte
	r.out = &audio
	if err := s.e.do(ctx, r); err != nil {
		return nil, err
	}
	if len(audio) == 0 {
		return nil, &DecodeError{HTTPStatus: http.StatusOK, Method: r.method, Path: r.path, Err: errors.New("empty audio")}
	}
	return audio, nil
}

// RegisterASRWebhook sets the URL that speech-to-text results are delivered
// to (their format is not documented). OMICall API: POST {asr
// host}/api/asr/register (header apikey). Retried (setting the same URL
// twice is harmless).
func (s *SpeechService) RegisterASRWebhook(ctx context.Context, webhookURL string) error {
	u, err := url.Parse(webhookURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return &ValidationError{Field: "webhookURL", Reason: "must be an absolute http(s) URL"}
	}
	r := s.speechRequest(http.MethodPost, s.e.cfg.speech.asrBase, "/api/asr/register")
	r.body = struct {
		URL string `json:"url"`
	}{webhookURL}
	return s.e.do(ctx, r, WithRetryPOST())
}

// UploadASR submits WAV audio for speech-to-text. The transcript is not
// returned: OMICall delivers it later to the URL set with
// RegisterASRWebhook, carrying id so you can match it. The audio is sent as
// the multipart file field "audio" (the documentation types it "String"
// without saying how it is encoded; a file upload is the reading taken here)
// beside the form field "id". wav is read once; the request is never retried.
// OMICall API: POST {asr host}/api/asr/upload (header apikey).
func (s *SpeechService) UploadASR(ctx context.Context, id string, wav io.Reader) error {
	if err := required("id", id); err != nil {
		return err
	}
	if wav == nil {
		return &ValidationError{Field: "wav", Reason: "is required"}
	}
	r := s.speechRequest(http.MethodPost, s.e.cfg.speech.asrBase, "/api/asr/upload")
	r.multipart = &multipartBody{field: "audio", fileName: "audio.wav", reader: wav, fields: map[string]string{"id": id}}
	return s.e.do(ctx, r)
}
