package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).ticketRoutes}) }

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

func (s *Server) ticketRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/ticket/list", h: s.handleTicketList},
		{method: "POST", pattern: "/api/ticket/create", h: s.handleTicketCreate},
		{method: "POST", pattern: "/api/ticket/update_status/{id_status}", h: s.handleTicketUpdateStatus},
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

// TicketCount returns how many tickets the server holds.
func (s *Server) TicketCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.tickets.list)
}
