package simulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

func init() { register(domain{routes: (*Server).wildRoutes}) }

// wildRoutes are the endpoints seen in the wild (REFERENCE §18.8) that the
// SDK has methods for.
func (s *Server) wildRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/v2/agent/get-by-email", h: s.handleAgentByEmail},
		{method: "POST", pattern: "/api/v2/agent/get-by-email", h: s.handleAgentByEmail},
		{method: "POST", pattern: "/api/call_bot/execute_by_phone", h: s.handleCallBot},
		{method: "GET", pattern: "/api/call_bot/script/list", h: s.handleCallBotScripts},
		{method: "GET", pattern: "/api/call_center/hotline/search", h: s.handleHotlineSearch},
		{method: "POST", pattern: "/api/call_center/internal_phone/update", h: s.handleExtensionUpdate},
		{method: "POST", pattern: "/api/ai/call_transaction/list", h: s.handleAIList},
		{method: "POST", pattern: "/api/ai/call_transaction/get", h: s.handleAIGet},
	}
}

// handleAgentByEmail answers GET ?email= and POST {"email": ...} alike.
func (s *Server) handleAgentByEmail(r *http.Request) (any, error) {
	email := r.URL.Query().Get("email")
	if r.Method == http.MethodPost {
		var in struct {
			Email string `json:"email"`
		}
		if err := decodeBody(r, &in); err != nil {
			return nil, err
		}
		email = in.Email
	}
	if email == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byEmail[strings.ToLower(email)]
	if a == nil {
		return nil, fail("resource_not_found")
	}
	return map[string]any{
		"_id": a.id, "identify_info": a.email, "full_name": a.fullName,
		"pbx_account": map[string]string{"sip_user": a.ext, "sip_password": a.password},
	}, nil
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

// handleHotlineSearch pages the tenant's hotlines with their settings.
func (s *Server) handleHotlineSearch(r *http.Request) (any, error) {
	kw := r.URL.Query().Get("keyword")
	p, err := servePage(s, r, listing[PublicNumber, map[string]any]{
		size: 50, stored: &s.cfg.tenant.PublicNumbers,
		keep: func(p PublicNumber) bool { return kw == "" || strings.Contains(p.Number, kw) },
		view: func(p PublicNumber) map[string]any {
			return map[string]any{
				"_id": objectIDOf(p.Number), "hotline": p.Number, "provider": p.Provider,
				"configs": map[string]any{"allow_call_in": true, "allow_call_out": true, "default_script": "",
					"working_days": []string{"mon", "tue", "wed", "thu", "fri"}},
				"accesses": []any{},
			}
		},
	})
	if err == nil && p.TotalItems == 0 {
		p.Items = nil // when no hotline matches, the search answers "items": null
	}
	return p, err
}

// handleExtensionUpdate changes an extension's SIP password.
func (s *Server) handleExtensionUpdate(r *http.Request) (any, error) {
	var in struct {
		SIPUser     string `json:"sip_user"`
		Password    string `json:"password"`
		CallTimeout *int   `json:"call_timeout"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.SIPUser == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.agents.byExt[in.SIPUser]
	if a == nil {
		return nil, fail("extension_invalid")
	}
	if in.Password != "" {
		a.password = in.Password
	}
	a.updated = s.now().UnixMilli()
	return true, nil
}

// aiAnalysis is the simulated AI analysis of a call.
func aiAnalysis(rec *callRecord) map[string]any {
	return map[string]any{
		"transaction_id": rec.TransactionID,
		"speech_to_text": []map[string]any{{"speaker": "agent", "text": "Xin chào"}, {"speaker": "customer", "text": "Chào bạn"}},
		"nlp":            map[string]any{"sentiment": "neutral"},
		"evaluation":     map[string]any{"score": 8},
	}
}

func (s *Server) handleAIList(r *http.Request) (any, error) {
	var in struct {
		IDs []string `json:"transaction_ids"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.IDs) == 0 {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []map[string]any{}
	for _, id := range in.IDs {
		if rec, ok := s.history.byID[id]; ok && rec.Disposition == "answered" {
			out = append(out, aiAnalysis(rec))
		}
	}
	return out, nil
}

func (s *Server) handleAIGet(r *http.Request) (any, error) {
	var in struct {
		ID string `json:"transaction_id"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[in.ID]
	if !ok {
		return nil, fail("resource_not_found")
	}
	return aiAnalysis(rec), nil
}
