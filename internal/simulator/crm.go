package simulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// initCRM seeds the contact, ticket, AI and partner state.
func (s *Server) initCRM() {
	s.contacts.byPhoneNotes = map[string][]contactNote{}
	s.initTickets()
	s.speech.audio = map[string]ttsAudio{}
	s.initPartner()
}

// crmRoutes are the contact, ticket, AI (TTS/ASR) and partner routes.
func (s *Server) crmRoutes() []route {
	return slices.Concat(s.contactRoutes(), s.ticketRoutes(), s.speechRoutes(), s.partnerRoutes())
}

// objectID returns a 24-hex-digit id (the shape of OMICall's record ids)
// from the seeded source. s.mu is held.
func (s *Server) objectID() string {
	return fmt.Sprintf("%08x%016x", s.rng.Uint32(), s.rng.Uint64())
}

// requiredFields returns fail("<name>_is_required") for the first empty
// value (pairs of name, value), or nil. The codes follow the documented
// from_date_is_required pattern; the API documents none for these fields.
func requiredFields(pairs ...string) error {
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			return fail(pairs[i] + "_is_required")
		}
	}
	return nil
}

// listParams reads a list request: page and size from the query (default
// size 50) and the optional JSON body (keyword, filters) into body.
func listParams(r *http.Request, body any) (page, size int, err error) {
	if page, size, err = pageParams(r, 50); err != nil {
		return 0, 0, err
	}
	return page, size, readOptionalBody(r, body)
}

// readOptionalBody decodes a JSON body into v when there is one; an empty
// body leaves v as it is.
func readOptionalBody(r *http.Request, v any) error {
	err := decodeBody(r, v)
	if ae, ok := err.(*apiError); ok && ae.code == "request_body_required" {
		return nil
	}
	return err
}

// containsFold reports whether sub is in s, ignoring case.
func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
