package simulator

import (
	"net/http"
	"slices"
)

func init() { register(domain{routes: (*Server).searchRoutes}) }

// searchRoutes are the v3 search and the call evaluations.
func (s *Server) searchRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/call_transaction/search", auth: authAPIKey, h: s.handleHistorySearch},
		{method: "GET", pattern: "/api/evaluation_criteria/call/list", h: s.handleEvaluationCriteria},
		{method: "POST", pattern: "/api/call_transaction/add_evaluation/{transaction_id}", h: s.handleAddEvaluation},
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
		ID: objectIDOf(rec.TransactionID), CreatedDate: rec.CreatedDate, LastUpdatedDate: rec.LastUpdatedDate,
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
