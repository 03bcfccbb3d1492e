package omicall_test

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// newSpeechSimClient returns a client whose main and AI hosts are all the
// omicalltest.
func newSpeechSimClient(t *testing.T, opts ...omicall.Option) (*omicall.Client, *omicalltest.Server) {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	t.Cleanup(stop)
	c, err := omicall.NewClient(sim.APIKey(), append([]omicall.Option{omicall.WithBaseURL(url), omicall.WithSpeechBaseURLs(url, url)}, opts...)...)
	require.NoError(t, err)
	return c, sim
}

func TestSimSpeechTTSAndAudio(t *testing.T) {
	c, sim := newSpeechSimClient(t)
	ctx := ctxT(t)
	res, err := c.Speech.TextToSpeech(ctx, &omicall.TTSRequest{Text: "Xin chào quý khách", SpeakerID: omicall.SpeakerNorthernMaleAnhKiet})
	require.NoError(t, err)
	assert.InDelta(t, 1.08, float64(res.AudioDuration), 1e-9) // 18 characters x 0.06 s
	assert.Equal(t, omicall.Int(8000), res.SampleRate)

	again, err := c.Speech.TextToSpeech(ctx, &omicall.TTSRequest{Text: "Xin chào quý khách", SpeakerID: omicall.SpeakerNorthernMaleAnhKiet})
	require.NoError(t, err)
	assert.Equal(t, res.URL, again.URL, "deterministic")
	slow, err := c.Speech.TextToSpeech(ctx, &omicall.TTSRequest{Text: "Xin chào quý khách", Speed: 0.8})
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
	require.ErrorIs(t, err, omicall.ErrNotFound)

	// Round trip: the synthesised audio goes back through speech-to-text.
	require.NoError(t, c.Speech.RegisterASRWebhook(ctx, "https://crm.example.com/asr"))
	assert.Equal(t, "https://crm.example.com/asr", sim.ASRWebhook())
	require.NoError(t, c.Speech.UploadASR(ctx, "call-1", bytes.NewReader(wav)))
	assert.Equal(t, []omicalltest.ASRUpload{{ID: "call-1", FileName: "audio.wav", Bytes: len(wav)}}, sim.ASRUploads())

	err = c.Speech.UploadASR(ctx, "call-2", bytes.NewReader([]byte("not audio at all")))
	var apiErr *omicall.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "audio_invalid", apiErr.Code)
	assert.Len(t, sim.ASRUploads(), 1)
}

func TestSimSpeechWrongKey(t *testing.T) {
	c, sim := newSpeechSimClient(t, omicall.WithSpeechAPIKey("wrong-key"))
	_, err := c.Speech.TextToSpeech(ctxT(t), &omicall.TTSRequest{Text: "a"})
	require.ErrorIs(t, err, omicall.ErrAPIKeyInvalid)
	require.ErrorIs(t, err, omicall.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "wrong-key")
	assert.Equal(t, 1, sim.Requests("POST /v1/tts"))
}

func TestSimSpeechUploadWithFailingReaderSendsNothing(t *testing.T) {
	c, sim := newSpeechSimClient(t, omicall.WithRetry(3, time.Millisecond, 2*time.Millisecond))
	r := &failingReader{}
	err := c.Speech.UploadASR(omicall.ContextWithRetry(ctxT(t)), "call-1", r)
	require.ErrorIs(t, err, errDiskGone)
	assert.Contains(t, err.Error(), "/api/asr/upload")
	assert.NotContains(t, err.Error(), sim.APIKey())
	assert.Equal(t, 2, r.reads, "read once through, never re-read")
	assert.Zero(t, sim.Requests("POST /api/asr/upload"), "a half-read file is never sent")
	assert.Empty(t, sim.ASRUploads())
}
