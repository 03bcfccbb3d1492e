package simulator

import "net/http"

// The AI analysis of calls (speech to text, sentiment, score).

func init() { register(domain{routes: (*Server).aiAnalysisRoutes}) }

func (s *Server) aiAnalysisRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/ai/call_transaction/list", h: s.handleAIList},
		{method: "POST", pattern: "/api/ai/call_transaction/get", h: s.handleAIGet},
	}
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
