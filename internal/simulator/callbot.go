package simulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// The call bot: automatic calls a bot script speaks (docs/api.md §18.8).

func init() { register(domain{routes: (*Server).callBotRoutes}) }

func (s *Server) callBotRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/call_bot/execute_by_phone", h: s.handleCallBot},
		{method: "GET", pattern: "/api/call_bot/script/list", h: s.handleCallBotScripts},
	}
}

// callBotScripts are the simulator's call-bot scripts; DNC numbers are
// refused by the call bot with number_dnc.
var (
	callBotScripts = []map[string]any{
		{"bot_script_id": "bot-remind-1", "name": "Nhắc lịch hẹn", "fields": []string{"ten", "ngay_hen"}},
		{"bot_script_id": "bot-survey-1", "name": "Khảo sát", "fields": []string{"ten"}},
	}
	// doNotCall is a number the call bot refuses (number_dnc).
	doNotCall = "0999999999"
)

// handleCallBot needs the bearer token (checked by the route) and the
// x-api-key header; it answers 200 with per-number failures in errors[].
func (s *Server) handleCallBot(r *http.Request) (any, error) {
	key := r.Header.Get("x-api-key")
	if key == "" {
		return nil, failHTTP(http.StatusUnauthorized, "api_key_is_required")
	}
	if subtle.ConstantTimeCompare([]byte(key), []byte(s.cfg.apiKey)) != 1 {
		return nil, failHTTP(http.StatusUnauthorized, "api_key_invalid")
	}
	var in struct {
		Phones      []string `json:"phone_number_list"`
		BotScriptID string   `json:"bot_script_id"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.Phones) == 0 || in.BotScriptID == "" {
		return nil, fail("data_is_required")
	}
	type failure struct {
		PhoneNumber string `json:"phone_number"`
		Code        string `json:"code"`
	}
	errs := []failure{}
	s.mu.Lock()
	defer s.mu.Unlock()
	cid := r.URL.Query().Get("cid")
	if cid == "" {
		if hs := s.hotlines(); len(hs) > 0 {
			cid = hs[0]
		}
	}
	for _, p := range in.Phones {
		switch {
		case !isDigits(strings.TrimPrefix(p, "+")):
			errs = append(errs, failure{p, "invalid_phone_number"})
		case p == doNotCall:
			errs = append(errs, failure{p, "number_dnc"})
		default:
			s.startAutoCall("", cid, p)
		}
	}
	return map[string]any{"autocall_id": s.newID(), "errors": errs}, nil
}

func (s *Server) handleCallBotScripts(*http.Request) (any, error) { return callBotScripts, nil }
