package omicall

import (
	"context"
	"fmt"
	"net/http"
)

// ContactNote is one note interaction for POST /api/contacts/add-note.
type ContactNote struct {
	NoteBy  string `json:"note_by,omitempty"` // the author agent's email
	Content string `json:"content"`           // required
	Phone   string `json:"phone"`             // required: the customer's phone number
}

// CreateNotes records note interactions on customers (found by phone) and
// returns how many the API accepted. Every note is checked first; an invalid
// one is named by index (e.g. "notes[2].Phone") and nothing is sent. OMICall
// API: POST /api/contacts/add-note. Never retried (see ContextWithRetry).
func (s *ContactService) CreateNotes(ctx context.Context, notes []ContactNote) (int, error) {
	if len(notes) == 0 {
		return 0, &ValidationError{Field: "notes", Reason: "must not be empty"}
	}
	for i, n := range notes {
		if err := firstErr(required(fmt.Sprintf("notes[%d].Content", i), n.Content),
			required(fmt.Sprintf("notes[%d].Phone", i), n.Phone)); err != nil {
			return 0, err
		}
	}
	var count Int
	if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/contacts/add-note", body: notes, out: &count}); err != nil {
		return 0, err
	}
	return int(count), nil
}
