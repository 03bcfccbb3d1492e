package omicall

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall/internal/simulator"
)

// newSpeechSimClient returns a client whose main and AI hosts are all the
// simulator.
func newSpeechSimClient(t *testing.T, opts ...Option) (*Client, *simulator.Server) {
	sim := simulator.New()
	url, stop := sim.Start()
	t.Cleanup(stop)
	c, err := NewClient(sim.APIKey(), append([]Option{WithBaseURL(url), WithSpeechBaseURLs(url, url)}, opts...)...)
	require.NoError(t, err)
	return c, sim
}

func TestSimSpeechTTSAndAudio(t *testing.T) {
	c, sim := newSpeechSimClient(t)
	ctx := ctxT(t)
	res, err := c.Speech.TextToSpeech(ctx, &TTSRequest{Text: "Xin chào quý khách", SpeakerID: SpeakerNorthernMaleAnhKiet})
	require.NoError(t, err)
	assert.InDelta(t, 1.08, float64(res.AudioDuration), 1e-9) // 18 characters x 0.06 s
	assert.Equal(t, Int(8000), res.SampleRate)

	again, err := c.Speech.TextToSpeech(ctx, &TTSRequest{Text: "Xin chào quý khách", SpeakerID: SpeakerNorthernMaleAnhKiet})
	require.NoError(t, err)
	assert.Equal(t, res.URL, again.URL, "deterministic")
	slow, err := c.Speech.TextToSpeech(ctx, &TTSRequest{Text: "Xin chào quý khách", Speed: 0.8})
	require.NoError(t, err)
	assert.InDelta(t, 1.35, float64(slow.AudioDuration), 1e-9)
	assert.NotEqual(t, res.URL, slow.URL)

	wav, err := c.Speech.Audio(ctx, res.URL)
	require.NoError(t, err)
	require.Greater(t, len(wav), 44)
	assert.Equal(t, "RIFF", string(wav[:4]))
	assert.Equal(t, "WAVE", string(wav[8:12]))
	assert.Equal(t, uint32(8000), binary.LittleEndian.Uint32(wav[24:28]))
	assert.Equal(t, 44+2*8640, len(wav), "1.08 s of 16-bit mono at 8 kHz")
	assert.Zero(t, sim.Requests("GET /api/auth"), "the AI hosts need no token")

	_, err = c.Speech.Audio(ctx, res.URL+"x")
	require.ErrorIs(t, err, ErrNotFound)

	// Round trip: the synthesised audio goes back through speech-to-text.
	require.NoError(t, c.Speech.RegisterASRWebhook(ctx, "https://crm.example.com/asr"))
	assert.Equal(t, "https://crm.example.com/asr", sim.ASRWebhook())
	require.NoError(t, c.Speech.UploadASR(ctx, "call-1", bytes.NewReader(wav)))
	assert.Equal(t, []simulator.ASRUpload{{ID: "call-1", FileName: "audio.wav", Bytes: len(wav)}}, sim.ASRUploads())

	err = c.Speech.UploadASR(ctx, "call-2", bytes.NewReader([]byte("not audio at all")))
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "audio_invalid", apiErr.Code)
	assert.Len(t, sim.ASRUploads(), 1)
}

func TestSimSpeechWrongKey(t *testing.T) {
	c, sim := newSpeechSimClient(t, WithSpeechAPIKey("wrong-key"))
	_, err := c.Speech.TextToSpeech(ctxT(t), &TTSRequest{Text: "a"})
	require.ErrorIs(t, err, ErrAPIKeyInvalid)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.NotContains(t, err.Error(), "wrong-key")
	assert.Equal(t, 1, sim.Requests("POST /v1/tts"))
}

func TestSimSpeechUploadWithFailingReaderSendsNothing(t *testing.T) {
	c, sim := newSpeechSimClient(t, WithRetry(3, time.Millisecond, 2*time.Millisecond))
	r := &failingReader{}
	err := c.Speech.UploadASR(ContextWithRetry(ctxT(t)), "call-1", r)
	require.ErrorIs(t, err, errDiskGone)
	assert.Contains(t, err.Error(), "/api/asr/upload")
	assert.NotContains(t, err.Error(), sim.APIKey())
	assert.Equal(t, 2, r.reads, "read once through, never re-read")
	assert.Zero(t, sim.Requests("POST /api/asr/upload"), "a half-read file is never sent")
	assert.Empty(t, sim.ASRUploads())
}
