package omicall

import "encoding/json"

// TicketCategory is a ticket category (topic) of GET
// /api/ticket/category/get_all, with its types and its status set. Fields
// that are null in the only example and otherwise undocumented are kept as
// raw JSON.
type TicketCategory struct {
	ID                 string          `json:"_id"`
	Name               string          `json:"name"`
	NameUnsigned       string          `json:"name_unsigned"` // the name without diacritics
	Description        string          `json:"description"`
	CreatedDate        Time            `json:"created_date"`
	LastUpdatedDate    Time            `json:"last_updated_date"`
	CreateBy           TicketUser      `json:"create_by"`
	LastUpdateBy       TicketUser      `json:"last_update_by"`
	IsDeleted          Bool            `json:"is_deleted"`
	TenantID           string          `json:"tenant_id"`
	StatusSetID        string          `json:"status_set_id"`
	DynamicAttributeID string          `json:"dynamic_attribute_id"`
	DefaultStatus      Int             `json:"default_status"` // status index a new ticket starts in
	IsNotDefault       Bool            `json:"is_not_default"`
	TypeConfig         json.RawMessage `json:"type_config"`
	HasTypeConfig      Bool            `json:"has_type_config"`
	Types              []TicketType    `json:"types"`
	ContactIDs         []string        `json:"contact_ids"`
	ContactCategoryIDs []string        `json:"contact_category_ids"`
	RoleEnable         Bool            `json:"role_enable"`
	HasDefaultValue    Bool            `json:"has_default_value"`
	Priority           TicketPriority  `json:"priority"` // default priority

	ModifyPriorityAllowed Bool `json:"modify_priority_allowed"`
	ModifyAssigneeAllowed Bool `json:"modify_assignee_allowed"`
	ModifyReporterAllowed Bool `json:"modify_reporter_allowed"`
	ModifyExpireAllowed   Bool `json:"modify_expire_allowed"`

	Reopen             json.RawMessage `json:"reopen"`
	AssigneeContactID  string          `json:"assignee_contact_id"`
	AssigneeContactIDs []string        `json:"assignee_contact_ids"`
	ReporterContactIDs []string        `json:"reporter_contact_ids"`
	Assignee           json.RawMessage `json:"assignee"`
	Reporters          json.RawMessage `json:"reporters"`

	NotifyBefore     Int              `json:"notify_before"`      // in NotifyBeforeUnit
	NotifyBeforeUnit string           `json:"notify_before_unit"` // e.g. "minute"
	NotifyType       string           `json:"notify_type"`        // e.g. "web_email"
	NotifyAt         json.RawMessage  `json:"notify_at"`
	LimitDays        Int              `json:"limit_days"`
	ProcessingTerm   Int              `json:"processing_term"`
	Duration         json.RawMessage  `json:"duration"`
	MaximumTime      TicketTimeLimit  `json:"maximum_time"`
	MinimumTime      TicketTimeLimit  `json:"minimum_time"`
	WorkList         json.RawMessage  `json:"work_list"`
	HasHideOption    Bool             `json:"has_hide_option"`
	HideOption       TicketHideOption `json:"hide_option"`
	Payment          json.RawMessage  `json:"payment"`
	// TicketStatusSet is the category's workflow (camelCase key on the
	// wire: "ticketStatusSet").
	TicketStatusSet TicketStatusSet `json:"ticketStatusSet"`
	Total           Int             `json:"total"`
}

// TicketType is a type within a ticket category; its UUID is what
// CreateTicketRequest.TypeUUID takes.
type TicketType struct {
	UUID         string          `json:"uuid"` // "0", "1", ...
	Name         string          `json:"name"`
	NameUnsigned string          `json:"name_unsigned"`
	Index        Int             `json:"index"`
	Color        string          `json:"color"`
	IsDefault    Bool            `json:"is_default"`
	DefaultData  json.RawMessage `json:"default_data"`
	UnitPrice    json.RawMessage `json:"unit_price"`
}

// TicketTimeLimit is a duration in a unit: {unit: "day"|"hour", value}.
type TicketTimeLimit struct {
	Unit  string `json:"unit"`
	Value Int    `json:"value"`
}

// TicketHideOption says when finished tickets are hidden and from whom.
type TicketHideOption struct {
	HideAfter          Int    `json:"hide_after"`
	HideAfterUnit      string `json:"hide_after_unit"` // e.g. "day"
	ApplyForAssignee   Bool   `json:"apply_for_assignee"`
	ApplyForReporter   Bool   `json:"apply_for_reporter"`
	ApplyForCreator    Bool   `json:"apply_for_creator"`
	ApplyForOtherAgent Bool   `json:"apply_for_other_agent"`
}

// TicketStatusSet is the list of statuses a category's tickets move through.
type TicketStatusSet struct {
	ID              string         `json:"_id"`
	Name            string         `json:"name"`
	NameUnsigned    string         `json:"name_unsigned"`
	TenantID        string         `json:"tenant_id"`
	CreatedDate     Time           `json:"created_date"`
	LastUpdatedDate Time           `json:"last_updated_date"`
	CreateBy        TicketUser     `json:"create_by"`
	LastUpdateBy    TicketUser     `json:"last_update_by"`
	IsDeleted       Bool           `json:"is_deleted"`
	IsNotDefault    Bool           `json:"is_not_default"`
	Status          []TicketStatus `json:"status"`
}

// TicketStatus is one status of a status set; a ticket's CurrentStatus is
// an Index.
type TicketStatus struct {
	UUID      string `json:"uuid"`
	Index     Int    `json:"index"`
	SortIndex Int    `json:"sort_index"`
	Color     string `json:"color"` // "#rrggbb"
	Name      string `json:"name"`
	Finish    Bool   `json:"finish"` // a final status
}

// StatusName returns the name of the status with index i, or "".
func (s TicketStatusSet) StatusName(i int) string {
	for _, st := range s.Status {
		if int(st.Index) == i {
			return st.Name
		}
	}
	return ""
}
