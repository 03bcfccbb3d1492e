package simulator

import "time"

// The shapes a call record takes besides the list's: the newer shape of
// the v3 and v2 endpoints and the shape of POST /api/call_transaction/search.

// record2026 is a call record as the 2026 API shows it in the v3 search,
// the frozen v2 search and getByTransactionId (docs/api.md §18.3): the four
// time_* fields in seconds (null when the call never rang or was not
// answered), both recording links, the hook-only keys set to null, the
// auto-call links, and the keys a captured record shows beside them
// (§18.9): user_data_str and user_ref_code (null), sip_hangup_disposition,
// out_of_working_time, classifies and sip_number_tags (empty).
type record2026 struct {
	TransactionID       string       `json:"transaction_id"`
	TenantID            string       `json:"tenant_id"`
	Direction           string       `json:"direction"`
	SourceNumber        string       `json:"source_number"`
	DestinationNumber   string       `json:"destination_number"`
	Disposition         string       `json:"disposition"`
	BillSec             int          `json:"bill_sec"`
	RecordSeconds       int          `json:"record_seconds"`
	TimeStartCall       int64        `json:"time_start_call"`    // s
	TimeRingingStart    *int64       `json:"time_ringing_start"` // s, null if it never rang
	TimeAnswerStart     *int64       `json:"time_answer_start"`  // s, null if unanswered
	TimeEndCall         int64        `json:"time_end_call"`      // s
	RecordingFile       string       `json:"recording_file"`
	RecordingFileURL    string       `json:"recording_file_url"`
	RecordingData       *struct{}    `json:"recording_data"` // always null
	SIPUser             string       `json:"sip_user"`
	CreatedDate         int64        `json:"created_date"`      // ms
	LastUpdatedDate     int64        `json:"last_updated_date"` // ms
	IsAutoCall          bool         `json:"is_auto_call"`
	IVR                 string       `json:"ivr"`
	Provider            string       `json:"provider"`
	Duration            int          `json:"duration"`
	User                []callUser   `json:"user"`
	Customer            callCustomer `json:"customer"`
	State               *string      `json:"state"`
	CallUUID            *string      `json:"call_uuid"`
	FromNumber          *string      `json:"from_number"`
	ToNumber            *string      `json:"to_number"`
	Hotline             *string      `json:"hotline"`
	IsHaveForwardOut    bool         `json:"is_have_forward_out"`
	BillSecForwardOut   int          `json:"bill_sec_forward_out"`
	CallOutPrice        float64      `json:"call_out_price"`
	Note                *string      `json:"note"`
	Tag                 []string     `json:"tag"`
	InviteFailureStatus *string      `json:"invite_failure_status"`
	AnswerSec           int          `json:"answer_sec"`
	AutocallUUID        *string      `json:"autocall_uuid"`
	AutocallID          *string      `json:"autocall_id"`
	SIPNumber           string       `json:"sip_number"`
	PhoneNumber         string       `json:"phone_number"`
	HangupCause         string       `json:"hangup_cause"`
	CreateBy            party2026    `json:"create_by"`

	UserDataStr          *string  `json:"user_data_str"`          // always null
	UserRefCode          *string  `json:"user_ref_code"`          // always null
	SIPHangupDisposition string   `json:"sip_hangup_disposition"` // who ended the call, in SIP terms
	OutOfWorkingTime     bool     `json:"out_of_working_time"`    // a call in outside workingHours
	Classifies           []string `json:"classifies"`             // always empty
	SIPNumberTags        []string `json:"sip_number_tags"`        // always empty
}

// workingHours are the simulated hotline's working hours, in Vietnam time:
// Monday to Saturday, 08:00 to 17:30. A call in outside them is
// out_of_working_time.
var workingHours = struct {
	zone       *time.Location
	open, shut int // minutes after midnight
}{time.FixedZone("ICT", 7*3600), 8 * 60, 17*60 + 30}

// outOfWorkingTime reports whether rec is a call in that came outside the
// working hours.
func outOfWorkingTime(rec *callRecord) bool {
	if rec.Direction != "inbound" {
		return false
	}
	t := time.UnixMilli(rec.CreatedDate).In(workingHours.zone)
	m := t.Hour()*60 + t.Minute()
	return t.Weekday() == time.Sunday || m < workingHours.open || m >= workingHours.shut
}

// sipHangupDisposition is who ended the call in SIP terms (FreeSWITCH's
// sip_hangup_disposition): the customer hangs up an answered call
// (recv_bye); an unanswered call is cancelled by the side that placed it.
func sipHangupDisposition(rec *callRecord) string {
	switch {
	case rec.Disposition == "answered":
		return "recv_bye"
	case rec.Direction == "inbound":
		return "recv_cancel"
	}
	return "send_cancel"
}

// party2026 is create_by in a 2026 record; no attributed agent is
// {"id": null, "name": "create_default_by_tenant", "contact_id": null}.
type party2026 struct {
	ID        *string `json:"id"`
	Name      string  `json:"name"`
	ContactID *string `json:"contact_id"`
}

// noAgentName is create_by.name of a call no agent could be attributed to.
const noAgentName = "create_default_by_tenant"

// recordingLinkOf is the recording_file_url of a record: a link to the
// public host, unlike the direct .mp3 URL of recording_file.
func recordingLinkOf(rec *callRecord) string {
	if rec.RecordingFile == "" {
		return ""
	}
	return "https://public-v1.omicrm.sim.invalid/third_party/recording/uc?code=" + rec.TransactionID
}

// record2026 returns rec in its 2026 shape. s.mu is held.
func (s *Server) record2026(rec *callRecord) record2026 {
	v := record2026{
		TransactionID: rec.TransactionID, TenantID: rec.TenantID, Direction: rec.Direction,
		SourceNumber: rec.SourceNumber, DestinationNumber: rec.DestinationNumber, Disposition: rec.Disposition,
		BillSec: rec.BillSec, RecordSeconds: rec.RecordSeconds, TimeStartCall: rec.TimeStartCall,
		TimeEndCall: rec.TimeEndCall, RecordingFile: rec.RecordingFile, RecordingFileURL: recordingLinkOf(rec),
		SIPUser: rec.SIPUser, CreatedDate: rec.CreatedDate, LastUpdatedDate: rec.LastUpdatedDate,
		IsAutoCall: rec.IsAutoCall, IVR: rec.IVR, Provider: rec.Provider, Duration: rec.Duration,
		User: rec.User, Customer: rec.Customer, IsHaveForwardOut: rec.IsHaveForwardOut,
		BillSecForwardOut: rec.BillSecForwardOut, CallOutPrice: rec.CallOutPrice, Note: rec.Note,
		Tag: rec.Tag, AnswerSec: rec.AnswerSec, SIPNumber: rec.SIPNumber, PhoneNumber: rec.PhoneNumber,
		HangupCause: "NO_ANSWER", CreateBy: party2026{Name: noAgentName},
		SIPHangupDisposition: sipHangupDisposition(rec), OutOfWorkingTime: outOfWorkingTime(rec),
		Classifies: []string{}, SIPNumberTags: []string{},
	}
	if rec.SIPUser != "" { // rang at an agent, a second after the call began (at the latest when it ended or was answered)
		ring := min(rec.TimeStartCall+1, rec.TimeEndCall)
		if rec.Disposition == "answered" {
			ring = min(ring, rec.TimeStartToAnswer)
		}
		v.TimeRingingStart = &ring
	}
	if rec.Disposition == "answered" {
		ans := rec.TimeStartToAnswer
		v.TimeAnswerStart, v.HangupCause = &ans, "NORMAL_CLEARING"
	}
	if rec.CreateBy.ID != "" {
		id, contact := rec.CreateBy.ID, rec.CreateBy.ContactID
		v.CreateBy = party2026{ID: &id, Name: rec.CreateBy.Name, ContactID: &contact}
	}
	if rec.IsAutoCall {
		id := rec.TransactionID
		v.AutocallUUID = &id
	}
	return v
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
