package omicall

import (
	"bytes"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	mockTTS = "https://tts.omicall.test"
	mockASR = "https://asr.omicall.test"
)

func TestSpeechTextToSpeechRequestAndFixture(t *testing.T) {
	c, mt := newMockClient(t, WithSpeechBaseURLs(mockTTS, mockASR))
	rec := record(t, mt, http.MethodPost, mockTTS+"/v1/tts", []string{"ai_tts.json"})
	res, err := c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "Xin chào", Speed: 1.1, SpeakerID: SpeakerSouthernMaleTienHuy})
	require.NoError(t, err)
	req := rec.only(t)
	assert.Equal(t, testAPIKey, req.Header.Get("apikey"))
	assert.Empty(t, req.Header.Get("Authorization"), "the AI hosts take no bearer token")
	assert.JSONEq(t, `{"text":"Xin chào","speed":1.1,"speaker_id":"southern_male_tienhuy"}`, string(req.Body))
	assert.Zero(t, mt.GetCallCountInfo()["GET "+mockBase+"/api/auth"], "no token is fetched")

	assert.InDelta(t, 1.55, float64(res.AudioDuration), 1e-9)
	assert.Equal(t, 1550*time.Millisecond, res.Duration())
	assert.Equal(t, Int(8000), res.SampleRate)
	assert.Equal(t, "https://tts-api-v1-stg.omicall.com/v1/.....", res.URL)

	_, err = c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"text":"a"}`, string(rec.all()[1].Body), "speed and voice are left to the server's defaults")
}

func TestSpeechTextToSpeechErrors(t *testing.T) {
	c, mt := newMockClient(t, WithSpeechBaseURLs(mockTTS, ""))
	for field, req := range map[string]*TTSRequest{
		"req":   nil,
		"Text":  {Text: "  "},
		"Speed": {Text: "a", Speed: 1.5},
	} {
		_, err := c.Speech.TextToSpeech(ctxT(t), req)
		requireValidation(t, err, field)
	}
	for _, speed := range []float64{-1, 0.79, 1.21, math.NaN(), math.Inf(1)} {
		_, err := c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a", Speed: speed})
		requireValidation(t, err, "Speed")
	}
	assert.Zero(t, mt.GetTotalCallCount())

	rec := record(t, mt, http.MethodPost, mockTTS+"/v1/tts", []string{`{"message":"limit_word"}`, `{"message":"text_too_long"}`, `{"data":{}}`}, 400, 200, 200)
	_, err := c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	require.ErrorIs(t, err, ErrTTSWordLimit)
	_, err = c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "text_too_long", apiErr.Code)
	_, err = c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.Len(t, rec.all(), 3)
	assert.NotContains(t, err.Error(), testAPIKey)
}

func TestSpeechAPIKeyOptions(t *testing.T) {
	c, mt := newMockClient(t, WithSpeechBaseURLs(mockTTS, mockASR), WithSpeechAPIKey("speech-key"))
	rec := record(t, mt, http.MethodPost, mockTTS+"/v1/tts", []string{"ai_tts.json"})
	_, err := c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	require.NoError(t, err)
	assert.Equal(t, "speech-key", rec.only(t).Header.Get("apikey"))

	tokenOnly, err := NewClient("", WithAccessToken("tok"))
	require.NoError(t, err)
	_, err = tokenOnly.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	requireValidation(t, err, "apikey")

	_, err = NewClient("k", WithSpeechBaseURLs("http://tts.example.com", ""))
	requireValidation(t, err, "WithSpeechBaseURLs")
	_, err = NewClient("k", WithSpeechBaseURLs("", "ftp://asr"))
	requireValidation(t, err, "WithSpeechBaseURLs")
	def, err := NewClient("k")
	require.NoError(t, err)
	assert.Equal(t, DefaultTTSBaseURL, def.e.cfg.speech.ttsBase)
	assert.Equal(t, DefaultASRBaseURL, def.e.cfg.speech.asrBase)
}

func TestSpeechAudioDownload(t *testing.T) {
	c, mt := newMockClient(t, WithSpeechBaseURLs(mockTTS, mockASR))
	wav := []byte("RIFF\x00\x00\x00\x00WAVEfmt binary\x00\xff")
	onTTS := record(t, mt, http.MethodGet, mockTTS+"/v1/tts/e957.wav", []string{string(wav)})
	elsewhere := record(t, mt, http.MethodGet, "https://cdn.example.com/a/b.wav", []string{string(wav)})

	got, err := c.Speech.Audio(ctxT(t), mockTTS+"/v1/tts/e957.wav")
	require.NoError(t, err)
	assert.Equal(t, wav, got)
	assert.Equal(t, testAPIKey, onTTS.only(t).Header.Get("apikey"))

	got, err = c.Speech.Audio(ctxT(t), "https://cdn.example.com/a/b.wav?sig=1")
	require.NoError(t, err)
	assert.Equal(t, wav, got)
	req := elsewhere.only(t)
	assert.Empty(t, req.Header.Get("apikey"), "no credential leaves for another host")
	assert.Empty(t, req.Header.Get("Authorization"))
	assert.Equal(t, "1", req.Query.Get("sig"))

	_, err = c.Speech.Audio(ctxT(t), "http://cdn.example.com/a.wav")
	requireValidation(t, err, "audioURL")
	_, err = c.Speech.Audio(ctxT(t), "/v1/tts/x.wav")
	requireValidation(t, err, "audioURL")

	record(t, mt, http.MethodGet, mockTTS+"/v1/tts/empty.wav", []string{""})
	_, err = c.Speech.Audio(ctxT(t), mockTTS+"/v1/tts/empty.wav")
	require.ErrorIs(t, err, ErrMalformedResponse)
	record(t, mt, http.MethodGet, mockTTS+"/v1/tts/gone.wav", []string{`{"message":"not_found"}`}, 404)
	_, err = c.Speech.Audio(ctxT(t), mockTTS+"/v1/tts/gone.wav")
	require.ErrorIs(t, err, ErrNotFound)
}

func TestSpeechASRRegisterRequest(t *testing.T) {
	c, mt := newMockClient(t, WithSpeechBaseURLs(mockTTS, mockASR))
	rec := record(t, mt, http.MethodPost, mockASR+"/api/asr/register", []string{""})
	require.NoError(t, c.Speech.RegisterASRWebhook(ctxT(t), "https://crm.example.com/asr"))
	req := rec.only(t)
	assert.Equal(t, "/api/asr/register", req.Path)
	assert.Equal(t, testAPIKey, req.Header.Get("apikey"))
	assert.JSONEq(t, `{"url":"https://crm.example.com/asr"}`, string(req.Body))
	requireValidation(t, c.Speech.RegisterASRWebhook(ctxT(t), "crm.example.com/asr"), "webhookURL")
}

func TestSpeechASRUploadRequest(t *testing.T) {
	c, mt := newMockClient(t, WithSpeechBaseURLs(mockTTS, mockASR))
	rec := record(t, mt, http.MethodPost, mockASR+"/api/asr/upload", []string{""}, 503)
	wav := []byte("RIFF----WAVEfmt data")
	err := c.Speech.UploadASR(ctxT(t), "call-42", bytes.NewReader(wav))
	require.Error(t, err, "a 503 is returned as is")
	req := rec.only(t) // an upload is never retried

	assert.Equal(t, testAPIKey, req.Header.Get("apikey"))
	mediaType, params, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	require.NoError(t, err)
	assert.Equal(t, "multipart/form-data", mediaType)
	mr := multipart.NewReader(bytes.NewReader(req.Body), params["boundary"])
	parts := map[string]string{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		b, _ := io.ReadAll(p)
		parts[p.FormName()] = string(b)
		if p.FormName() == "audio" {
			assert.Equal(t, "audio.wav", p.FileName())
		}
	}
	assert.Equal(t, map[string]string{"audio": string(wav), "id": "call-42"}, parts)

	requireValidation(t, c.Speech.UploadASR(ctxT(t), "", strings.NewReader("x")), "id")
	requireValidation(t, c.Speech.UploadASR(ctxT(t), "a", nil), "wav")
}
