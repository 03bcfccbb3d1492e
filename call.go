package omicall

import (
	"context"
	"errors"
	"fmt"
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
	if err := checkPhone("PhoneNumber", req.PhoneNumber); err != nil {
		return "", err
	}
	var out struct {
		CallUUID string `json:"call_uuid"`
	}
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/click2call", body: req, out: &out}); err != nil {
		return "", err
	}
	if out.CallUUID == "" {
		// The call may have been placed; without its id the caller cannot
		// follow it, so say so rather than return "".
		return "", &DecodeError{HTTPStatus: http.StatusOK, Method: http.MethodPost, Path: "/api/click2call", Err: errNoCallID}
	}
	return out.CallUUID, nil
}

var errNoCallID = errors.New("no call_uuid in the payload")

// DialplanTarget is what one step of an auto call does.
type DialplanTarget string

// The documented dialplan step kinds.
const (
	// TargetRecording plays an uploaded recording (greeting); Target is its id.
	TargetRecording DialplanTarget = "Recording"
	// TargetTextVariable speaks the next string of Variables with
	// text-to-speech; it has no Target.
	TargetTextVariable DialplanTarget = "Text_variable"
	// TargetIVRMenu runs a key-press script (IVR menu); Target is its id.
	TargetIVRMenu DialplanTarget = "Ivr_menu"
)

// DialplanStep is one step of an auto call's template_dialplans; the steps
// run in order.
type DialplanStep struct {
	TargetType DialplanTarget `json:"target_type"`
	Target     string         `json:"target,omitempty"` // recording or IVR script id; empty for TargetTextVariable
}

// AutoCallByPhoneRequest is the body of POST /api/auto_call/execute_by_phone.
// PhoneNumberList and TemplateDialplans are required; every
// TargetTextVariable step consumes the next string of Variables, so there
// must be exactly one variable per such step. Zero values of the optional
// numbers are left out, so the API's defaults apply.
type AutoCallByPhoneRequest struct {
	PhoneNumberList   []string       `json:"phone_number_list"`
	Name              string         `json:"name,omitempty"` // campaign name
	CID               string         `json:"cid,omitempty"`  // hotline shown as caller id; empty: an on-net hotline
	TemplateDialplans []DialplanStep `json:"template_dialplans"`
	Variables         []string       `json:"variables"`
	Speed             int            `json:"speed,omitempty"`             // TTS speed, -3 (slow) to 3 (fast); default 0
	Voice             Voice          `json:"voice,omitempty"`             // VoiceBanMai, VoiceLeMinh or VoiceLanNhi
	NumRetry          int            `json:"num_retry,omitempty"`         // retries of an unanswered call; default 0
	NumPerCall        int            `json:"num_per_call,omitempty"`      // calls per batch; default 15
	DistancePerCall   int            `json:"distance_per_call,omitempty"` // seconds between batches; default 30
	DistanceRetry     int            `json:"distance_retry,omitempty"`    // between retries (unit undocumented); default 0
}

// AutoCallByExtensionRequest is the body of
// POST /api/auto_call/execute_by_extension. CID, TemplateDialplans and
// Extensions are required; Variables follows the rule of
// AutoCallByPhoneRequest (it is sent as [] when there is no TTS step).
type AutoCallByExtensionRequest struct {
	CID               string         `json:"cid"`                  // hotline shown as caller id
	BrandName         string         `json:"brand_name,omitempty"` // shown instead of the hotline
	TemplateDialplans []DialplanStep `json:"template_dialplans"`
	Variables         []string       `json:"variables"`
	Extensions        []string       `json:"extensions"`
}

// AutoCallResult is the answer to an auto call. AutocallID is opaque (a UUID
// or an ObjectId); AutocallUUIDs, sent by the by-extension call, holds one
// call id per call.
type AutoCallResult struct {
	AutocallID    string   `json:"autocall_id"`
	Name          string   `json:"name"`
	AutocallUUIDs []string `json:"autocall_uuids"`
}

// AutoCallByPhone calls customer phone numbers and plays the dialplan to
// each. Errors of note: ErrServiceLimit (the package cannot auto-call),
// ErrTTSWordLimit, ErrInsufficientBalance. OMICall API:
// POST /api/auto_call/execute_by_phone. Never retried (see
// ContextWithRetry): a repeat would call everyone again.
func (s *CallService) AutoCallByPhone(ctx context.Context, req *AutoCallByPhoneRequest) (*AutoCallResult, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := requiredList("PhoneNumberList", req.PhoneNumberList); err != nil {
		return nil, err
	}
	if err := checkPhones("PhoneNumberList", req.PhoneNumberList); err != nil {
		return nil, err
	}
	if req.Speed < -3 || req.Speed > 3 {
		return nil, &ValidationError{Field: "Speed", Reason: "must be between -3 and 3"}
	}
	if req.NumRetry < 0 || req.NumPerCall < 0 || req.DistancePerCall < 0 || req.DistanceRetry < 0 {
		return nil, &ValidationError{Field: "NumRetry", Reason: "retry and batch settings must not be negative"}
	}
	body := *req
	var err error
	if body.Variables, err = checkDialplan(req.TemplateDialplans, req.Variables); err != nil {
		return nil, err
	}
	return s.autoCall(ctx, "/api/auto_call/execute_by_phone", body)
}

// AutoCallByExtension calls internal extensions and plays the dialplan to
// each. It returns one call id per extension in AutocallUUIDs. OMICall API:
// POST /api/auto_call/execute_by_extension. Never retried (see
// ContextWithRetry).
func (s *CallService) AutoCallByExtension(ctx context.Context, req *AutoCallByExtensionRequest) (*AutoCallResult, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := required("CID", req.CID); err != nil {
		return nil, err
	}
	if err := requiredList("Extensions", req.Extensions); err != nil {
		return nil, err
	}
	body := *req
	var err error
	if body.Variables, err = checkDialplan(req.TemplateDialplans, req.Variables); err != nil {
		return nil, err
	}
	return s.autoCall(ctx, "/api/auto_call/execute_by_extension", body)
}

// autoCall sends an auto-call request once.
func (s *CallService) autoCall(ctx context.Context, path string, body any) (*AutoCallResult, error) {
	out := new(AutoCallResult)
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: path, body: body, out: out}); err != nil {
		return nil, err
	}
	return out, nil
}

// checkDialplan validates the steps against the variables and returns the
// variables to send ([] rather than null).
func checkDialplan(steps []DialplanStep, vars []string) ([]string, error) {
	if len(steps) == 0 {
		return nil, &ValidationError{Field: "TemplateDialplans", Reason: "is required"}
	}
	texts := 0
	for i, st := range steps {
		field := fmt.Sprintf("TemplateDialplans[%d]", i)
		switch st.TargetType {
		case TargetTextVariable:
			texts++
		case TargetRecording, TargetIVRMenu:
			if st.Target == "" {
				return nil, &ValidationError{Field: field + ".Target", Reason: "is required for " + string(st.TargetType)}
			}
		case "":
			return nil, &ValidationError{Field: field + ".TargetType", Reason: "is required"}
		}
	}
	if texts != len(vars) {
		return nil, &ValidationError{Field: "Variables",
			Reason: fmt.Sprintf("has %d strings for %d Text_variable steps; each such step speaks the next one", len(vars), texts)}
	}
	if vars == nil {
		vars = []string{}
	}
	return vars, nil
}
