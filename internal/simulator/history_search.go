package simulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).historySearchRoutes}) }

// historySearchRoutes are the searches of the call history by a filter
// body: the camelCase search, the v3 search (docs/api.md §18.2) and the
// frozen v2 search (§18.1, Appendix B).
func (s *Server) historySearchRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/call_transaction/search", auth: authAPIKey, h: s.handleHistorySearch},
		{method: "POST", pattern: "/api/v3/call-transaction/search", auth: authAPIKey, h: s.handleV3Search},
		{method: "POST", pattern: "/api/v2/callTransaction/search", h: s.handleV2Search},
	}
}

func (s *Server) handleHistorySearch(r *http.Request) (any, error) {
	var in struct {
		UserUUIDs   []string `json:"user_uuids"`
		FromDate    int64    `json:"from_date"`
		ToDate      int64    `json:"to_date"`
		Direction   []string `json:"direction"`
		Disposition []string `json:"disposition"`
		Tags        []string `json:"tags"` // tag ids; the simulator's tag ids are their names
		Numbers     []string `json:"numbers"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.UserUUIDs) == 0 {
		return nil, fail("user_uuids_is_required")
	}
	if err := checkDates(in.FromDate, in.ToDate, false); err != nil {
		return nil, err
	}
	page, size, err := pageParams(r, historyPageSize)
	if err != nil {
		return nil, err
	}
	f := callFilter{userUUIDs: in.UserUUIDs, directions: in.Direction, dispositions: in.Disposition,
		tags: in.Tags, numbers: in.Numbers}
	s.mu.Lock()
	defer s.mu.Unlock()
	recs := s.history.between(in.FromDate, in.ToDate)
	return pageOf(recs, keepOf(&f), false, page, min(size, maxSearchPageSize), searchView).camel(), nil
}

// maxSearchPageSize is the largest page of POST /api/call_transaction/search.
const maxSearchPageSize = 50

// v2FreezeMs is when the v2 search stopped being updated: 01/04/2026 in
// Vietnam time (docs/api.md §18.1). The simulated v2 search serves no record
// created after it.
var v2FreezeMs = time.Date(2026, 4, 1, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600)).UnixMilli()

// maxV3PageSize is the largest page of the v3 search.
const maxV3PageSize = 50

// v3Filter is the filter of the v3 search (and, camelCase too, of the
// frozen v2 search).
type v3Filter struct {
	FromDate       int64    `json:"fromDate"`
	ToDate         int64    `json:"toDate"`
	Directions     []string `json:"directions"`
	SIPUsers       []string `json:"sipUsers"`
	AgentIDs       []string `json:"agentIds"`
	IsAnswer       *bool    `json:"isAnswer"`
	Keyword        string   `json:"keyword"`
	PhoneNumbers   []string `json:"phoneNumbers"`
	TransactionIDs []string `json:"transactionIds"`
}

// active reports whether f leaves any record of its range out.
func (f *v3Filter) active() bool {
	return len(f.Directions)+len(f.SIPUsers)+len(f.AgentIDs)+len(f.PhoneNumbers)+len(f.TransactionIDs) > 0 ||
		f.IsAnswer != nil || f.Keyword != ""
}

func (f *v3Filter) match(rec *callRecord) bool {
	in := func(set []string, v string) bool { return len(set) == 0 || slices.Contains(set, v) }
	switch {
	case !in(f.Directions, rec.Direction), !in(f.SIPUsers, rec.SIPUser), !in(f.AgentIDs, rec.CreateBy.ID),
		!in(f.PhoneNumbers, rec.PhoneNumber), !in(f.TransactionIDs, rec.TransactionID),
		f.IsAnswer != nil && *f.IsAnswer != (rec.Disposition == "answered"):
		return false
	}
	if f.Keyword != "" {
		k := strings.ToLower(f.Keyword)
		hay := []string{rec.PhoneNumber, rec.SourceNumber, rec.DestinationNumber, rec.Customer.FullNameUnsigned, rec.SIPUser}
		return slices.ContainsFunc(hay, func(h string) bool { return strings.Contains(strings.ToLower(h), k) })
	}
	return true
}

// handleV3Search serves POST /api/v3/call-transaction/search: the filter
// and sort of the body, page and size (at most 50) in the query, the page
// in snake_case, and HTTP 204 when the page is empty.
func (s *Server) handleV3Search(r *http.Request) (any, error) {
	var in struct {
		Filter v3Filter `json:"filter"`
		Sort   struct {
			Field string `json:"field"`
			IsAsc bool   `json:"isAsc"`
		} `json:"sort"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if err := checkDates(in.Filter.FromDate, in.Filter.ToDate, false); err != nil {
		return nil, err
	}
	page, size, err := pageParams(r, maxV3PageSize)
	if err != nil {
		return nil, err
	}
	if size > maxV3PageSize {
		return nil, failHTTP(http.StatusBadRequest, "size_invalid")
	}
	switch in.Sort.Field {
	case "", "created_date", "time_start_call": // the history is in created_date order, which is time_start_call order
	default:
		return nil, failHTTP(http.StatusBadRequest, "sort_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.history.v3Quota.take(s.now(), "rate_limit_exceeded"); err != nil {
		return nil, err
	}
	recs := s.history.between(in.Filter.FromDate, in.Filter.ToDate)
	p := pageOf(recs, keepOf(&in.Filter), !in.Sort.IsAsc, page, size, s.record2026)
	if p.TotalItems == 0 || len(p.Items.([]record2026)) == 0 {
		return binaryBody{status: http.StatusNoContent}, nil
	}
	return p, nil
}

// handleV2Search serves the frozen POST /api/v2/callTransaction/search:
// the v3 filter keys at the top level of the body, camelCase paging, and
// only the records created before the freeze.
func (s *Server) handleV2Search(r *http.Request) (any, error) {
	var in v3Filter
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if err := checkDates(in.FromDate, in.ToDate, false); err != nil {
		return nil, err
	}
	page, size, err := pageParams(r, maxV3PageSize)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	to := min(in.ToDate, v2FreezeMs-1)
	var recs []*callRecord
	if in.FromDate <= to {
		recs = s.history.between(in.FromDate, to)
	}
	return pageOf(recs, keepOf(&in), true, page, min(size, maxV3PageSize), s.record2026).camel(), nil
}
