package omicall

import (
	"context"
	"net/http"
)

// CallService places click-to-call and auto calls. Reach it as c.Calls.
type CallService service

// ClickToCallRequest is the body of POST /api/click2call.
type ClickToCallRequest struct {
	Extension   string `json:"extension"`    // the agent's extension, rung first
	Hotline     string `json:"hotline"`      // the hotline to call out on
	PhoneNumber string `json:"phone_number"` // the number dialled once the agent answers
}

// ClickToCall rings the agent's extension and, once it answers, dials the
// phone number. It returns the call id (the transaction id of the call's
// record and the call_uuid of its call hooks). OMICall API: POST
// /api/click2call. Never retried (see ContextWithRetry).
func (s *CallService) ClickToCall(ctx context.Context, req *ClickToCallRequest) (string, error) {
	if req == nil {
		return "", &ValidationError{Field: "req", Reason: "is required"}
	}
	for _, f := range []struct{ name, v string }{{"Extension", req.Extension}, {"Hotline", req.Hotline}, {"PhoneNumber", req.PhoneNumber}} {
		if err := required(f.name, f.v); err != nil {
			return "", err
		}
	}
	var out struct {
		CallUUID string `json:"call_uuid"`
	}
	if err := s.c.do(ctx, &request{method: http.MethodPost, path: "/api/click2call", body: req, out: &out}); err != nil {
		return "", err
	}
	return out.CallUUID, nil
}
