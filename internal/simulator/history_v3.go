package simulator

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).v3Routes}) }

// v2FreezeMs is when the v2 search stopped being updated: 01/04/2026 in
// Vietnam time (REFERENCE §18.1). The simulated v2 search serves no record
// created after it.
var v2FreezeMs = time.Date(2026, 4, 1, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600)).UnixMilli()

// maxV3PageSize is the largest page of the v3 search.
const maxV3PageSize = 50

// v3Routes are the 2026 call-history endpoints (REFERENCE §18.2) and the
// v2 ones still reachable (§18.1, Appendix B).
func (s *Server) v3Routes() []route {
	return []route{
		{method: "POST", pattern: "/api/v3/call-transaction/search", auth: authAPIKey, h: s.handleV3Search},
		{method: "GET", pattern: "/api/v3/call-transaction/report", auth: authAPIKey, h: s.handleV3Report},
		{method: "GET", pattern: "/api/v3/call-transaction/evaluation-criteria/list", auth: authAPIKey, h: s.handleEvaluationCriteria},
		{method: "POST", pattern: "/api/v3/call-transaction/add-evaluation", auth: authAPIKey, h: s.handleV3AddEvaluation},
		{method: "POST", pattern: "/api/v2/callTransaction/search", h: s.handleV2Search},
		{method: "GET", pattern: "/api/v2/callTransaction/getByTransactionId", h: s.handleGetByTransactionID},
		{method: "POST", pattern: "/api/v2/callTransaction/getByTransactionId", h: s.handleGetByTransactionID},
		{method: "GET", pattern: "/api/call/transaction/detail", h: s.handleDetailByCallUUID},
		{method: "PATCH", pattern: "/api/call_transaction/change/{transaction_id}", h: s.handleHistoryChange},
	}
}

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

// handleV3Report serves GET /api/v3/call-transaction/report with the shape
// REFERENCE §18.2 describes (weak evidence): counts by direction and by
// answered/unanswered, per day. Range at most 12 months.
func (s *Server) handleV3Report(r *http.Request) (any, error) {
	q := r.URL.Query()
	if q.Get("from_date") == "" { // the v3 names, as the SDK guesses them
		q.Set("from_date", q.Get("fromDate"))
		q.Set("to_date", q.Get("toDate"))
	}
	from, to, err := queryDates(q, false)
	if err != nil {
		return nil, err
	}
	if to-from > 366*24*3600*1000 {
		return nil, fail("date_is_too_long")
	}
	type day struct {
		Date       string `json:"date"`
		Inbound    int    `json:"inbound"`
		Outbound   int    `json:"outbound"`
		Local      int    `json:"local"`
		Answered   int    `json:"answered"`
		Unanswered int    `json:"unanswered"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var days []day
	for _, rec := range s.history.between(from, to) {
		d := time.UnixMilli(rec.CreatedDate).In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)
		if len(days) == 0 || days[len(days)-1].Date != d {
			days = append(days, day{Date: d})
		}
		cur := &days[len(days)-1]
		switch rec.Direction {
		case "inbound":
			cur.Inbound++
		case "outbound":
			cur.Outbound++
		default:
			cur.Local++
		}
		if rec.Disposition == "answered" {
			cur.Answered++
		} else {
			cur.Unanswered++
		}
	}
	return map[string]any{"by_day": days}, nil
}

// handleV3AddEvaluation serves POST /api/v3/call-transaction/add-evaluation.
func (s *Server) handleV3AddEvaluation(r *http.Request) (any, error) {
	var in struct {
		TransactionID string `json:"transactionId"`
		AgentID       string `json:"agentId"`
		Evaluation    struct {
			Comment string `json:"comment"`
			Values  []struct {
				CriteriaID string   `json:"criteria_id"`
				Point      *float64 `json:"point"`
			} `json:"values"`
		} `json:"evaluation"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.TransactionID == "" || in.AgentID == "" || len(in.Evaluation.Values) == 0 {
		return nil, fail("data_is_required")
	}
	vals := map[string]any{"comment": in.Evaluation.Comment}
	for _, v := range in.Evaluation.Values {
		if v.Point == nil || !slices.ContainsFunc(evaluationCriteria, func(c criterion) bool { return c.ID == v.CriteriaID }) {
			return nil, failHTTP(http.StatusBadRequest, "evaluation_invalid")
		}
		vals[v.CriteriaID] = *v.Point
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[in.TransactionID]
	if !ok {
		return nil, fail("resource_not_found")
	}
	ev := evaluation{UserUUID: in.AgentID, Evaluation: vals, CreatedAt: s.now().UnixMilli()}
	rec.Evaluations = append(slices.Clip(rec.Evaluations), ev)
	rec.TotalEvaluate = &evalTotal{Count: len(rec.Evaluations)}
	return nil, nil
}
