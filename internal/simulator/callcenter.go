package simulator

import (
	"encoding/json"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// callCenterSeedOrder is when the call center is seeded: after the agents,
// whom its default group holds.
const callCenterSeedOrder = agentsSeedOrder + 1

func init() {
	register(domain{routes: (*Server).callCenterRoutes, seed: (*Server).initCallCenter, seedOrder: callCenterSeedOrder})
}

// callCenterState holds internal groups, IVR scripts and greetings (hotline
// assignments live on the agents).
type callCenterState struct {
	groups    []*ccGroup
	scripts   []*ccScript
	greetings []*ccGreeting
	number    int // group and script numbers
}

// ccActor is the {id, name} creator of call-center objects.
type ccActor struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// ccGroup is an internal group in the JSON shape of the API.
type ccGroup struct {
	ID                        string     `json:"_id"`
	TenantID                  string     `json:"tenant_id"`
	GroupName                 string     `json:"group_name"`
	GroupNameUnsigned         string     `json:"group_name_unsigned"`
	GroupNumber               string     `json:"group_number"`
	CreatedDate               int64      `json:"created_date"`
	LastUpdatedDate           int64      `json:"last_updated_date"`
	CreateBy                  *ccActor   `json:"create_by"`
	LastUpdateBy              *ccActor   `json:"last_update_by"`
	IsDeleted                 bool       `json:"is_deleted"`
	Note                      *string    `json:"note"`
	Members                   []ccMember `json:"members"`
	IsForwardToUserOwner      *bool      `json:"is_forward_to_user_owner"`
	IsForwardToOuterGroup     bool       `json:"is_forward_to_outer_group"`
	OuterGroupID              *string    `json:"outer_group_id"`
	Strategy                  string     `json:"strategy"`
	RingBackID                string     `json:"ring_back_id"`
	IsAnswer                  string     `json:"is_answer"`
	TargetTimeoutType         string     `json:"target_timeout_type"`
	TargetTimeout             string     `json:"target_timeout"`
	RingGroupType             int        `json:"ring_group_type"`
	RingGroupWaitTime         int        `json:"ring_group_wait_time"`
	RingGroupWaitTimeSequence int        `json:"ring_group_wait_time_sequence"`
	EnableCriteria            bool       `json:"enable_criteria"`
	Criterias                 []string   `json:"criterias"`
	SIPMembers                []string   `json:"sip_members"`
	Timeout                   int        `json:"timeout"`
}

type ccMember struct {
	AgentID     string  `json:"agent_id"`
	ContactID   string  `json:"contact_id"`
	Order       int     `json:"order"`
	Timeout     int     `json:"timeout"`
	SIPUser     string  `json:"sip_user"`
	HoldMusicID *string `json:"hold_music_id"`
}

// ccScript is an IVR (key-press) script in the JSON shape of the API.
type ccScript struct {
	ID                 string  `json:"_id"`
	TenantID           string  `json:"tenant_id"`
	ScriptName         string  `json:"script_name"`
	ScriptNameUnsigned string  `json:"script_name_unsigned"`
	ScriptNumber       string  `json:"script_number"`
	GreetingID         string  `json:"greeting_id"`
	GreetingShortID    string  `json:"greeting_short_id"`
	Note               *string `json:"note"`
	CreatedDate        int64   `json:"created_date"`
	CreatedBy          ccActor `json:"created_by"`
	LastUpdatedDate    int64   `json:"last_updated_date"`
	LastUpdatedBy      ccActor `json:"last_updated_by"`
	IsDeleted          bool    `json:"is_deleted"`
	Scripts            []ccKey `json:"scripts"`
	TimeOut            int     `json:"time_out"`
	ActionType         string  `json:"action_type"`
	Action             string  `json:"action"`
	InvalidSoundID     string  `json:"invalid_sound_id"`
	MaxFailure         int     `json:"max_failure"`
	IVRDirectMenuDial  string  `json:"ivr_direct_menu_dial"`
	ActionName         *string `json:"action_name"`
	GreetingName       *string `json:"greeting_name"`
	InvalidSoundName   *string `json:"invalid_sound_name"`
	GreetingShortName  *string `json:"greeting_short_name"`
}

type ccKey struct {
	Key        *string `json:"key"`
	ActionType string  `json:"action_type"`
	Action     string  `json:"action"`
	ActionName *string `json:"action_name"`
	IVR        string  `json:"ivr"`
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

// ccPage is the page shape of the newer list endpoints, which
// add "extension": null.
type ccPage struct {
	pageA
	Extension *string `json:"extension"`
}

const ccTenantID = "sim-tenant"

func (s *Server) initCallCenter() {
	at := time.Date(2024, 1, 5, 9, 0, 0, 0, time.UTC).UnixMilli()
	g := s.newGreeting("Lời chào mặc định", "Robot đọc", "Xin chào, cảm ơn quý khách đã gọi đến Demo Company", "banmai", 0, at)
	s.cc.greetings = append(s.cc.greetings, g)
	var exts []string
	for _, a := range s.agents.list {
		exts = append(exts, a.ext)
	}
	grp := &ccGroup{ID: s.objectID(), CreatedDate: at, CreateBy: s.ccCreator()}
	s.setGroup(grp, groupRequest{GroupName: "Nhóm nhân viên mặc định", Strategy: "enterprise", SIPMembers: exts, Timeout: 30}, at)
	s.cc.groups = append(s.cc.groups, grp)
}

func (s *Server) ccCreator() *ccActor {
	return &ccActor{ID: "65a100000000000000000000", Name: s.cfg.tenant.FullName}
}

func (s *Server) callCenterRoutes() []route {
	const cc = "/api/call_center"
	return []route{
		{method: "GET", pattern: cc + "/internal_group/list", h: s.handleGroupList},
		{method: "POST", pattern: cc + "/internal_group/add", h: s.handleGroupSave},
		{method: "POST", pattern: cc + "/internal_group/update/{id}", h: s.handleGroupSave},
		{method: "POST", pattern: cc + "/internal_group/add-members", h: s.handleGroupMembers(true)},
		{method: "POST", pattern: cc + "/internal_group/remove-members", h: s.handleGroupMembers(false)},
		{method: "DELETE", pattern: cc + "/internal_group/delete/{id}", h: ccDeleteByID(s, &s.cc.groups, func(g *ccGroup) string { return g.ID })},
		{method: "GET", pattern: cc + "/key-interaction/list", h: s.handleScriptList},
		{method: "POST", pattern: cc + "/key-interaction/add", h: s.handleScriptSave},
		{method: "POST", pattern: cc + "/key-interaction/update/{id}", h: s.handleScriptSave},
		{method: "DELETE", pattern: cc + "/key-interaction/delete/{id}", h: ccDeleteByID(s, &s.cc.scripts, func(g *ccScript) string { return g.ID })},
		{method: "GET", pattern: cc + "/greeting/list", h: s.handleGreetingList},
		{method: "POST", pattern: cc + "/greeting/upload", h: s.handleGreetingUpload},
		{method: "POST", pattern: cc + "/greeting/upload-text-to-speech", h: s.handleGreetingTTS},
		{method: "DELETE", pattern: cc + "/greeting/delete/{id}", h: ccDeleteByID(s, &s.cc.greetings, func(g *ccGreeting) string { return g.ID })},
	}
}

// ccListPage serves one page of the objects whose name matches the
// keyword, newest first, in the newer page shape. The page holds copies
// (made by snap under s.mu): the answer is encoded after s.mu is released,
// while other requests may change the stored objects.
func ccListPage[T any](s *Server, r *http.Request, items *[]T, name func(T) string, snap func(T) T) (any, error) {
	kw := searchKey(r.URL.Query().Get("keyword"))
	p, err := servePage(s, r, listing[T, T]{
		size: 10, stored: items, newest: true, view: snap,
		keep: func(it T) bool { return kw == "" || strings.Contains(searchKey(name(it)), kw) },
	})
	if err != nil {
		return nil, err
	}
	return ccPage{pageA: p}, nil
}

// ccDeleteByID serves DELETE .../{id} for a list of objects.
func ccDeleteByID[T any](s *Server, items *[]T, id func(T) string) handlerFunc {
	return func(r *http.Request) (any, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		i := slices.IndexFunc(*items, func(it T) bool { return id(it) == r.PathValue("id") })
		if i < 0 {
			return nil, errNotFound
		}
		*items = slices.Delete(*items, i, i+1)
		return true, nil
	}
}

// groupRequest is the body of internal_group/add and update/{id}.
type groupRequest struct {
	GroupName         string   `json:"group_name"`
	Strategy          string   `json:"strategy"`
	SIPMembers        []string `json:"sip_members"`
	Timeout           int      `json:"timeout"`
	TargetTimeoutType string   `json:"target_timeout_type"`
	TargetTimeout     string   `json:"target_timeout"`
}

// checkGroup validates a group body. s.mu is held.
func (s *Server) checkGroup(in groupRequest) error {
	if strings.TrimSpace(in.GroupName) == "" || in.Strategy == "" || len(in.SIPMembers) == 0 || in.Timeout <= 0 {
		return fail("data_is_required")
	}
	if !slices.Contains([]string{"enterprise", "rollover", "random"}, in.Strategy) {
		return failHTTP(http.StatusBadRequest, "strategy_invalid")
	}
	if !slices.Contains([]string{"", "Recording", "Ivr_menu", "Ring_group", "Voice_mail"}, in.TargetTimeoutType) {
		return failHTTP(http.StatusBadRequest, "target_timeout_type_invalid")
	}
	for _, ext := range in.SIPMembers {
		if !s.extensionExists(ext) {
			return fail("extension_invalid")
		}
	}
	return nil
}

// snapshot returns a copy of g that shares no memory with it. s.mu is held.
func (g *ccGroup) snapshot() *ccGroup {
	c := *g
	c.Members, c.SIPMembers, c.Criterias = slices.Clone(g.Members), slices.Clone(g.SIPMembers), slices.Clone(g.Criterias)
	return &c
}

// snapshot returns a copy of sc that shares no memory with it. s.mu is held.
func (sc *ccScript) snapshot() *ccScript {
	c := *sc
	c.Scripts = slices.Clone(sc.Scripts)
	return &c
}

// snapshot returns a copy of g. s.mu is held.
func (g *ccGreeting) snapshot() *ccGreeting {
	c := *g
	return &c
}

// setGroup applies a validated body to g. s.mu is held.
func (s *Server) setGroup(g *ccGroup, in groupRequest, at int64) {
	s.cc.number++
	if g.GroupNumber == "" {
		g.GroupNumber = strconv.Itoa(38000 + s.cc.number)
	}
	g.TenantID, g.GroupName, g.GroupNameUnsigned = ccTenantID, in.GroupName, stripVietnamese(in.GroupName)
	g.Strategy, g.Timeout, g.LastUpdatedDate = in.Strategy, in.Timeout, at
	g.TargetTimeoutType, g.TargetTimeout, g.IsAnswer = in.TargetTimeoutType, in.TargetTimeout, "false"
	g.SIPMembers, g.Members, g.Criterias = nil, []ccMember{}, []string{}
	s.addMembers(g, in.SIPMembers)
}

// addMembers adds extensions to g, once each. s.mu is held.
func (s *Server) addMembers(g *ccGroup, exts []string) {
	for _, ext := range exts {
		a := s.agents.byExt[ext]
		if a == nil || slices.Contains(g.SIPMembers, ext) {
			continue
		}
		g.SIPMembers = append(g.SIPMembers, ext)
		g.Members = append(g.Members, ccMember{AgentID: a.id, ContactID: a.contactID, Order: len(g.Members), Timeout: g.Timeout, SIPUser: ext})
	}
}

// dropMember removes an extension from every group. s.mu is held.
func (s *Server) dropMember(ext string) {
	for _, g := range s.cc.groups {
		if i := slices.Index(g.SIPMembers, ext); i >= 0 {
			g.SIPMembers = slices.Delete(g.SIPMembers, i, i+1)
			g.Members = slices.DeleteFunc(g.Members, func(m ccMember) bool { return m.SIPUser == ext })
		}
	}
}

func (s *Server) handleGroupList(r *http.Request) (any, error) {
	return ccListPage(s, r, &s.cc.groups, func(g *ccGroup) string { return g.GroupName }, (*ccGroup).snapshot)
}

// handleGroupSave serves internal_group/add and update/{id}.
func (s *Server) handleGroupSave(r *http.Request) (any, error) {
	var in groupRequest
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, at := r.PathValue("id"), s.now().UnixMilli()
	g := s.findGroup(id)
	if id != "" && g == nil {
		return nil, errNotFound
	}
	if err := s.checkGroup(in); err != nil {
		return nil, err
	}
	if g == nil {
		g = &ccGroup{ID: s.objectID(), CreatedDate: at, CreateBy: s.ccCreator()}
		s.cc.groups = append(s.cc.groups, g)
	} else {
		g.LastUpdateBy = s.ccCreator()
	}
	s.setGroup(g, in, at)
	return g.snapshot(), nil
}

func (s *Server) findGroup(id string) *ccGroup {
	for _, g := range s.cc.groups {
		if g.ID == id {
			return g
		}
	}
	return nil
}

func (s *Server) handleGroupMembers(add bool) handlerFunc {
	return func(r *http.Request) (any, error) {
		var in struct {
			GroupID  string   `json:"group_id"`
			SIPUsers []string `json:"sip_users"`
		}
		if err := decodeBody(r, &in); err != nil {
			return nil, err
		}
		if in.GroupID == "" || len(in.SIPUsers) == 0 {
			return nil, fail("data_is_required")
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		g := s.findGroup(in.GroupID)
		if g == nil {
			return nil, errNotFound
		}
		for _, ext := range in.SIPUsers {
			if !s.extensionExists(ext) {
				return nil, fail("extension_invalid")
			}
		}
		if add {
			s.addMembers(g, in.SIPUsers)
		} else {
			for _, ext := range in.SIPUsers {
				g.SIPMembers = slices.DeleteFunc(g.SIPMembers, func(m string) bool { return m == ext })
				g.Members = slices.DeleteFunc(g.Members, func(m ccMember) bool { return m.SIPUser == ext })
			}
		}
		g.LastUpdatedDate, g.LastUpdateBy = s.now().UnixMilli(), s.ccCreator()
		return true, nil
	}
}

func (s *Server) handleScriptList(r *http.Request) (any, error) {
	return ccListPage(s, r, &s.cc.scripts, func(sc *ccScript) string { return sc.ScriptName }, (*ccScript).snapshot)
}

// handleScriptSave serves key-interaction/add and update/{id}.
func (s *Server) handleScriptSave(r *http.Request) (any, error) {
	var in struct {
		ScriptName      string  `json:"script_name"`
		GreetingID      string  `json:"greeting_id"`
		MaxFailure      *int    `json:"max_failure"`
		TimeOut         *int    `json:"time_out"`
		Scripts         []ccKey `json:"scripts"`
		ActionType      string  `json:"action_type"`
		Action          string  `json:"action"`
		InvalidSoundID  string  `json:"invalid_sound_id"`
		GreetingShortID string  `json:"greeting_short_id"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if strings.TrimSpace(in.ScriptName) == "" || in.GreetingID == "" || in.MaxFailure == nil || in.TimeOut == nil || len(in.Scripts) == 0 {
		return nil, fail("data_is_required")
	}
	actions := []string{"", "Ring_group", "Ivr_menu", "Recording"}
	for _, k := range in.Scripts {
		if k.IVR == "" || !slices.Contains(actions, k.ActionType) {
			return nil, failHTTP(http.StatusBadRequest, "scripts_invalid")
		}
	}
	if !slices.Contains(actions, in.ActionType) {
		return nil, failHTTP(http.StatusBadRequest, "action_type_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id, at := r.PathValue("id"), s.now().UnixMilli()
	var sc *ccScript
	for _, x := range s.cc.scripts {
		if x.ID == id && id != "" {
			sc = x
		} else if strings.EqualFold(x.ScriptName, in.ScriptName) {
			return nil, fail("script_name_exists")
		}
	}
	if id != "" && sc == nil {
		return nil, errNotFound
	}
	if !slices.ContainsFunc(s.cc.greetings, func(g *ccGreeting) bool { return g.ID == in.GreetingID }) {
		return nil, failHTTP(http.StatusBadRequest, "greeting_id_invalid")
	}
	if sc == nil {
		s.cc.number++
		sc = &ccScript{ID: s.objectID(), ScriptNumber: strconv.Itoa(166000 + s.cc.number), CreatedDate: at, CreatedBy: *s.ccCreator()}
		s.cc.scripts = append(s.cc.scripts, sc)
	}
	sc.TenantID, sc.ScriptName, sc.ScriptNameUnsigned = ccTenantID, in.ScriptName, strings.ToUpper(stripVietnamese(in.ScriptName))
	sc.GreetingID, sc.GreetingShortID, sc.MaxFailure, sc.TimeOut = in.GreetingID, in.GreetingShortID, *in.MaxFailure, *in.TimeOut
	sc.Scripts, sc.ActionType, sc.Action, sc.InvalidSoundID = in.Scripts, in.ActionType, in.Action, in.InvalidSoundID
	sc.IVRDirectMenuDial, sc.LastUpdatedDate, sc.LastUpdatedBy = "false", at, *s.ccCreator()
	return sc.snapshot(), nil
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

// stripVietnamese strips Vietnamese diacritics, as the *_unsigned fields do.
func stripVietnamese(v string) string {
	var b strings.Builder
	for _, c := range v {
		b.WriteRune(vietnameseBase(c))
	}
	return b.String()
}

var vietnameseLetters = map[rune]string{
	'a': "àáạảãâầấậẩẫăằắặẳẵ", 'e': "èéẹẻẽêềếệểễ", 'i': "ìíịỉĩ", 'o': "òóọỏõôồốộổỗơờớợởỡ",
	'u': "ùúụủũưừứựửữ", 'y': "ỳýỵỷỹ", 'd': "đ",
	'A': "ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", 'E': "ÈÉẸẺẼÊỀẾỆỂỄ", 'I': "ÌÍỊỈĨ", 'O': "ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ",
	'U': "ÙÚỤỦŨƯỪỨỰỬỮ", 'Y': "ỲÝỴỶỸ", 'D': "Đ",
}

func vietnameseBase(c rune) rune {
	if c < 0x80 {
		return c
	}
	for base, set := range vietnameseLetters {
		if strings.ContainsRune(set, c) {
			return base
		}
	}
	return c
}

// searchKey prepares text for a case- and accent-insensitive search.
func searchKey(v string) string { return strings.ToLower(stripVietnamese(v)) }
