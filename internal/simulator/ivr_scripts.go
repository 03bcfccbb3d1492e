package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// IVR scripts (key interactions): the menus a caller answers by pressing
// keys.

func init() { register(domain{routes: (*Server).ivrScriptRoutes}) }

func (s *Server) ivrScriptRoutes() []route {
	const p = "/api/call_center/key-interaction"
	return []route{
		{method: "GET", pattern: p + "/list", h: s.handleScriptList},
		{method: "POST", pattern: p + "/add", h: s.handleScriptSave},
		{method: "POST", pattern: p + "/update/{id}", h: s.handleScriptSave},
		{method: "DELETE", pattern: p + "/delete/{id}", h: ccDeleteByID(s, &s.cc.scripts, func(g *ccScript) string { return g.ID })},
	}
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

// snapshot returns a copy of sc that shares no memory with it. s.mu is held.
func (sc *ccScript) snapshot() *ccScript {
	c := *sc
	c.Scripts = slices.Clone(sc.Scripts)
	return &c
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
