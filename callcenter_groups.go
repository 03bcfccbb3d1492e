package omicall

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
)

// RingStrategy is how an internal group rings its members.
type RingStrategy string

// The documented ring strategies.
const (
	StrategyEnterprise RingStrategy = "enterprise" // ring every member at once
	StrategyRollover   RingStrategy = "rollover"   // ring members one after another
	StrategyRandom     RingStrategy = "random"     // ring members in random order
)

// InternalGroup is a ring group (queue) of extensions.
type InternalGroup struct {
	ID                        string            `json:"_id"` // used by UpdateGroup, DeleteGroup, member changes and IVR actions
	TenantID                  string            `json:"tenant_id"`
	GroupName                 string            `json:"group_name"`
	GroupNameUnsigned         string            `json:"group_name_unsigned"` // GroupName without diacritics
	GroupNumber               string            `json:"group_number"`        // the group's internal number
	CreatedDate               Time              `json:"created_date"`
	LastUpdatedDate           Time              `json:"last_updated_date"`
	CreateBy                  *Actor            `json:"create_by,omitempty"`
	LastUpdateBy              *Actor            `json:"last_update_by,omitempty"`
	IsDeleted                 Bool              `json:"is_deleted"`
	Note                      string            `json:"note"`
	Members                   []GroupMember     `json:"members"`
	IsForwardToUserOwner      Bool              `json:"is_forward_to_user_owner"`
	IsForwardToOuterGroup     Bool              `json:"is_forward_to_outer_group"`
	OuterGroupID              string            `json:"outer_group_id"`
	Strategy                  RingStrategy      `json:"strategy"`
	RingBackID                string            `json:"ring_back_id"`
	RingBackName              string            `json:"ring_back_name"`
	IsAnswer                  Bool              `json:"is_answer"` // sent as "false" (a string) or null
	TargetTimeoutType         ActionType        `json:"target_timeout_type"`
	TargetTimeout             string            `json:"target_timeout"` // id of the timeout target
	TargetTimeoutName         string            `json:"target_timeout_name"`
	RingGroupType             Int               `json:"ring_group_type"`
	RingGroupWaitTime         Int               `json:"ring_group_wait_time"`
	RingGroupWaitTimeSequence Int               `json:"ring_group_wait_time_sequence"`
	EnableCriteria            Bool              `json:"enable_criteria"`
	Criterias                 []json.RawMessage `json:"criterias"`   // shape undocumented
	SIPMembers                []string          `json:"sip_members"` // extension numbers (create and update answers only)
	Timeout                   Int               `json:"timeout"`     // seconds each member rings (create and update answers only)
}

// GroupMember is a member of an internal group.
type GroupMember struct {
	AgentID     string `json:"agent_id"`
	ContactID   string `json:"contact_id"`
	Order       Int    `json:"order"`
	Timeout     Int    `json:"timeout"` // seconds this member rings
	SIPUser     string `json:"sip_user"`
	HoldMusicID string `json:"hold_music_id"`
}

// InternalGroupRequest is the body of CreateGroup and UpdateGroup.
// GroupName, Strategy, SIPMembers and Timeout are required; the timeout
// target is taken by UpdateGroup only.
type InternalGroupRequest struct {
	GroupName         string       `json:"group_name"`
	Strategy          RingStrategy `json:"strategy"`
	SIPMembers        []string     `json:"sip_members"` // extension numbers
	Timeout           int          `json:"timeout"`     // seconds each member rings, e.g. 30
	TargetTimeoutType ActionType   `json:"target_timeout_type,omitempty"`
	TargetTimeout     string       `json:"target_timeout,omitempty"` // id of a greeting, IVR script or group
}

func (r *InternalGroupRequest) validate() error {
	if r == nil {
		return &ValidationError{Field: "req", Reason: "is required"}
	}
	if err := requireAll("GroupName", r.GroupName, "Strategy", string(r.Strategy)); err != nil {
		return err
	}
	if len(r.SIPMembers) == 0 {
		return &ValidationError{Field: "SIPMembers", Reason: "is required"}
	}
	if r.Timeout <= 0 {
		return &ValidationError{Field: "Timeout", Reason: "must be a positive number of seconds"}
	}
	if !knownAction(r.TargetTimeoutType) {
		return actionErr("TargetTimeoutType")
	}
	return nil
}

const pathGroups = "/api/call_center/internal_group"

var groupList = listSpec{method: http.MethodGet, path: pathGroups + "/list"}

// ListGroups returns one page of internal groups; Keyword searches group
// names. OMICall API: GET /api/call_center/internal_group/list. Retried.
func (s *CallCenterService) ListGroups(ctx context.Context, opts *ListOptions) (*Page[InternalGroup], error) {
	return listPage[InternalGroup](ctx, s.e, groupList, opts)
}

// AllGroups walks every internal group page after page (see
// AgentService.All). OMICall API: GET /api/call_center/internal_group/list.
// Retried.
func (s *CallCenterService) AllGroups(ctx context.Context, opts *ListOptions) iter.Seq2[InternalGroup, error] {
	return listAll[InternalGroup](ctx, s.e, groupList, opts)
}

// CreateGroup creates an internal group. OMICall API: POST
// /api/call_center/internal_group/add. Never retried.
func (s *CallCenterService) CreateGroup(ctx context.Context, req *InternalGroupRequest) (*InternalGroup, error) {
	return createValid[InternalGroup](ctx, s.e, pathGroups+"/add", req)
}

// UpdateGroup replaces the settings of group id. OMICall API: POST
// /api/call_center/internal_group/update/:id. Retried (the same update
// twice has one effect).
func (s *CallCenterService) UpdateGroup(ctx context.Context, id string, req *InternalGroupRequest) (*InternalGroup, error) {
	return updateValid[InternalGroup](ctx, s.e, pathGroups+"/update", id, req)
}

// groupMembers is the body of add-members and remove-members.
type groupMembers struct {
	GroupID  string   `json:"group_id"`
	SIPUsers []string `json:"sip_users"`
}

// AddGroupMembers adds extensions to group groupID. OMICall API: POST
// /api/call_center/internal_group/add-members. Retried (adding a member
// twice has one effect).
func (s *CallCenterService) AddGroupMembers(ctx context.Context, groupID string, sipUsers ...string) error {
	return s.changeMembers(ctx, "/add-members", groupID, sipUsers)
}

// RemoveGroupMembers removes extensions from group groupID. OMICall API:
// POST /api/call_center/internal_group/remove-members. Retried.
func (s *CallCenterService) RemoveGroupMembers(ctx context.Context, groupID string, sipUsers ...string) error {
	return s.changeMembers(ctx, "/remove-members", groupID, sipUsers)
}

func (s *CallCenterService) changeMembers(ctx context.Context, op, groupID string, sipUsers []string) error {
	if err := required("groupID", groupID); err != nil {
		return err
	}
	if len(sipUsers) == 0 {
		return &ValidationError{Field: "sipUsers", Reason: "is required"}
	}
	body := groupMembers{GroupID: groupID, SIPUsers: sipUsers}
	return s.e.do(ctx, &request{method: http.MethodPost, path: pathGroups + op, body: body}, WithRetryPOST())
}

// DeleteGroup deletes internal group id. OMICall API: DELETE
// /api/call_center/internal_group/delete/:id. Retried.
func (s *CallCenterService) DeleteGroup(ctx context.Context, id string) error {
	return s.e.deleteByID(ctx, pathGroups+"/delete", id)
}
