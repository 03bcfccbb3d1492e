package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ticketsSeedOrder is when the ticket categories are seeded: after the
// history, whose draws on the seeded source come first.
const ticketsSeedOrder = historySeedOrder + 1

func init() {
	register(domain{routes: (*Server).ticketRoutes, seed: (*Server).initTickets, seedOrder: ticketsSeedOrder})
}

// ticketState holds the tickets and ticket categories.
type ticketState struct {
	categories []*ticketCategory
	list       []*ticket // newest last
	seq        int       // last unique_id handed out
}

// ticket is one stored ticket, in the JSON shape of the list items plus the
// create request's fields.
type ticket struct {
	ID               string          `json:"_id"`
	CreatedDate      int64           `json:"created_date"`
	LastUpdatedDate  int64           `json:"last_updated_date"`
	CreateBy         ticketUser      `json:"create_by"`
	LastUpdatedBy    *ticketUser     `json:"last_updated_by"`
	Priority         string          `json:"priority"`
	Name             string          `json:"name"`
	Description      string          `json:"description"`
	CurrentStatus    int             `json:"current_status"`
	IsExpired        bool            `json:"is_expired"`
	UniqueID         string          `json:"unique_id"`
	Assignee         string          `json:"assignee"`
	CreatedBy        string          `json:"created_by"`
	TicketCategoryID string          `json:"ticket_category_id"`
	TypeUUID         string          `json:"type_uuid"`
	category         *ticketCategory // not serialised
}

type ticketUser struct {
	UserName  string  `json:"user_name"`
	UserID    string  `json:"user_id"`
	ContactID *string `json:"contact_id"`
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

// initTickets seeds two categories shaped like the documented example.
func (s *Server) initTickets() {
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

func (s *Server) ticketRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/ticket/list", h: s.handleTicketList},
		{method: "POST", pattern: "/api/ticket/create", h: s.handleTicketCreate},
		{method: "POST", pattern: "/api/ticket/update_status/{id_status}", h: s.handleTicketUpdateStatus},
		{method: "GET", pattern: "/api/ticket/category/get_all", h: s.handleTicketCategories},
	}
}

// view returns a copy of t with is_expired computed. s.mu is held.
func (s *Server) ticketView(t *ticket) ticket {
	v := *t
	v.IsExpired = t.category != nil && !t.category.TicketStatusSet.Status[t.CurrentStatus].Finish &&
		s.now().After(time.UnixMilli(t.CreatedDate).Add(t.category.maxAge()))
	return v
}

// handleTicketList serves the tickets newest first. page and size are
// required query parameters, as documented.
func (s *Server) handleTicketList(r *http.Request) (any, error) {
	q := r.URL.Query()
	if q.Get("page") == "" || q.Get("size") == "" {
		return nil, failHTTP(http.StatusBadRequest, "page_and_size_are_required")
	}
	var body struct {
		Keyword string `json:"keyword"`
	}
	return servePage(s, r, listing[*ticket, ticket]{
		size: 50, body: &body, stored: &s.tickets.list, newest: true, view: s.ticketView,
		keep: func(t *ticket) bool {
			kw := strings.TrimSpace(body.Keyword)
			return kw == "" || t.UniqueID == kw || t.ID == kw || containsFold(t.Assignee, kw) || containsFold(t.CreatedBy, kw)
		},
	})
}

func (s *Server) handleTicketCreate(r *http.Request) (any, error) {
	var in struct {
		Name             string `json:"name"`
		Description      string `json:"description"`
		Priority         string `json:"priority"`
		Assignee         string `json:"assignee"`
		CreatedBy        string `json:"created_by"`
		TicketCategoryID string `json:"ticket_category_id"`
		TypeUUID         string `json:"type_uuid"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if err := requiredFields("name", in.Name, "description", in.Description, "priority", in.Priority, "assignee", in.Assignee); err != nil {
		return nil, err
	}
	if !slices.Contains([]string{"low", "medium", "high"}, in.Priority) {
		return nil, fail("priority_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cat := s.tickets.categories[0]
	if in.TicketCategoryID != "" {
		i := slices.IndexFunc(s.tickets.categories, func(c *ticketCategory) bool { return c.ID == in.TicketCategoryID })
		if i < 0 {
			return nil, fail("ticket_category_invalid")
		}
		cat = s.tickets.categories[i]
	}
	if in.TypeUUID != "" && !slices.ContainsFunc(cat.Types, func(t ticketType) bool { return t.UUID == in.TypeUUID }) {
		return nil, fail("type_uuid_invalid")
	}
	now := s.now().UnixMilli()
	s.tickets.seq++
	creator := in.CreatedBy
	if creator == "" {
		creator = "Admin"
	}
	t := &ticket{
		ID: s.objectID(), CreatedDate: now, LastUpdatedDate: now, CreateBy: ticketUser{UserName: creator},
		Priority: in.Priority, Name: in.Name, Description: in.Description, CurrentStatus: cat.DefaultStatus,
		UniqueID: strconv.Itoa(s.tickets.seq), Assignee: in.Assignee, CreatedBy: in.CreatedBy,
		TicketCategoryID: cat.ID, TypeUUID: in.TypeUUID, category: cat,
	}
	s.tickets.list = append(s.tickets.list, t)
	return s.ticketView(t), nil
}

// handleTicketUpdateStatus takes id_status as a ticket's _id (or unique_id)
// and moves the ticket to the next status of its category's status set,
// staying on the last one. The documentation leaves the parameter's meaning
// and the request body open; this is the simulator's reading.
func (s *Server) handleTicketUpdateStatus(r *http.Request) (any, error) {
	id := r.PathValue("id_status")
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.tickets.list, func(t *ticket) bool { return t.ID == id || t.UniqueID == id })
	if i < 0 {
		return nil, errNotFound
	}
	t := s.tickets.list[i]
	if t.CurrentStatus < len(t.category.TicketStatusSet.Status)-1 {
		t.CurrentStatus++
	}
	t.LastUpdatedDate = s.now().UnixMilli()
	t.LastUpdatedBy = &ticketUser{UserName: "Admin"}
	return s.ticketView(t), nil
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

// TicketCount returns how many tickets the server holds.
func (s *Server) TicketCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tickets.list)
}
