package simulator

import (
	"net/http"
	"slices"
)

func init() { register(domain{routes: (*Server).evaluationRoutes}) }

// evaluationRoutes are the evaluation criteria and the evaluations of
// calls, in the older and the v3 form.
func (s *Server) evaluationRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/evaluation_criteria/call/list", h: s.handleEvaluationCriteria},
		{method: "POST", pattern: "/api/call_transaction/add_evaluation/{transaction_id}", h: s.handleAddEvaluation},
		{method: "GET", pattern: "/api/v3/call-transaction/evaluation-criteria/list", auth: authAPIKey, h: s.handleEvaluationCriteria},
		{method: "POST", pattern: "/api/v3/call-transaction/add-evaluation", auth: authAPIKey, h: s.handleV3AddEvaluation},
	}
}

// criterion is one call-evaluation criterion (the shape is undocumented).
type criterion struct {
	ID          string `json:"_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	MaxScore    int    `json:"max_score"`
}

// evaluationCriteria is the simulator's fixed set of criteria.
var evaluationCriteria = []criterion{
	{ID: "64a000000000000000000001", Name: "Chào hỏi", Description: "Greets the customer and introduces the company", MaxScore: 10},
	{ID: "64a000000000000000000002", Name: "Nắm bắt nhu cầu", Description: "Understands what the customer needs", MaxScore: 10},
	{ID: "64a000000000000000000003", Name: "Kết thúc cuộc gọi", Description: "Sums up and closes the call politely", MaxScore: 5},
}

func (s *Server) handleEvaluationCriteria(*http.Request) (any, error) {
	return evaluationCriteria, nil
}

func (s *Server) handleAddEvaluation(r *http.Request) (any, error) {
	var in struct {
		UserUUID   string         `json:"user_uuid"`
		Evaluation map[string]any `json:"evaluation"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.UserUUID == "" || in.Evaluation == nil {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[r.PathValue("transaction_id")]
	if !ok {
		return nil, errNotFound
	}
	ev := evaluation{UserUUID: in.UserUUID, Evaluation: in.Evaluation, CreatedAt: s.now().UnixMilli()}
	rec.Evaluations = append(slices.Clip(rec.Evaluations), ev)
	rec.TotalEvaluate = &evalTotal{Count: len(rec.Evaluations)}
	rec.LastUpdatedDate = ev.CreatedAt
	return copyRecord(rec), nil
}

// handleV3AddEvaluation serves POST /api/v3/call-transaction/add-evaluation.
func (s *Server) handleV3AddEvaluation(r *http.Request) (any, error) {
	var in struct {
		TransactionID string `json:"transactionId"`
		AgentID       string `json:"agentId"`
		Evaluation    struct {
			Comment string `json:"comment"`
			Values  []struct {
				CriteriaID string   `json:"criteria_id"`
				Point      *float64 `json:"point"`
			} `json:"values"`
		} `json:"evaluation"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.TransactionID == "" || in.AgentID == "" || len(in.Evaluation.Values) == 0 {
		return nil, fail("data_is_required")
	}
	vals := map[string]any{"comment": in.Evaluation.Comment}
	for _, v := range in.Evaluation.Values {
		if v.Point == nil || !slices.ContainsFunc(evaluationCriteria, func(c criterion) bool { return c.ID == v.CriteriaID }) {
			return nil, failHTTP(http.StatusBadRequest, "evaluation_invalid")
		}
		vals[v.CriteriaID] = *v.Point
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[in.TransactionID]
	if !ok {
		return nil, fail("resource_not_found")
	}
	ev := evaluation{UserUUID: in.AgentID, Evaluation: vals, CreatedAt: s.now().UnixMilli()}
	rec.Evaluations = append(slices.Clip(rec.Evaluations), ev)
	rec.TotalEvaluate = &evalTotal{Count: len(rec.Evaluations)}
	return nil, nil
}
