package simulator

import "net/http"

// Notes on customers, kept by phone number.

func init() { register(domain{routes: (*Server).contactNoteRoutes}) }

func (s *Server) contactNoteRoutes() []route {
	return []route{{method: "POST", pattern: "/api/contacts/add-note", h: s.handleContactAddNote}}
}

type contactNote struct {
	NoteBy  string `json:"note_by"`
	Content string `json:"content"`
	Phone   string `json:"phone"`
	Created int64  `json:"created_date"`
}

func (s *Server) handleContactAddNote(r *http.Request) (any, error) {
	var notes []contactNote
	if err := decodeBody(r, &notes); err != nil {
		return nil, err
	}
	if len(notes) == 0 {
		return nil, fail("request_body_required")
	}
	for _, n := range notes {
		if err := requiredFields("content", n.Content, "phone", n.Phone); err != nil {
			return nil, err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UnixMilli()
	for _, n := range notes {
		n.Created = now
		s.contacts.byPhoneNotes[n.Phone] = append(s.contacts.byPhoneNotes[n.Phone], n)
	}
	return len(notes), nil
}

// ContactNotes returns the contents of the notes added for a phone number,
// oldest first.
func (s *Server) ContactNotes(phone string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, n := range s.contacts.byPhoneNotes[phone] {
		out = append(out, n.Content)
	}
	return out
}
