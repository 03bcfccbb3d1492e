package omicall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// EvaluationCriterion is one call-evaluation criterion of the tenant. The
// payload of GET /api/evaluation_criteria/call/list is undocumented: ID,
// Name and Description are read from the usual keys (_id or id, name or
// title, description) and Raw keeps the whole object.
type EvaluationCriterion struct {
	ID          string
	Name        string
	Description string
	Raw         json.RawMessage
}

// UnmarshalJSON reads the known keys and keeps the object in Raw; it never
// fails.
func (e *EvaluationCriterion) UnmarshalJSON(b []byte) error {
	var a struct {
		UID         string `json:"_id"`
		ID          string `json:"id"`
		Name        string `json:"name"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	_ = decodeLenient(b, &a)
	*e = EvaluationCriterion{ID: a.UID, Name: a.Name, Description: a.Description, Raw: append(json.RawMessage(nil), b...)}
	if e.ID == "" {
		e.ID = a.ID
	}
	if e.Name == "" {
		e.Name = a.Title
	}
	return nil
}

// EvaluateRequest is the body of POST /api/call_transaction/add_evaluation/:id.
// Both fields are required.
type EvaluateRequest struct {
	// UserUUID is the evaluator: a third-party user id or an extension.
	UserUUID string `json:"user_uuid"`
	// Evaluation is the evaluation object, sent as is. Its format is
	// documented only as a screenshot, so it is left to the caller: a
	// map[string]any, a json.RawMessage, or any value that marshals to a
	// JSON object.
	Evaluation any `json:"evaluation"`
}

// ListEvaluationCriteria lists the tenant's call-evaluation criteria, those
// of Evaluate (Score's are ListScoringCriteria). The payload is
// undocumented: a JSON array or a page of items are both read.
// OMICall API: GET /api/evaluation_criteria/call/list. Retried.
func (s *TransactionService) ListEvaluationCriteria(ctx context.Context) ([]EvaluationCriterion, error) {
	var raw json.RawMessage
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/evaluation_criteria/call/list", out: &raw}); err != nil {
		return nil, err
	}
	return criteriaOf(raw), nil
}

// criteriaOf reads a criteria payload: a JSON array, or a page of items.
func criteriaOf(raw json.RawMessage) []EvaluationCriterion {
	var out []EvaluationCriterion
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		_ = decodeLenient(raw, &out)
		return out
	}
	var p Page[EvaluationCriterion]
	_ = decodeLenient(raw, &p)
	return p.Items
}

// Evaluate records an evaluation of a call by ev.UserUUID. It returns the
// call with its evaluations when the API sends it back, or nil (the
// documentation shows an empty answer). OMICall API:
// POST /api/call_transaction/add_evaluation/:transaction_id. Never retried:
// a repeat would add a second evaluation.
func (s *TransactionService) Evaluate(ctx context.Context, transactionID string, ev *EvaluateRequest) (*Transaction, error) {
	if err := requiredSegment("transactionID", transactionID); err != nil {
		return nil, err
	}
	if ev == nil {
		return nil, &ValidationError{Field: "ev", Reason: "is required"}
	}
	if err := required("UserUUID", ev.UserUUID); err != nil {
		return nil, err
	}
	obj, err := json.Marshal(ev.Evaluation)
	if err != nil || !bytes.HasPrefix(obj, []byte("{")) {
		return nil, &ValidationError{Field: "Evaluation", Reason: "must be a JSON object (a map, a struct or a json.RawMessage)"}
	}
	var raw json.RawMessage
	err = s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_transaction/add_evaluation/" + url.PathEscape(transactionID),
		body: EvaluateRequest{UserUUID: ev.UserUUID, Evaluation: json.RawMessage(obj)}, out: &raw})
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return nil, nil
	}
	t := new(Transaction)
	_ = decodeLenient(raw, t)
	return t, nil
}

// ListScoringCriteria lists the criteria Score gives points for (those of
// Evaluate's free-form evaluation: ListEvaluationCriteria), from the v3
// endpoint (docs/api.md §18.2: the vendor's MCP, grade V; the payload's
// shape is shown nowhere, so EvaluationCriterion reads the usual keys and
// keeps the rest in Raw). It authenticates with x-api-key, as the v3 search
// (assumed: the MCP uses a user's token on an internal host). OMICall API:
// GET /api/v3/call-transaction/evaluation-criteria/list. Retried.
func (s *TransactionService) ListScoringCriteria(ctx context.Context) ([]EvaluationCriterion, error) {
	var raw json.RawMessage
	err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/v3/call-transaction/evaluation-criteria/list", out: &raw}, WithAPIKeyHeader())
	if err != nil {
		return nil, err
	}
	return criteriaOf(raw), nil
}

// ScoreRequest is the body of Score, POST
// /api/v3/call-transaction/add-evaluation (docs/api.md §18.2, from the
// vendor's MCP).
type ScoreRequest struct {
	TransactionID string            `json:"transactionId"` // the call; required
	AgentID       string            `json:"agentId"`       // the evaluated agent (the MCP calls it the agent's UUID); required
	Comment       string            `json:"-"`
	Values        []EvaluationScore `json:"-"` // at least one
}

// EvaluationScore is the points one criterion gives a call. The MCP keeps
// Point within 0–10 (its own rule, not a documented one); this client only
// refuses a negative Point.
type EvaluationScore struct {
	CriteriaID string  `json:"criteria_id"` // the ID of a criterion of ListScoringCriteria; required
	Point      float64 `json:"point"`
}

// MarshalJSON writes {"transactionId", "agentId", "evaluation": {"comment", "values"}}.
func (r ScoreRequest) MarshalJSON() ([]byte, error) {
	type ev struct {
		Comment string            `json:"comment"`
		Values  []EvaluationScore `json:"values"`
	}
	return json.Marshal(struct {
		TransactionID string `json:"transactionId"`
		AgentID       string `json:"agentId"`
		Evaluation    ev     `json:"evaluation"`
	}{r.TransactionID, r.AgentID, ev{r.Comment, r.Values}})
}

func (r *ScoreRequest) validate() error {
	if r == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := requireAll("TransactionID", r.TransactionID, "AgentID", r.AgentID); err != nil {
		return err
	}
	if len(r.Values) == 0 {
		return &ValidationError{Field: "Values", Reason: "is required"}
	}
	for i, v := range r.Values {
		switch {
		case v.CriteriaID == "":
			return &ValidationError{Field: fmt.Sprintf("Values[%d].CriteriaID", i), Reason: "is required"}
		case v.Point < 0:
			return &ValidationError{Field: fmt.Sprintf("Values[%d].Point", i), Reason: "must not be negative"}
		}
	}
	return nil
}

// Score records an agent's points on a call, per criterion of
// ListScoringCriteria, with a comment (Evaluate records a free-form
// evaluation object instead). OMICall API:
// POST /api/v3/call-transaction/add-evaluation (docs/api.md §18.2: the
// vendor's MCP, grade V; x-api-key assumed as for the search). Never
// retried: a repeat would add a second evaluation.
func (s *TransactionService) Score(ctx context.Context, req *ScoreRequest) error {
	if err := req.validate(); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/v3/call-transaction/add-evaluation", body: *req}, WithAPIKeyHeader())
}
