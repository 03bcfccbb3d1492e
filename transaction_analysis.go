package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
)

// CallAnalysis is the AI analysis of one call: speech-to-text, NLP and
// quality-evaluation results (docs/api.md §18.8). Only the call id is read;
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
// with {"transaction_ids": [...]} (docs/api.md §18.8: the vendor's AI pages,
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
// (docs/api.md §18.8, grade strong). Bearer token. Retried (it only reads).
func (s *TransactionService) GetAnalysis(ctx context.Context, transactionID string) (*CallAnalysis, error) {
	if err := required("transactionID", transactionID); err != nil {
		return nil, err
	}
	return postObject[CallAnalysis](ctx, s.e, "/api/ai/call_transaction/get", map[string]string{"transaction_id": transactionID}, WithRetryPOST())
}
