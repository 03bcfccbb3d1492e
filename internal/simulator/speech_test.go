package simulator

import (
	"encoding/binary"
	"encoding/json"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// speechCall sends one request to an AI route with the apikey header (none
// when key is empty) and returns the status and body.
func speechCall(t *testing.T, s *Server, method, path, contentType string, body []byte, key string) (int, []byte) {
	t.Helper()
	h := map[string]string{"Content-Type": contentType}
	if key != "" {
		h["apikey"] = key
	}
	status, _, raw := roundTrip(t, s, "", method, path, body, h)
	return status, raw
}

func TestTTS(t *testing.T) {
	s := New()
	status, raw := speechCall(t, s, "POST", "/v1/tts", "application/json", []byte(`{"text":"xin chào","speed":1.2}`), s.APIKey())
	require.Equal(t, 200, status, string(raw))
	var res struct {
		Data struct {
			Duration float64 `json:"audioDuration"`
			Rate     int     `json:"sampleRate"`
			URL      string  `json:"url"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(raw, &res))
	assert.Equal(t, 0.4, res.Data.Duration, "0.06 s a character at speed 1")
	assert.Equal(t, ttsSampleRate, res.Data.Rate)
	_, again := speechCall(t, s, "POST", "/v1/tts", "application/json", []byte(`{"text":"xin chào","speed":1.2}`), s.APIKey())
	assert.Equal(t, string(raw), string(again), "the same request, the same answer")

	u, err := url.Parse(res.Data.URL)
	require.NoError(t, err)
	status, wav := speechCall(t, s, "GET", u.Path, "", nil, "")
	require.Equal(t, 200, status, "the audio needs no key")
	assert.Equal(t, "RIFF", string(wav[:4]))
	assert.Equal(t, "WAVE", string(wav[8:12]))
	assert.Equal(t, uint32(2*int(0.4*ttsSampleRate)), binary.LittleEndian.Uint32(wav[40:44]), "the data chunk holds the announced length")

	for body, code := range map[string]string{
		`{"text":" "}`:                    "text_is_required",
		`{"text":"a","speed":2}`:          "speed_invalid",
		`{"text":"a","speaker_id":"bot"}`: "speaker_id_invalid",
	} {
		status, raw := speechCall(t, s, "POST", "/v1/tts", "application/json", []byte(body), s.APIKey())
		assert.Equal(t, 400, status, body)
		assert.Contains(t, string(raw), code, body)
	}
	status, _ = speechCall(t, s, "POST", "/v1/tts", "application/json", []byte(`{"text":"a"}`), "")
	assert.Equal(t, 401, status)
	status, _ = speechCall(t, s, "GET", "/v1/tts/nope.wav", "", nil, "")
	assert.Equal(t, 404, status)
}

func TestASR(t *testing.T) {
	s := New()
	status, _ := speechCall(t, s, "POST", "/api/asr/register", "application/json", []byte(`{"url":"ftp://x.example"}`), s.APIKey())
	assert.Equal(t, 400, status)
	status, _ = speechCall(t, s, "POST", "/api/asr/register", "application/json", []byte(`{"url":"https://crm.example/asr"}`), s.APIKey())
	require.Equal(t, 200, status)
	assert.Equal(t, "https://crm.example/asr", s.ASRWebhook())

	wav := wavTone(0.1, ttsSampleRate)
	ct, body := multipartFileBody(t, "audio", "call.wav", string(wav))
	status, raw := speechCall(t, s, "POST", "/api/asr/upload", ct, body, s.APIKey())
	assert.Equal(t, 400, status, "no id")
	assert.Contains(t, string(raw), "id_is_required")

	ct, body = multipartUpload(t, map[string]string{"id": "call-1"}, "audio", "call.wav", wav)
	status, raw = speechCall(t, s, "POST", "/api/asr/upload", ct, body, s.APIKey())
	require.Equal(t, 200, status, string(raw))
	assert.Equal(t, []ASRUpload{{ID: "call-1", FileName: "call.wav", Bytes: len(wav)}}, s.ASRUploads())

	ct, body = multipartUpload(t, map[string]string{"id": "call-2"}, "audio", "call.mp3", []byte("ID3 not a wav"))
	status, raw = speechCall(t, s, "POST", "/api/asr/upload", ct, body, s.APIKey())
	assert.Equal(t, 400, status)
	assert.Contains(t, string(raw), "audio_invalid")
}
