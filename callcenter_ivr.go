package omicall

import (
	"context"
	"iter"
	"net/http"
)

// IVRScript is a key-press menu: a greeting is played and each key sends the
// call to a group or another menu.
type IVRScript struct {
	ID                 string     `json:"_id"`
	TenantID           string     `json:"tenant_id"`
	ScriptName         string     `json:"script_name"` // unique
	ScriptNameUnsigned string     `json:"script_name_unsigned"`
	ScriptNumber       string     `json:"script_number"`
	GreetingID         string     `json:"greeting_id"` // the menu prompt
	GreetingName       string     `json:"greeting_name"`
	GreetingShortID    string     `json:"greeting_short_id"` // played when returning to the menu
	GreetingShortName  string     `json:"greeting_short_name"`
	Note               string     `json:"note"`
	CreatedDate        Time       `json:"created_date"`
	LastUpdatedDate    Time       `json:"last_updated_date"`
	CreatedBy          *Actor     `json:"created_by,omitempty"`
	LastUpdatedBy      *Actor     `json:"last_updated_by,omitempty"`
	IsDeleted          Bool       `json:"is_deleted"`
	Scripts            []IVRKey   `json:"scripts"`
	TimeOut            Int        `json:"time_out"`    // seconds to wait for a key
	ActionType         ActionType `json:"action_type"` // fallback when no key or too many wrong keys; "" for none
	Action             string     `json:"action"`      // id of the fallback target
	ActionName         string     `json:"action_name"`
	InvalidSoundID     string     `json:"invalid_sound_id"` // greeting played on a wrong key
	InvalidSoundName   string     `json:"invalid_sound_name"`
	MaxFailure         Int        `json:"max_failure"`          // wrong keys allowed
	IVRDirectMenuDial  Bool       `json:"ivr_direct_menu_dial"` // sent as "false" (a string) or null
}

// IVRKey is what one key of an IVR script does.
type IVRKey struct {
	IVR        string     `json:"ivr"`         // the key: "1", "2", ...
	ActionType ActionType `json:"action_type"` // ActionRingGroup or ActionIVRMenu; "" when unassigned
	Action     string     `json:"action"`      // id of the group or script; "" when unassigned
	ActionName string     `json:"action_name,omitempty"`
	Key        string     `json:"key,omitempty"`
}

// IVRScriptRequest is the body of CreateIVRScript and UpdateIVRScript.
// ScriptName, GreetingID and Scripts are required.
type IVRScriptRequest struct {
	ScriptName      string     `json:"script_name"`
	GreetingID      string     `json:"greeting_id"` // a greeting id (see ListGreetings)
	MaxFailure      int        `json:"max_failure"` // wrong keys allowed
	TimeOut         int        `json:"time_out"`    // seconds to wait for a key
	Scripts         []IVRKey   `json:"scripts"`
	ActionType      ActionType `json:"action_type,omitempty"` // fallback action
	Action          string     `json:"action,omitempty"`
	InvalidSoundID  string     `json:"invalid_sound_id,omitempty"`
	GreetingShortID string     `json:"greeting_short_id,omitempty"`
}

func (r *IVRScriptRequest) validate() error {
	if r == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := requireAll("ScriptName", r.ScriptName, "GreetingID", r.GreetingID); err != nil {
		return err
	}
	if r.MaxFailure < 0 || r.TimeOut < 0 {
		return &ValidationError{Field: "MaxFailure/TimeOut", Reason: "must not be negative"}
	}
	if len(r.Scripts) == 0 {
		return &ValidationError{Field: "Scripts", Reason: "is required"}
	}
	for _, k := range r.Scripts {
		if k.IVR == "" {
			return &ValidationError{Field: "Scripts.IVR", Reason: "is required"}
		}
		if !knownAction(k.ActionType) {
			return actionErr("Scripts.ActionType")
		}
	}
	if !knownAction(r.ActionType) {
		return actionErr("ActionType")
	}
	return nil
}

const pathIVR = "/api/call_center/key-interaction"

// ivrList requires a size and documents no default; the list helper always
// sends one.
var ivrList = listSpec{method: http.MethodGet, path: pathIVR + "/list"}

// ListIVRScripts returns one page of IVR scripts; Keyword searches names.
// OMICall API: GET /api/call_center/key-interaction/list. Retried.
func (s *CallCenterService) ListIVRScripts(ctx context.Context, opts *ListOptions) (*Page[IVRScript], error) {
	return listPage[IVRScript](ctx, s.e, ivrList, opts)
}

// AllIVRScripts walks every IVR script page after page (see AgentService.All).
// OMICall API: GET /api/call_center/key-interaction/list. Retried.
func (s *CallCenterService) AllIVRScripts(ctx context.Context, opts *ListOptions) iter.Seq2[IVRScript, error] {
	return listAll[IVRScript](ctx, s.e, ivrList, opts)
}

// CreateIVRScript creates an IVR script. OMICall API: POST
// /api/call_center/key-interaction/add. Never retried.
func (s *CallCenterService) CreateIVRScript(ctx context.Context, req *IVRScriptRequest) (*IVRScript, error) {
	return createValid[IVRScript](ctx, s.e, pathIVR+"/add", req)
}

// UpdateIVRScript replaces IVR script id. OMICall API: POST
// /api/call_center/key-interaction/update/:id. Retried (the same update
// twice has one effect).
func (s *CallCenterService) UpdateIVRScript(ctx context.Context, id string, req *IVRScriptRequest) (*IVRScript, error) {
	return updateValid[IVRScript](ctx, s.e, pathIVR+"/update", id, req)
}

// DeleteIVRScript deletes IVR script id. OMICall API: DELETE
// /api/call_center/key-interaction/delete/:id. Retried.
func (s *CallCenterService) DeleteIVRScript(ctx context.Context, id string) error {
	return s.e.deleteByID(ctx, pathIVR+"/delete", id)
}
