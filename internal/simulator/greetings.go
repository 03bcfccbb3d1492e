package simulator

import (
	"encoding/json"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Greetings: the recordings and text-to-speech announcements IVR scripts
// play.

func init() { register(domain{routes: (*Server).greetingRoutes}) }

func (s *Server) greetingRoutes() []route {
	const p = "/api/call_center/greeting"
	return []route{
		{method: "GET", pattern: p + "/list", h: s.handleGreetingList},
		{method: "POST", pattern: p + "/upload", h: s.handleGreetingUpload},
		{method: "POST", pattern: p + "/upload-text-to-speech", h: s.handleGreetingTTS},
		{method: "DELETE", pattern: p + "/delete/{id}", h: ccDeleteByID(s, &s.cc.greetings, func(g *ccGreeting) string { return g.ID })},
	}
}

// ccGreeting is a greeting in the JSON shape of the API.
type ccGreeting struct {
	ID                   string   `json:"_id"`
	CreatedDate          int64    `json:"created_date"`
	LastUpdatedDate      int64    `json:"last_updated_date"`
	CreateBy             *ccActor `json:"create_by"`
	LastUpdateBy         *ccActor `json:"last_update_by"`
	TenantID             string   `json:"tenant_id"`
	GreetingName         string   `json:"greeting_name"`
	GreetingNameUnsigned string   `json:"greeting_name_unsigned"`
	Formality            string   `json:"formality"`
	RecordingFile        string   `json:"recording_file"`
	Content              string   `json:"content"`
	Voice                string   `json:"voice"`
	Speed                int      `json:"speed"`
	IsDeleted            bool     `json:"is_deleted"`
	IsHiddenInList       *bool    `json:"is_hidden_in_list"`
}

// snapshot returns a copy of g. s.mu is held.
func (g *ccGreeting) snapshot() *ccGreeting {
	c := *g
	return &c
}

func (s *Server) handleGreetingList(r *http.Request) (any, error) {
	return ccListPage(s, r, &s.cc.greetings, func(g *ccGreeting) string { return g.GreetingName }, (*ccGreeting).snapshot)
}

// newGreeting makes a greeting. s.mu is held (or the server is being built).
func (s *Server) newGreeting(name, formality, content, voice string, speed int, at int64) *ccGreeting {
	return &ccGreeting{
		ID: s.objectID(), CreatedDate: at, LastUpdatedDate: at, TenantID: ccTenantID,
		GreetingName: name, GreetingNameUnsigned: stripVietnamese(name), Formality: formality,
		RecordingFile: s.newID() + ".mp3", Content: content, Voice: voice, Speed: speed,
	}
}

func (s *Server) handleGreetingUpload(r *http.Request) (any, error) {
	if err := r.ParseMultipartForm(16 << 20); err != nil {
		return nil, failHTTP(http.StatusBadRequest, "file_is_required")
	}
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return nil, failHTTP(http.StatusBadRequest, "file_is_required")
	}
	defer f.Close()
	n, err := io.Copy(io.Discard, f)
	if err != nil || n == 0 {
		return nil, failHTTP(http.StatusBadRequest, "file_is_required")
	}
	if !strings.EqualFold(path.Ext(hdr.Filename), ".mp3") {
		return nil, failHTTP(http.StatusBadRequest, "file_invalid")
	}
	name := r.URL.Query().Get("greeting_name")
	if name == "" {
		name = strings.TrimSuffix(hdr.Filename, path.Ext(hdr.Filename))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.newGreeting(name, "Tải lên", "", "", 0, s.now().UnixMilli())
	s.cc.greetings = append(s.cc.greetings, g)
	return map[string]any{"file": g}, nil
}

func (s *Server) handleGreetingTTS(r *http.Request) (any, error) {
	var in struct {
		Text  string          `json:"text"`
		Speed json.RawMessage `json:"speed"`
		Voice string          `json:"voice"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	name := r.URL.Query().Get("greeting_name")
	if name == "" || strings.TrimSpace(in.Text) == "" || in.Voice == "" || len(in.Speed) == 0 {
		return nil, fail("data_is_required")
	}
	if utf8.RuneCountInString(in.Text) > 300 {
		return nil, fail("limit_word")
	}
	speed, err := strconv.Atoi(strings.Trim(string(in.Speed), `"`))
	if err != nil || speed < -3 || speed > 3 {
		return nil, failHTTP(http.StatusBadRequest, "speed_invalid")
	}
	if !slices.Contains([]string{"banmai", "leminh", "lannhi"}, in.Voice) {
		return nil, failHTTP(http.StatusBadRequest, "voice_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	g := s.newGreeting(name, "Robot đọc", in.Text, in.Voice, speed, s.now().UnixMilli())
	s.cc.greetings = append(s.cc.greetings, g)
	return map[string]any{"file": g}, nil
}
