package simulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Auto calls: calls the PBX places to customers or extensions and fills
// with recordings, IVR menus and text-to-speech.

func init() { register(domain{routes: (*Server).autoCallRoutes}) }

func (s *Server) autoCallRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/auto_call/execute_by_phone", h: s.handleAutoCallByPhone},
		{method: "POST", pattern: "/api/auto_call/execute_by_extension", h: s.handleAutoCallByExtension},
	}
}

// The text-to-speech limits of auto calls: characters per session and per
// day.
const (
	ttsSessionLimit = 300
	ttsDailyLimit   = 3000
)

// autoCallState is the auto-call bookkeeping: text-to-speech characters
// spoken on the current day.
type autoCallState struct {
	ttsDay   string // YYYY-MM-DD of ttsChars
	ttsChars int
}

// autoCallBody is the part of the two auto-call bodies they share.
type autoCallBody struct {
	Name      string `json:"name"`
	CID       string `json:"cid"`
	BrandName string `json:"brand_name"`
	Dialplans []struct {
		TargetType string `json:"target_type"`
		Target     string `json:"target"`
	} `json:"template_dialplans"`
	Variables []string `json:"variables"`
	Speed     int      `json:"speed"`
	Voice     string   `json:"voice"`
}

// checkAutoCall applies the rules of both auto-call endpoints and charges
// the text-to-speech characters. It returns the hotline to call from. s.mu
// is held.
func (s *Server) checkAutoCall(in *autoCallBody, cidRequired bool) (string, error) {
	if code, _ := s.cfg.tenant.ServicePackage["code_name"].(string); code == "trial" {
		return "", fail("limit_service")
	}
	if s.cfg.tenant.Balance <= 0 {
		return "", fail("balance_is_not_enough")
	}
	if len(in.Dialplans) == 0 || (cidRequired && in.CID == "") {
		return "", fail("data_is_required")
	}
	texts := 0
	for _, st := range in.Dialplans {
		switch st.TargetType {
		case "Text_variable":
			texts++
		case "Recording", "Ivr_menu":
			if st.Target == "" {
				return "", fail("data_is_required")
			}
		default:
			return "", failHTTP(http.StatusBadRequest, "template_dialplans_invalid")
		}
	}
	if texts != len(in.Variables) || in.Speed < -3 || in.Speed > 3 {
		return "", failHTTP(http.StatusBadRequest, "variables_invalid")
	}
	cid := in.CID
	hotlines := s.hotlines()
	if cid == "" && len(hotlines) > 0 {
		cid = hotlines[0]
	}
	if !slices.Contains(hotlines, cid) {
		return "", fail("number_call_out_invalid")
	}
	chars := 0
	for _, v := range in.Variables {
		chars += utf8.RuneCountInString(v)
	}
	if chars > ttsSessionLimit {
		return "", fail("limit_word_session")
	}
	day := s.now().Format(time.DateOnly)
	if s.history.auto.ttsDay != day {
		s.history.auto = autoCallState{ttsDay: day}
	}
	if s.history.auto.ttsChars+chars > ttsDailyLimit {
		return "", fail("limit_word")
	}
	s.history.auto.ttsChars += chars
	return cid, nil
}

// startAutoCall places one auto call: it runs like a placed call and joins
// the history. s.mu is held.
func (s *Server) startAutoCall(ext, cid, to string) string {
	rec := s.newPlacedCall("outbound", ext, cid, to)
	rec.IsAutoCall = true
	if ext == "" { // no agent on a call to a customer
		rec.User, rec.CreateBy, rec.agentEmail = []callUser{}, callParty{}, ""
	}
	s.history.wg.Add(1)
	go s.runCall(rec, nil)
	return rec.TransactionID
}

func (s *Server) handleAutoCallByPhone(r *http.Request) (any, error) {
	var in struct {
		autoCallBody
		PhoneNumberList []string `json:"phone_number_list"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.PhoneNumberList) == 0 || !all(in.PhoneNumberList, func(p string) bool { return isDigits(strings.TrimPrefix(p, "+")) }) {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cid, err := s.checkAutoCall(&in.autoCallBody, false)
	if err != nil {
		return nil, err
	}
	for _, phone := range in.PhoneNumberList {
		s.startAutoCall("", cid, phone)
	}
	return map[string]string{"autocall_id": s.newID(), "name": in.Name}, nil
}

func (s *Server) handleAutoCallByExtension(r *http.Request) (any, error) {
	var in struct {
		autoCallBody
		Extensions []string `json:"extensions"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.Extensions) == 0 {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !all(in.Extensions, s.extensionExists) {
		return nil, fail("extension_invalid")
	}
	cid, err := s.checkAutoCall(&in.autoCallBody, true)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(in.Extensions))
	for _, ext := range in.Extensions {
		ids = append(ids, s.startAutoCall(ext, cid, ext))
	}
	return map[string]any{"autocall_uuids": ids, "autocall_id": s.objectID()}, nil
}

// all reports whether ok holds for every element of vs.
func all(vs []string, ok func(string) bool) bool {
	for _, v := range vs {
		if !ok(v) {
			return false
		}
	}
	return true
}
