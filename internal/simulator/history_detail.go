package simulator

import (
	"net/http"
	"slices"
)

func init() { register(domain{routes: (*Server).historyDetailRoutes}) }

// historyDetailRoutes read and change one call: by id in the path, by
// transactionId (v2, docs/api.md §18.1) and by call_uuid.
func (s *Server) historyDetailRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_transaction/detail/{transaction_id}", h: s.handleHistoryDetail},
		{method: "POST", pattern: "/api/call_transaction/change/{transaction_id}", h: s.handleHistoryChange},
		{method: "PATCH", pattern: "/api/call_transaction/change/{transaction_id}", h: s.handleHistoryChange},
		{method: "GET", pattern: "/api/v2/callTransaction/getByTransactionId", h: s.handleGetByTransactionID},
		{method: "POST", pattern: "/api/v2/callTransaction/getByTransactionId", h: s.handleGetByTransactionID},
		{method: "GET", pattern: "/api/call/transaction/detail", h: s.handleDetailByCallUUID},
	}
}

func (s *Server) handleHistoryDetail(r *http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[r.PathValue("transaction_id")]
	if !ok {
		return nil, errNotFound
	}
	return copyRecord(rec), nil
}

func (s *Server) handleHistoryChange(r *http.Request) (any, error) {
	var in struct {
		Tag  *[]string `json:"tag"`
		Note *string   `json:"note"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[r.PathValue("transaction_id")]
	if !ok {
		return nil, errNotFound
	}
	// Records are copied into answers outside the lock's reach, so every
	// change replaces slices and pointers instead of writing into them.
	users := slices.Clone(rec.User)
	if in.Tag != nil {
		rec.Tag = append([]string{}, *in.Tag...)
		objs := make([]nameObj, len(rec.Tag))
		for i, t := range rec.Tag {
			objs[i] = nameObj{Name: t}
		}
		for i := range users {
			users[i].Tag = objs
		}
	}
	if in.Note != nil {
		note := *in.Note
		rec.Note = &note
		for i := range users {
			users[i].Note = note
		}
	}
	rec.User = users
	rec.LastUpdatedDate = s.now().UnixMilli()
	return copyRecord(rec), nil
}

// handleGetByTransactionID serves /api/v2/callTransaction/getByTransactionId
// both ways integrators call it: GET with ?transactionId= and POST with
// {"transactionId": ...}.
func (s *Server) handleGetByTransactionID(r *http.Request) (any, error) {
	id := r.URL.Query().Get("transactionId")
	if r.Method == http.MethodPost {
		var in struct {
			TransactionID string `json:"transactionId"`
		}
		if err := decodeBody(r, &in); err != nil {
			return nil, err
		}
		id = in.TransactionID
	}
	return s.record2026ByID(id)
}

// handleDetailByCallUUID serves GET /api/call/transaction/detail?call_uuid=.
func (s *Server) handleDetailByCallUUID(r *http.Request) (any, error) {
	return s.record2026ByID(r.URL.Query().Get("call_uuid"))
}

func (s *Server) record2026ByID(id string) (any, error) {
	if id == "" {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[id]
	if !ok {
		return nil, fail("resource_not_found")
	}
	return s.record2026(rec), nil
}
