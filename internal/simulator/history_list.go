package simulator

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

func init() { register(domain{routes: (*Server).historyRoutes}) }

// historyRoutes are the call-history list, detail, change and report.
func (s *Server) historyRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_transaction/list", h: s.handleHistoryList},
		{method: "GET", pattern: "/api/call_transaction/detail/{transaction_id}", h: s.handleHistoryDetail},
		{method: "POST", pattern: "/api/call_transaction/change/{transaction_id}", h: s.handleHistoryChange},
		{method: "GET", pattern: "/api/call_transaction/report", h: s.handleHistoryReport},
	}
}

// callFilter selects call records; an empty field selects everything.
type callFilter struct {
	agents, userUUIDs, directions, dispositions, numbers, queues, tags []string

	autoCall *bool
	keyword  string
	sipUser  string
}

// active reports whether f leaves any record out.
func (f *callFilter) active() bool {
	return len(f.agents)+len(f.userUUIDs)+len(f.directions)+len(f.dispositions)+len(f.numbers)+
		len(f.queues)+len(f.tags) > 0 || f.autoCall != nil || f.keyword != "" || f.sipUser != ""
}

func (f *callFilter) match(rec *callRecord) bool {
	in := func(set []string, v string) bool { return len(set) == 0 || slices.Contains(set, v) }
	switch {
	case !in(f.agents, rec.agentEmail), !in(f.userUUIDs, rec.CreateBy.UUID),
		!in(f.directions, rec.Direction), !in(f.dispositions, rec.Disposition),
		!in(f.numbers, rec.Hotline), !in(f.queues, rec.queue),
		f.sipUser != "" && rec.SIPUser != f.sipUser,
		f.autoCall != nil && rec.IsAutoCall != *f.autoCall:
		return false
	}
	if len(f.tags) > 0 && !slices.ContainsFunc(rec.Tag, func(t string) bool { return slices.Contains(f.tags, t) }) {
		return false
	}
	if f.keyword != "" {
		k := strings.ToLower(f.keyword)
		note := ""
		if rec.Note != nil {
			note = *rec.Note
		}
		hay := []string{rec.SourceNumber, rec.DestinationNumber, rec.Customer.FullName, rec.Customer.FullNameUnsigned, note}
		return slices.ContainsFunc(hay, func(h string) bool { return strings.Contains(strings.ToLower(h), k) })
	}
	return true
}

// queryDates reads from_date and to_date (Unix ms, both inclusive) the way
// the call-history API checks them: each required, integers, from <= to,
// and, when limit is set, at most 30 days apart.
func queryDates(q url.Values, limit bool) (from, to int64, err error) {
	fromRaw, toRaw := q.Get("from_date"), q.Get("to_date")
	switch {
	case fromRaw == "":
		return 0, 0, fail("from_date_is_required")
	case toRaw == "":
		return 0, 0, fail("to_date_is_required")
	}
	from, err1 := strconv.ParseInt(fromRaw, 10, 64)
	to, err2 := strconv.ParseInt(toRaw, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, 0, fail("date_invalid")
	}
	return from, to, checkDates(from, to, limit)
}

// checkDates applies the date rules to Unix ms bounds.
func checkDates(from, to int64, limit bool) error {
	switch {
	case from <= 0:
		return fail("from_date_is_required")
	case to <= 0:
		return fail("to_date_is_required")
	case from > to:
		return fail("date_invalid")
	case limit && to-from > maxHistoryRangeMs:
		return fail("date_is_too_long")
	}
	return nil
}

// queryBool reads an optional true/false query parameter.
func queryBool(q url.Values, key string) (*bool, error) {
	raw := q.Get(key)
	if raw == "" || raw == "null" {
		return nil, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return nil, failHTTP(http.StatusBadRequest, key+"_invalid")
	}
	return &v, nil
}

// copyRecord is the list and detail view of a record: a copy.
func copyRecord(rec *callRecord) callRecord { return *rec }

func (s *Server) handleHistoryList(r *http.Request) (any, error) {
	q := r.URL.Query()
	from, to, err := queryDates(q, true)
	if err != nil {
		return nil, err
	}
	page, size, err := pageParams(r, historyPageSize)
	if err != nil {
		return nil, err
	}
	auto, err := queryBool(q, "is_auto_call")
	if err != nil {
		return nil, err
	}
	f := callFilter{
		agents: q["agents"], userUUIDs: q["user_uuids"], directions: q["direction"], numbers: q["sip_numbers"],
		queues: q["queue_destination"], autoCall: auto, keyword: q.Get("keyword"), sipUser: q.Get("sip_user"),
	}
	if d := q.Get("disposition"); d != "" {
		f.dispositions = []string{d}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.takeListQuota(); err != nil {
		return nil, err
	}
	return pageOf(s.history.between(from, to), keepOf(&f), false, page, size, copyRecord), nil
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

// report is the payload of GET /api/call_transaction/report.
type report struct {
	ByDirection   []reportDirection   `json:"categorized_by_direction"`
	ByDisposition []reportDisposition `json:"categorized_by_disposition"`
	Local         reportLocal         `json:"categorized_by_local_direction"`
}

type reportDirection struct {
	ID         string `json:"_id"`
	TotalCount int    `json:"total_count"`
	TotalTime  int    `json:"total_time"` // seconds billed
}

type reportDisposition struct {
	ID            string `json:"_id"`
	TotalCount    int    `json:"total_count"`
	TotalOutbound int    `json:"total_outbound"`
	TotalInbound  int    `json:"total_inbound"`
}

type reportLocal struct {
	TotalCall       int  `json:"total_call"`
	TotalCallAnswer *int `json:"total_call_answer"` // null when no internal call was answered, as in the vendor's example
}

func (s *Server) handleHistoryReport(r *http.Request) (any, error) {
	q := r.URL.Query()
	from, to, err := queryDates(q, false)
	if err != nil {
		return nil, err
	}
	f := callFilter{numbers: q["numbers"], agents: q["agents"], sipUser: q.Get("sip_user")}
	s.mu.Lock()
	defer s.mu.Unlock()
	rep := report{
		ByDirection:   []reportDirection{{ID: "inbound"}, {ID: "outbound"}},
		ByDisposition: []reportDisposition{{ID: "cancelled"}, {ID: "answered"}},
	}
	answeredLocal := 0
	for _, rec := range s.history.between(from, to) {
		if !f.match(rec) {
			continue
		}
		if rec.Direction == "local" {
			rep.Local.TotalCall++
			if rec.Disposition == "answered" {
				answeredLocal++
			}
			continue
		}
		dir := &rep.ByDirection[0]
		if rec.Direction == "outbound" {
			dir = &rep.ByDirection[1]
		}
		dir.TotalCount++
		dir.TotalTime += rec.BillSec
		disp := &rep.ByDisposition[0]
		if rec.Disposition == "answered" {
			disp = &rep.ByDisposition[1]
		}
		disp.TotalCount++
		if rec.Direction == "outbound" {
			disp.TotalOutbound++
		} else {
			disp.TotalInbound++
		}
	}
	if answeredLocal > 0 {
		rep.Local.TotalCallAnswer = &answeredLocal
	}
	return rep, nil
}
