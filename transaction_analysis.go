package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// getByTransactionIDPath is the v2 lookup of one call (REFERENCE §18.2).
const getByTransactionIDPath = "/api/v2/callTransaction/getByTransactionId"

// GetByTransactionID returns one call as the 2026 API records it (the
// fields of REFERENCE §18.3, recording links included); an unknown id
// matches ErrNotFound. Prefer it to Get for calls made since 2026.
//
// The HTTP method of this endpoint is unsettled (REFERENCE §18.2): the
// vendor's own client (the MCP, grade V, on an internal host) and older
// public integrations (Appendix B) POST {"transactionId": ...}, one 2026
// integration (vwork-client, grade C) sends GET ?transactionId=. This
// method follows the majority and the vendor: it POSTs, and if the host
// answers that the route does not exist (HTTP 404 or 405 without an
// OMICall envelope) it asks once more with GET. The other lookup seen in
// the wild, GET /api/call/transaction/detail?call_uuid=, comes from code
// whose origin could not be identified (grade weak); it has no method —
// see the README for a Do recipe. OMICall API: POST (else GET)
// /api/v2/callTransaction/getByTransactionId. Bearer token. Retried (it
// only reads).
func (s *TransactionService) GetByTransactionID(ctx context.Context, transactionID string) (*Transaction, error) {
	if err := required("transactionID", transactionID); err != nil {
		return nil, err
	}
	tx := new(Transaction)
	err := s.e.postElseGet(ctx, getByTransactionIDPath, map[string]string{"transactionId": transactionID},
		url.Values{"transactionId": {transactionID}}, tx)
	if err != nil {
		return nil, err
	}
	return tx, nil
}

// ReportV3 returns the v3 call statistics of from..to (both inclusive) as
// the API sends them. Documented-weak: the only source is one integrator's
// summary of the vendor's spreadsheet (REFERENCE §18.2, grade D): counts by
// direction and by answered/unanswered, per day and per hour, over at most
// 12 months, no per-agent filter. Neither its authentication nor its query
// keys are documented: it sends x-api-key (as the v3 search) and the range
// as fromDate and toDate in Unix milliseconds (the v3 search's names), a
// guess; the answer is returned raw for the caller to read. Check it
// against your tenant before relying on it, or use Report (REFERENCE
// §7.4). OMICall API: GET /api/v3/call-transaction/report. Retried.
func (s *TransactionService) ReportV3(ctx context.Context, from, to time.Time) (json.RawMessage, error) {
	r, err := checkRange(from, to, 0)
	if err != nil {
		return nil, err
	}
	q := url.Values{"fromDate": {formatMs(r.from)}, "toDate": {formatMs(r.to)}}
	var raw json.RawMessage
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/v3/call-transaction/report", query: q, out: &raw}, WithAPIKeyHeader()); err != nil {
		return nil, err
	}
	return raw, nil
}

// ListEvaluationCriteriaV3 lists the call-evaluation criteria from the v3
// endpoint (REFERENCE §18.2: the vendor's MCP, grade V; the payload's shape
// is shown nowhere, so EvaluationCriterion reads the usual keys and keeps
// the rest in Raw). It authenticates with x-api-key, as the v3 search
// (assumed: the MCP uses a user's token on an internal host). OMICall API:
// GET /api/v3/call-transaction/evaluation-criteria/list. Retried.
func (s *TransactionService) ListEvaluationCriteriaV3(ctx context.Context) ([]EvaluationCriterion, error) {
	var raw json.RawMessage
	err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/v3/call-transaction/evaluation-criteria/list", out: &raw}, WithAPIKeyHeader())
	if err != nil {
		return nil, err
	}
	return criteriaOf(raw), nil
}

// EvaluateV3Request is the body of POST /api/v3/call-transaction/add-evaluation
// (REFERENCE §18.2, from the vendor's MCP).
type EvaluateV3Request struct {
	TransactionID string            `json:"transactionId"` // the call; required
	AgentID       string            `json:"agentId"`       // the evaluated agent (the MCP calls it the agent's UUID); required
	Comment       string            `json:"-"`
	Values        []EvaluationScore `json:"-"` // at least one
}

// EvaluationScore is the points one criterion gives a call. The MCP keeps
// Point within 0–10 (its own rule, not a documented one); this client only
// refuses a negative Point.
type EvaluationScore struct {
	CriteriaID string  `json:"criteria_id"` // an EvaluationCriterion's ID; required
	Point      float64 `json:"point"`
}

// MarshalJSON writes {"transactionId", "agentId", "evaluation": {"comment", "values"}}.
func (r EvaluateV3Request) MarshalJSON() ([]byte, error) {
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

func (r *EvaluateV3Request) validate() error {
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

// EvaluateV3 records an evaluation of a call. OMICall API:
// POST /api/v3/call-transaction/add-evaluation (REFERENCE §18.2: the
// vendor's MCP, grade V; x-api-key assumed as for the search). Never
// retried: a repeat would add a second evaluation.
func (s *TransactionService) EvaluateV3(ctx context.Context, req *EvaluateV3Request) error {
	if err := req.validate(); err != nil {
		return err
	}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/v3/call-transaction/add-evaluation", body: *req}, WithAPIKeyHeader())
}

// CallAnalysis is the AI analysis of one call: speech-to-text, NLP and
// quality-evaluation results (REFERENCE §18.8). Only the call id is read;
// the vendor's page gives the rest no stable shape, so Raw keeps the whole
// object.
type CallAnalysis struct {
	TransactionID string
	Raw           json.RawMessage
}

// UnmarshalJSON reads transaction_id (else transactionId, call_uuid) and
// keeps the object in Raw; it never fails.
func (a *CallAnalysis) UnmarshalJSON(b []byte) error {
	var w struct {
		TransactionID  string `json:"transaction_id"`
		TransactionIDC string `json:"transactionId"`
		CallUUID       string `json:"call_uuid"`
	}
	_ = decodeLenient(b, &w)
	*a = CallAnalysis{TransactionID: cmp.Or(w.TransactionID, w.TransactionIDC, w.CallUUID), Raw: append(json.RawMessage(nil), b...)}
	return nil
}

// ListAnalyses returns the AI analyses of the calls transactionIDs (calls not
// analysed are absent). OMICall API: POST /api/ai/call_transaction/list
// with {"transaction_ids": [...]} (REFERENCE §18.8: the vendor's AI pages,
// grade strong). Bearer token. Retried (it only reads).
func (s *TransactionService) ListAnalyses(ctx context.Context, transactionIDs ...string) ([]CallAnalysis, error) {
	if err := requiredList("transactionIDs", transactionIDs); err != nil {
		return nil, err
	}
	var out []CallAnalysis
	err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/ai/call_transaction/list",
		body: map[string][]string{"transaction_ids": transactionIDs}, out: &out}, WithRetryPOST())
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetAnalysis returns the AI analysis of one call. OMICall API:
// POST /api/ai/call_transaction/get with {"transaction_id": ...}
// (REFERENCE §18.8, grade strong). Bearer token. Retried (it only reads).
func (s *TransactionService) GetAnalysis(ctx context.Context, transactionID string) (*CallAnalysis, error) {
	if err := required("transactionID", transactionID); err != nil {
		return nil, err
	}
	return postObject[CallAnalysis](ctx, s.e, "/api/ai/call_transaction/get", map[string]string{"transaction_id": transactionID}, WithRetryPOST())
}
