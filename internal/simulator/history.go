package simulator

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxHistoryRangeMs is the longest from_date..to_date range of
// GET /api/call_transaction/list: 30 days (date_is_too_long beyond).
const maxHistoryRangeMs = int64(30 * 24 * time.Hour / time.Millisecond)

// historyPageSize is the default page size of the call-history endpoints.
const historyPageSize = 50

// maxSearchPageSize is the largest page of POST /api/call_transaction/search.
const maxSearchPageSize = 50

// The agents, queues, customers, notes and tags the seeded history draws on.
var (
	historyExtensions = []string{"100", "101", "102", "103", "104", "105", "106", "107"}
	historyQueues     = []string{"8001", "8002", "8003"}
	historyNotes      = []string{"Khách hẹn gọi lại", "Đã chốt đơn", "Cần hỗ trợ kỹ thuật", "Hỏi giá sản phẩm"}
	historyTags       = [][]string{{"vip"}, {"callback"}, {"complaint", "vip"}, {"sale"}}
)

// historyCustomers is how many distinct customer numbers the seeded history
// uses (customers call more than once).
const historyCustomers = 2000

// historyAgentUUID is the third-party user id of the agent on ext.
func historyAgentUUID(ext string) string { return "user-" + ext }

// historyAgentEmail is the email of the agent on ext.
func historyAgentEmail(ext string) string { return "agent" + ext + "@demo.example" }

// initHistory seeds cfg.historySize calls spread evenly at random over
// cfg.historySpan, ending at cfg.historyEnd (zero: now). Call i falls in the
// i-th of historySize equal slots, so the records are made in created_date
// order and need no sorting. Every choice comes from the seeded source.
func (s *Server) initHistory() {
	n := s.cfg.historySize
	if n <= 0 {
		return
	}
	end := s.cfg.historyEnd
	if end.IsZero() {
		end = s.now()
	}
	spanMs := max(s.cfg.historySpan.Milliseconds(), 1)
	startMs := end.UnixMilli() - spanMs
	hotlines := s.hotlines()
	if len(hotlines) == 0 {
		hotlines = []string{"842899990001"}
	}
	phones := make([]string, historyCustomers)
	for i := range phones {
		phones[i] = "09" + strconv.FormatInt(10_000_000+s.rng.Int64N(90_000_000), 10)
	}
	recs := make([]callRecord, n)
	s.history.recs = make([]*callRecord, n)
	s.history.byID = make(map[string]*callRecord, n)
	for i := range recs {
		lo := startMs + int64(i)*spanMs/int64(n)
		hi := startMs + int64(i+1)*spanMs/int64(n)
		at := time.UnixMilli(lo + s.rng.Int64N(max(hi-lo, 1)))
		ext := historyExtensions[s.rng.IntN(len(historyExtensions))]
		hotline := hotlines[s.rng.IntN(len(hotlines))]
		phone := phones[s.rng.IntN(len(phones))]
		dir := "outbound"
		switch d := s.rng.IntN(100); {
		case d >= 90:
			dir = "local"
			phone = historyExtensions[s.rng.IntN(len(historyExtensions))]
		case d >= 45:
			dir = "inbound"
		}
		rec := &recs[i]
		s.fillCallRecord(rec, at, dir, ext, hotline, phone)
		switch {
		case dir == "inbound":
			rec.queue = historyQueues[s.rng.IntN(len(historyQueues))]
		case dir == "outbound" && s.rng.IntN(100) < 8:
			rec.IsAutoCall = true
		}
		if s.rng.IntN(100) < 20 {
			k := s.rng.IntN(len(historyNotes))
			note := historyNotes[k]
			rec.Note, rec.Tag = &note, historyTags[k]
		}
		s.history.recs[i] = rec
		s.history.byID[rec.TransactionID] = rec
	}
}

func (s *Server) historyRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_transaction/list", h: s.handleHistoryList},
		{method: "GET", pattern: "/api/call_transaction/detail/{transaction_id}", h: s.handleHistoryDetail},
		{method: "POST", pattern: "/api/call_transaction/change/{transaction_id}", h: s.handleHistoryChange},
		{method: "GET", pattern: "/api/call_transaction/report", h: s.handleHistoryReport},
		{method: "POST", pattern: "/api/call_transaction/search", auth: authAPIKey, h: s.handleHistorySearch},
		{method: "GET", pattern: "/api/evaluation_criteria/call/list", h: s.handleEvaluationCriteria},
		{method: "POST", pattern: "/api/call_transaction/add_evaluation/{transaction_id}", h: s.handleAddEvaluation},
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

// pageOf returns page number page of the records in recs that f selects,
// each turned into its JSON view while s.mu is held (so that no answer
// shares a record with a later change).
func pageOf[V any](recs []*callRecord, f *callFilter, page, size int, view func(*callRecord) V) pageA {
	lo := (page - 1) * size
	items := make([]V, 0, min(size, max(len(recs)-lo, 0)))
	total := len(recs)
	if f.active() {
		total = 0
		for _, rec := range recs {
			if f.match(rec) {
				if total >= lo && total < lo+size {
					items = append(items, view(rec))
				}
				total++
			}
		}
	} else {
		for _, rec := range recs[min(lo, total):min(lo+size, total)] {
			items = append(items, view(rec))
		}
	}
	p := paginate(make([]struct{}, total), page, size) // the paging fields; struct{} takes no memory
	p.Items = items
	return p
}

// copyRecord is the list and detail view of a record: a copy.
func copyRecord(rec *callRecord) callRecord { return *rec }

// historyRateWindow is the span of the call-history list's rate limit
// (limit_request_30_minute).
const historyRateWindow = 30 * time.Minute

// SetHistoryRateLimit makes GET /api/call_transaction/list serve at most n
// requests within any 30 minutes of the server's clock and answer the
// others limit_request_30_minute (HTTP 200, status_code -9999), the
// documented rate limit; refused requests do not count. n <= 0 removes the
// limit (the default). The count starts afresh with each call.
func (s *Server) SetHistoryRateLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.history.listLimit, s.history.listTimes = max(n, 0), nil
}

// takeListQuota counts one list request against the rate limit, or returns
// limit_request_30_minute when the quota of the window is spent. s.mu is
// held.
func (s *Server) takeListQuota() error {
	h := &s.history
	if h.listLimit == 0 {
		return nil
	}
	now := s.now()
	i := 0
	for i < len(h.listTimes) && now.Sub(h.listTimes[i]) >= historyRateWindow {
		i++
	}
	h.listTimes = h.listTimes[i:]
	if len(h.listTimes) >= h.listLimit {
		return fail("limit_request_30_minute")
	}
	h.listTimes = append(h.listTimes, now)
	return nil
}

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
	return pageOf(s.history.between(from, to), &f, page, size, copyRecord), nil
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
	return pageOf(s.history.between(in.FromDate, in.ToDate), &f, page, min(size, maxSearchPageSize), searchView).camel(), nil
}

// criterion is one call-evaluation criterion (the shape is undocumented).
type criterion struct {
	ID          string `json:"_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	MaxScore    int    `json:"max_score"`
}

// evaluationCriteria is the simulator's fixed set of criteria.
var evaluationCriteria = []criterion{
	{ID: "64a000000000000000000001", Name: "Chào hỏi", Description: "Greets the customer and introduces the company", MaxScore: 10},
	{ID: "64a000000000000000000002", Name: "Nắm bắt nhu cầu", Description: "Understands what the customer needs", MaxScore: 10},
	{ID: "64a000000000000000000003", Name: "Kết thúc cuộc gọi", Description: "Sums up and closes the call politely", MaxScore: 5},
}

func (s *Server) handleEvaluationCriteria(*http.Request) (any, error) {
	return evaluationCriteria, nil
}

func (s *Server) handleAddEvaluation(r *http.Request) (any, error) {
	var in struct {
		UserUUID   string         `json:"user_uuid"`
		Evaluation map[string]any `json:"evaluation"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if in.UserUUID == "" || in.Evaluation == nil {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.history.byID[r.PathValue("transaction_id")]
	if !ok {
		return nil, errNotFound
	}
	ev := evaluation{UserUUID: in.UserUUID, Evaluation: in.Evaluation, CreatedAt: s.now().UnixMilli()}
	rec.Evaluations = append(slices.Clip(rec.Evaluations), ev)
	rec.TotalEvaluate = &evalTotal{Count: len(rec.Evaluations)}
	rec.LastUpdatedDate = ev.CreatedAt
	return copyRecord(rec), nil
}

// searchRecord is a record as POST /api/call_transaction/search shows it:
// more fields than the list, create_by of type "agent", no recording.
type searchRecord struct {
	ID                  string         `json:"_id"`
	CreatedDate         int64          `json:"created_date"`      // ms
	LastUpdatedDate     int64          `json:"last_updated_date"` // ms
	CreateBy            callParty      `json:"create_by"`
	TenantID            string         `json:"tenant_id"`
	TransactionID       string         `json:"transaction_id"`
	Direction           string         `json:"direction"`
	SourceNumber        string         `json:"source_number"`
	DestinationNumber   string         `json:"destination_number"`
	Disposition         string         `json:"disposition"`
	Duration            int            `json:"duration"`
	BillSec             int            `json:"bill_sec"`
	RecordSeconds       int            `json:"record_seconds"`
	TimeStartCall       int64          `json:"time_start_call"`         // s
	TimeEndCall         int64          `json:"time_end_call"`           // s
	TimeStartToAnswer   int64          `json:"time_start_to_answer"`    // s
	MsTimeStartToAnswer int64          `json:"ms_time_start_to_answer"` // ms
	TimeStartMedia      int64          `json:"time_start_media"`        // s
	WaitSec             int            `json:"wait_sec"`
	HoldCallSec         int            `json:"hold_call_sec"`
	HangupCause         string         `json:"hangup_cause"`
	HangupCauseQ850     int            `json:"hangup_cause_q850"`
	Customer            searchCustomer `json:"customer"`
	User                []searchUser   `json:"user"`
	SIPUser             string         `json:"sip_user"`
	IVR                 string         `json:"ivr"`
	IsHaveForwardOut    bool           `json:"is_have_forward_out"`
	IsAutoCall          bool           `json:"is_auto_call"`
	DialStatus          string         `json:"dial_status"`
	AnswerSec           int            `json:"answer_sec"`
	DomainFusion        string         `json:"domain_fusion"`
	Nation              string         `json:"nation"`
	IsMissedCall        bool           `json:"is_missed_call"`
	InternalDestination *callParty     `json:"internal_destination,omitempty"`
}

type searchCustomer struct {
	ID               string `json:"_id"`
	FullName         string `json:"full_name"`
	FullNameUnsigned string `json:"full_name_unsigned"`
	UUID             string `json:"uuid"`
	Type             string `json:"type"`
}

type searchUser struct {
	ID               string   `json:"_id"`
	FullName         string   `json:"full_name"`
	FullNameUnsigned string   `json:"full_name_unsigned"`
	TagsView         []string `json:"tags_view"`
	NoteCreatedDate  int64    `json:"note_created_date"` // ms
}

// searchView turns a record into its search shape.
func searchView(rec *callRecord) searchRecord {
	answered := rec.Disposition == "answered"
	v := searchRecord{
		ID: objectID(rec.TransactionID), CreatedDate: rec.CreatedDate, LastUpdatedDate: rec.LastUpdatedDate,
		CreateBy: rec.CreateBy, TenantID: rec.TenantID, TransactionID: rec.TransactionID, Direction: rec.Direction,
		SourceNumber: rec.SourceNumber, DestinationNumber: rec.DestinationNumber, Disposition: rec.Disposition,
		Duration: rec.Duration, BillSec: rec.BillSec, RecordSeconds: rec.RecordSeconds,
		TimeStartCall: rec.TimeStartCall, TimeEndCall: rec.TimeEndCall, TimeStartToAnswer: rec.TimeStartToAnswer,
		MsTimeStartToAnswer: rec.TimeStartToAnswer * 1000, WaitSec: rec.Duration - rec.BillSec,
		HangupCause: "ORIGINATOR_CANCEL", HangupCauseQ850: 16, DialStatus: "CANCEL",
		Customer: searchCustomer{ID: "cust-" + rec.PhoneNumber, FullName: rec.Customer.FullName,
			FullNameUnsigned: rec.Customer.FullNameUnsigned, UUID: rec.PhoneNumber, Type: "customer"},
		SIPUser: rec.SIPUser, IVR: rec.IVR, IsHaveForwardOut: rec.IsHaveForwardOut, IsAutoCall: rec.IsAutoCall,
		AnswerSec: rec.AnswerSec, DomainFusion: rec.DomainFusion, Nation: "vn", IsMissedCall: !answered,
		InternalDestination: rec.InternalDestination,
	}
	v.CreateBy.Type, v.CreateBy.Extension = "agent", rec.SIPUser
	if answered {
		v.TimeStartMedia = rec.TimeStartToAnswer
		v.HangupCause, v.DialStatus = "NORMAL_CLEARING", "ANSWER"
	}
	for _, u := range rec.User {
		v.User = append(v.User, searchUser{ID: rec.CreateBy.ID, FullName: u.FullName,
			FullNameUnsigned: u.FullNameUnsigned, TagsView: rec.Tag, NoteCreatedDate: rec.LastUpdatedDate})
	}
	return v
}

// objectID derives a 24-hex-digit id (a MongoDB ObjectId's shape) from a
// UUID.
func objectID(uuid string) string {
	h := strings.ReplaceAll(uuid, "-", "")
	return h[:min(24, len(h))]
}

// AddCall adds a finished outbound call of extension 100, created at at, to
// the history (no call hooks) and returns its id. Tests use it to put
// records exactly where they need them.
func (s *Server) AddCall(at time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	hotline := "842899990001"
	if h := s.hotlines(); len(h) > 0 {
		hotline = h[0]
	}
	rec := s.newCallRecord(at, "outbound", historyExtensions[0], hotline, "0900000000")
	s.history.add(rec)
	return rec.TransactionID
}

// CallIDs returns the ids of the calls created from from to to (both
// inclusive, to the millisecond), in created_date order: the ground truth a
// walk of the history can be checked against.
func (s *Server) CallIDs(from, to time.Time) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	recs := s.history.between(from.UnixMilli(), to.UnixMilli())
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.TransactionID
	}
	return ids
}
