package simulator

import (
	"net/http"
	"strconv"
	"time"
)

// Ticket categories: the kinds of tickets, each with its types, its status
// set and its time limits.

// ticketCategoriesSeedOrder is when the ticket categories are seeded: after the
// history, whose draws on the seeded source come first.
const ticketCategoriesSeedOrder = historySeedOrder + 1

func init() {
	register(domain{routes: (*Server).ticketCategoryRoutes, seed: (*Server).initTicketCategories, seedOrder: ticketCategoriesSeedOrder})
}

func (s *Server) ticketCategoryRoutes() []route {
	return []route{{method: "GET", pattern: "/api/ticket/category/get_all", h: s.handleTicketCategories}}
}

// ticketCategory has the shape of GET /api/ticket/category/get_all items.
type ticketCategory struct {
	ID                    string          `json:"_id"`
	CreatedDate           int64           `json:"created_date"`
	LastUpdatedDate       int64           `json:"last_updated_date"`
	CreateBy              ticketUser      `json:"create_by"`
	LastUpdateBy          ticketUser      `json:"last_update_by"`
	IsDeleted             bool            `json:"is_deleted"`
	StatusSetID           string          `json:"status_set_id"`
	DynamicAttributeID    string          `json:"dynamic_attribute_id"`
	DefaultStatus         int             `json:"default_status"`
	TenantID              string          `json:"tenant_id"`
	Name                  string          `json:"name"`
	NameUnsigned          string          `json:"name_unsigned"`
	IsNotDefault          bool            `json:"is_not_default"`
	TypeConfig            any             `json:"type_config"`
	HasTypeConfig         bool            `json:"has_type_config"`
	Types                 []ticketType    `json:"types"`
	ContactIDs            []string        `json:"contact_ids"`
	ContactCategoryIDs    []string        `json:"contact_category_ids"`
	RoleEnable            bool            `json:"role_enable"`
	HasDefaultValue       bool            `json:"has_default_value"`
	Priority              string          `json:"priority"`
	ModifyPriorityAllowed bool            `json:"modify_priority_allowed"`
	ModifyAssigneeAllowed bool            `json:"modify_assignee_allowed"`
	ModifyReporterAllowed bool            `json:"modify_reporter_allowed"`
	ModifyExpireAllowed   bool            `json:"modify_expire_allowed"`
	Reopen                any             `json:"reopen"`
	AssigneeContactID     *string         `json:"assignee_contact_id"`
	AssigneeContactIDs    []string        `json:"assignee_contact_ids"`
	ReporterContactIDs    []string        `json:"reporter_contact_ids"`
	Assignee              any             `json:"assignee"`
	Reporters             any             `json:"reporters"`
	NotifyBefore          int             `json:"notify_before"`
	NotifyBeforeUnit      string          `json:"notify_before_unit"`
	NotifyType            string          `json:"notify_type"`
	NotifyAt              any             `json:"notify_at"`
	LimitDays             int             `json:"limit_days"`
	ProcessingTerm        int             `json:"processing_term"`
	Duration              any             `json:"duration"`
	MaximumTime           timeLimit       `json:"maximum_time"`
	MinimumTime           timeLimit       `json:"minimum_time"`
	Description           *string         `json:"description"`
	WorkList              []any           `json:"work_list"`
	HasHideOption         bool            `json:"has_hide_option"`
	HideOption            hideOption      `json:"hide_option"`
	Payment               any             `json:"payment"`
	TicketStatusSet       ticketStatusSet `json:"ticketStatusSet"`
	Total                 int             `json:"total"`
}

type ticketType struct {
	UUID         string  `json:"uuid"`
	Name         string  `json:"name"`
	NameUnsigned string  `json:"name_unsigned"`
	Index        int     `json:"index"`
	Color        *string `json:"color"`
	IsDefault    bool    `json:"is_default"`
	DefaultData  any     `json:"default_data"`
	UnitPrice    any     `json:"unit_price"`
}

type timeLimit struct {
	Unit  string `json:"unit"`
	Value int    `json:"value"`
}

type hideOption struct {
	HideAfter          *int   `json:"hide_after"`
	HideAfterUnit      string `json:"hide_after_unit"`
	ApplyForAssignee   bool   `json:"apply_for_assignee"`
	ApplyForReporter   bool   `json:"apply_for_reporter"`
	ApplyForCreator    bool   `json:"apply_for_creator"`
	ApplyForOtherAgent bool   `json:"apply_for_other_agent"`
}

type ticketStatusSet struct {
	ID              string         `json:"_id"`
	CreatedDate     int64          `json:"created_date"`
	LastUpdatedDate int64          `json:"last_updated_date"`
	CreateBy        ticketUser     `json:"create_by"`
	LastUpdateBy    *ticketUser    `json:"last_update_by"`
	IsDeleted       bool           `json:"is_deleted"`
	Name            string         `json:"name"`
	NameUnsigned    *string        `json:"name_unsigned"`
	TenantID        string         `json:"tenant_id"`
	Status          []ticketStatus `json:"status"`
	IsNotDefault    bool           `json:"is_not_default"`
}

type ticketStatus struct {
	UUID      *string `json:"uuid"`
	Index     int     `json:"index"`
	SortIndex int     `json:"sort_index"`
	Color     string  `json:"color"`
	Name      string  `json:"name"`
	Finish    bool    `json:"finish"`
}

// maxAge is the category's maximum_time as a duration.
func (c *ticketCategory) maxAge() time.Duration {
	unit := 24 * time.Hour
	if c.MaximumTime.Unit == "hour" {
		unit = time.Hour
	}
	return time.Duration(c.MaximumTime.Value) * unit
}

// initTicketCategories seeds two categories shaped like the documented example.
func (s *Server) initTicketCategories() {
	created := time.Date(2024, 2, 14, 3, 16, 21, 0, time.UTC).UnixMilli()
	tenantID := s.objectID()
	owner := ticketUser{UserName: s.cfg.tenant.FullName, UserID: s.objectID()}
	statuses := []ticketStatus{
		{Index: 0, SortIndex: 0, Color: "#4ca750", Name: "Mới tạo"},
		{Index: 1, SortIndex: 1, Color: "#267aff", Name: "Đang xử lý"},
		{Index: 2, SortIndex: 2, Color: "#57bfdb", Name: "Từ chối"},
		{Index: 3, SortIndex: 3, Color: "#2d4563", Name: "Đã hoàn thành"},
		{Index: 4, SortIndex: 4, Color: "#fea220", Name: "Đóng", Finish: true},
	}
	for _, c := range []struct {
		name, unsigned string
		types          []string
		max, min       timeLimit
	}{
		{"Công việc", "Cong viec", []string{"Cá nhân", "Tư vấn", "Báo giá", "Chăm sóc"}, timeLimit{"day", 30}, timeLimit{"hour", 6}},
		{"Khiếu nại", "Khieu nai", []string{"Dịch vụ", "Sản phẩm"}, timeLimit{"day", 7}, timeLimit{"hour", 2}},
	} {
		setID := s.objectID()
		cat := &ticketCategory{
			ID: s.objectID(), CreatedDate: created, LastUpdatedDate: created, CreateBy: owner, LastUpdateBy: owner,
			StatusSetID: setID, DynamicAttributeID: s.objectID(), TenantID: tenantID,
			Name: c.name, NameUnsigned: c.unsigned, IsNotDefault: true, HasDefaultValue: true, Priority: "medium",
			ModifyPriorityAllowed: true, ModifyAssigneeAllowed: true, ModifyReporterAllowed: true, ModifyExpireAllowed: true,
			NotifyBefore: 15, NotifyBeforeUnit: "minute", NotifyType: "web_email", LimitDays: c.max.Value, ProcessingTerm: 7,
			MaximumTime: c.max, MinimumTime: c.min, WorkList: []any{}, HideOption: hideOption{HideAfterUnit: "day"},
			TicketStatusSet: ticketStatusSet{ID: setID, CreatedDate: created, LastUpdatedDate: created, CreateBy: owner,
				Name: c.name, TenantID: tenantID, Status: statuses, IsNotDefault: true},
			Total: len(c.types),
		}
		for i, name := range c.types {
			cat.Types = append(cat.Types, ticketType{UUID: strconv.Itoa(i), Name: name, NameUnsigned: name, Index: i})
		}
		s.tickets.categories = append(s.tickets.categories, cat)
	}
}

func (s *Server) handleTicketCategories(*http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ticketCategory, len(s.tickets.categories))
	for i, c := range s.tickets.categories {
		out[i] = *c
	}
	return out, nil
}
