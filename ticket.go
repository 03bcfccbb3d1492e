package omicall

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// TicketService manages support tickets. Reach it as c.Tickets.
type TicketService service

// TicketPriority is the priority of a ticket.
type TicketPriority string

// The documented priorities.
const (
	TicketPriorityLow    TicketPriority = "low"
	TicketPriorityMedium TicketPriority = "medium"
	TicketPriorityHigh   TicketPriority = "high"
)

// TicketUser is a user reference of the shape {user_name, user_id,
// contact_id} (ticket categories' create_by and last_update_by). A ticket's
// create_by is documented only as an empty object and is read with this
// shape too.
type TicketUser struct {
	UserName  string `json:"user_name"`
	UserID    string `json:"user_id"`
	ContactID string `json:"contact_id"`
}

// Ticket is a support ticket: an item of POST /api/ticket/list, and the
// (undocumented) answer of create and update_status, read leniently with the
// same fields.
type Ticket struct {
	ID              string         `json:"_id"`
	UniqueID        string         `json:"unique_id"` // the human ticket number, e.g. "2188"
	Name            string         `json:"name"`      // title
	Description     string         `json:"description"`
	Priority        TicketPriority `json:"priority"`
	CurrentStatus   Int            `json:"current_status"` // index into the category's TicketStatusSet.Status
	IsExpired       Bool           `json:"is_expired"`
	CreatedDate     Time           `json:"created_date"`
	LastUpdatedDate Time           `json:"last_updated_date"`
	CreateBy        TicketUser     `json:"create_by"`
	// LastUpdatedBy is null in the only example; its shape is undocumented.
	LastUpdatedBy json.RawMessage `json:"last_updated_by"`
	// The fields below are the create request's, in case the API echoes
	// them.
	Assignee         string `json:"assignee"`
	CreatedBy        string `json:"created_by"`
	TicketCategoryID string `json:"ticket_category_id"`
	TypeUUID         string `json:"type_uuid"`
}

// ticketList requires page and size; the list helper always sends both.
var ticketList = listSpec{method: http.MethodPost, path: "/api/ticket/list"}

// List returns one page of tickets (nil opts: page 1 of DefaultPageSize);
// Keyword matches a ticket id, an assignee or a related agent. OMICall
// API: POST /api/ticket/list. Retried (read-only).
func (s *TicketService) List(ctx context.Context, opts *ListOptions) (*Page[Ticket], error) {
	return listPage[Ticket](ctx, s.e, ticketList, opts)
}

// All iterates over every ticket matching opts, page by page. OMICall API:
// POST /api/ticket/list. Retried.
func (s *TicketService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Ticket, error] {
	return listAll[Ticket](ctx, s.e, ticketList, opts)
}

// CreateTicketRequest is the body of POST /api/ticket/create.
type CreateTicketRequest struct {
	Name        string         `json:"name"`        // required
	Description string         `json:"description"` // required
	Priority    TicketPriority `json:"priority"`    // required: low, medium or high
	Assignee    string         `json:"assignee"`    // required: the assigned agent's email
	// CreatedBy is the creating agent's email; empty means the Admin.
	CreatedBy string `json:"created_by,omitempty"`
	// TicketCategoryID is a category's ID from ListCategories.
	TicketCategoryID string `json:"ticket_category_id,omitempty"`
	// TypeUUID is the UUID of one of that category's Types.
	TypeUUID string `json:"type_uuid,omitempty"`
}

// Create opens a ticket. The answer is documented only as "details of one
// ticket"; it is read leniently as a Ticket (fields the API does not send
// stay zero). OMICall API: POST /api/ticket/create. Never retried (see
// ContextWithRetry).
func (s *TicketService) Create(ctx context.Context, req *CreateTicketRequest) (*Ticket, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	err := firstErr(required("Name", req.Name), required("Description", req.Description),
		required("Priority", string(req.Priority)), required("Assignee", req.Assignee))
	if err != nil {
		return nil, err
	}
	switch req.Priority {
	case TicketPriorityLow, TicketPriorityMedium, TicketPriorityHigh:
	default:
		return nil, &ValidationError{Field: "Priority", Reason: `must be "low", "medium" or "high"`}
	}
	if !validEmail(req.Assignee) {
		return nil, &ValidationError{Field: "Assignee", Reason: "is not an email address"}
	}
	t := new(Ticket)
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/ticket/create", body: req, out: t}); err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateStatus calls POST /api/ticket/update_status/:id_status with idStatus
// in the path and no body, as documented. The documentation describes the
// path parameter only as "Id" and documents no body, so it does not say
// whether idStatus is the ticket's id or the target status, nor how the new
// status is expressed; the answer ("updated ticket details") is read
// leniently as a Ticket. Confirm the server's reading before relying on it
// (the simulator takes idStatus as the ticket's ID and moves it to the next
// status of its category). Never retried (see ContextWithRetry).
func (s *TicketService) UpdateStatus(ctx context.Context, idStatus string) (*Ticket, error) {
	if err := requiredSegment("idStatus", idStatus); err != nil {
		return nil, err
	}
	t := new(Ticket)
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/ticket/update_status/" + url.PathEscape(idStatus), out: t}); err != nil {
		return nil, err
	}
	return t, nil
}

// ListCategories returns the ticket categories (topics) with their types and
// status sets. OMICall API: GET /api/ticket/category/get_all. Retried.
func (s *TicketService) ListCategories(ctx context.Context) ([]TicketCategory, error) {
	var out []TicketCategory
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/ticket/category/get_all", out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}
