package simulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

func init() { register(domain{routes: (*Server).speechRoutes, seed: (*Server).initSpeech}) }

// The AI routes live on the same server as the main API: point the client's
// TTS and ASR base URLs at the simulator's URL.

// ttsSampleRate is the sample rate of the simulated audio (the documented
// example's).
const ttsSampleRate = 8000

// speechState holds the synthesised audio and the ASR registrations.
type speechState struct {
	audio      map[string]ttsAudio // by file name ("<id>.wav")
	asrWebhook string
	uploads    []ASRUpload
}

// initSpeech readies the AI (TTS/ASR) state.
func (s *Server) initSpeech() { s.speech.audio = map[string]ttsAudio{} }

type ttsAudio struct {
	seconds float64
}

// ASRUpload is an audio file received by POST /api/asr/upload.
type ASRUpload struct {
	ID       string // the id form field
	FileName string
	Bytes    int
}

// ttsSpeakers are the documented voices.
var ttsSpeakers = []string{"northern_female_ngocanh", "southern_female_honganh", "southern_male_tienhuy", "northern_male_anhkiet", "southern_female_khangan"}

func (s *Server) speechRoutes() []route {
	return []route{
		{method: "POST", pattern: "/v1/tts", auth: authSpeech, raw: true, h: s.handleTTS},
		{method: "GET", pattern: "/v1/tts/{file}", auth: authNone, raw: true, h: s.handleTTSAudio},
		{method: "POST", pattern: "/api/asr/register", auth: authSpeech, raw: true, h: s.handleASRRegister},
		{method: "POST", pattern: "/api/asr/upload", auth: authSpeech, raw: true, h: s.handleASRUpload},
	}
}

// handleTTS answers deterministic fake data: the audio lasts 0.06 s per
// character at speed 1, and the same request always gets the same URL.
func (s *Server) handleTTS(r *http.Request) (any, error) {
	var in struct {
		Text      string   `json:"text"`
		Speed     *float64 `json:"speed"`
		SpeakerID string   `json:"speaker_id"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.Text) == "" {
		return nil, failHTTP(http.StatusBadRequest, "text_is_required")
	}
	speed := 1.0
	if in.Speed != nil {
		if *in.Speed < 0.8 || *in.Speed > 1.2 {
			return nil, failHTTP(http.StatusBadRequest, "speed_invalid")
		}
		speed = *in.Speed
	}
	if in.SpeakerID == "" {
		in.SpeakerID = ttsSpeakers[0]
	}
	if !slices.Contains(ttsSpeakers, in.SpeakerID) {
		return nil, failHTTP(http.StatusBadRequest, "speaker_id_invalid")
	}
	seconds := math.Round(float64(utf8.RuneCountInString(in.Text))*0.06/speed*100) / 100
	sum := sha256.Sum256(fmt.Appendf(nil, "%s|%s|%g", in.Text, in.SpeakerID, speed))
	h := hex.EncodeToString(sum[:16])
	file := fmt.Sprintf("%s-%s-%s-%s-%s.wav", h[:8], h[8:12], h[12:16], h[16:20], h[20:])
	s.mu.Lock()
	s.speech.audio[file] = ttsAudio{seconds: seconds}
	s.mu.Unlock()
	u := url.URL{Scheme: "http", Host: r.Host, Path: "/v1/tts/" + file}
	return map[string]any{"data": map[string]any{"audioDuration": seconds, "sampleRate": ttsSampleRate, "url": u.String()}}, nil
}

// handleTTSAudio serves a synthesised file: a WAV (16-bit mono PCM) of the
// announced length holding a 440 Hz tone. It needs no credential.
func (s *Server) handleTTSAudio(r *http.Request) (any, error) {
	s.mu.Lock()
	a, ok := s.speech.audio[r.PathValue("file")]
	s.mu.Unlock()
	if !ok {
		return nil, errNotFound
	}
	return binaryBody{contentType: "audio/wav", data: wavTone(a.seconds, ttsSampleRate)}, nil
}

// wavTone returns a deterministic WAV file of the given length.
func wavTone(seconds float64, rate int) []byte {
	n := int(seconds * float64(rate))
	samples := make([]int16, n)
	for i := range samples {
		samples[i] = int16(8000 * math.Sin(2*math.Pi*440*float64(i)/float64(rate)))
	}
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	_ = binary.Write(&b, le, uint32(36+2*n))
	b.WriteString("WAVEfmt ")
	_ = binary.Write(&b, le, struct {
		Size                    uint32
		Format, Channels        uint16
		Rate, ByteRate          uint32
		BlockAlign, BitsPerSamp uint16
	}{16, 1, 1, uint32(rate), uint32(2 * rate), 2, 16})
	b.WriteString("data")
	_ = binary.Write(&b, le, uint32(2*n))
	_ = binary.Write(&b, le, samples)
	return b.Bytes()
}

func (s *Server) handleASRRegister(r *http.Request) (any, error) {
	var in struct {
		URL string `json:"url"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	u, err := url.Parse(in.URL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, failHTTP(http.StatusBadRequest, "url_invalid")
	}
	s.mu.Lock()
	s.speech.asrWebhook = in.URL
	s.mu.Unlock()
	return binaryBody{}, nil
}

// handleASRUpload accepts a multipart upload of a WAV file ("audio") with
// an "id" field and records it. Transcripts are not delivered: their format
// is undocumented.
func (s *Server) handleASRUpload(r *http.Request) (any, error) {
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		return nil, failHTTP(http.StatusBadRequest, "multipart_required")
	}
	id := r.FormValue("id")
	if id == "" {
		return nil, failHTTP(http.StatusBadRequest, "id_is_required")
	}
	f, hdr, err := r.FormFile("audio")
	if err != nil {
		return nil, failHTTP(http.StatusBadRequest, "audio_is_required")
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil || len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WAVE" {
		return nil, failHTTP(http.StatusBadRequest, "audio_invalid")
	}
	s.mu.Lock()
	s.speech.uploads = append(s.speech.uploads, ASRUpload{ID: id, FileName: hdr.Filename, Bytes: len(data)})
	s.mu.Unlock()
	return binaryBody{}, nil
}

// ASRWebhook returns the URL registered with POST /api/asr/register.
func (s *Server) ASRWebhook() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.speech.asrWebhook
}

// ASRUploads returns the audio files received, oldest first.
func (s *Server) ASRUploads() []ASRUpload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.speech.uploads)
}
