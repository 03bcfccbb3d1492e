package omicall

import "encoding/json"

// TransactionService reads and annotates the call history. Reach it as
// c.Transactions.
type TransactionService service

// Transaction is one call record: an item of the call history (list, detail,
// change, search) and the finished-call record (CDR) of a call hook are the
// same type. Durations are whole seconds; every timestamp is a Time, whatever
// unit the field arrives in.
type Transaction struct {
	ID            string      `json:"_id"`            // record id (search)
	TransactionID string      `json:"transaction_id"` // the call id; call_uuid in call hooks and click-to-call
	TenantID      string      `json:"tenant_id"`
	Direction     Direction   `json:"direction"`
	Disposition   Disposition `json:"disposition"`

	SourceNumber      string `json:"source_number"`      // calling number (the hotline, outbound)
	DestinationNumber string `json:"destination_number"` // called number
	FromNumber        string `json:"from_number"`        // CDR: e.g. the agent's extension
	ToNumber          string `json:"to_number"`          // CDR: e.g. the customer's number
	PhoneNumber       string `json:"phone_number"`       // CDR: the customer's number
	Hotline           string `json:"hotline"`            // CDR
	SIPNumber         string `json:"sip_number"`         // CDR: the hotline used
	SIPUser           string `json:"sip_user"`           // the agent's extension
	SIPFromUser       string `json:"sip_from_user"`
	Domain            string `json:"domain"`
	DomainFusion      string `json:"domain_fusion"` // PBX domain
	Nation            string `json:"nation"`
	PBXType           string `json:"pbx_type"`
	Provider          string `json:"provider"` // carrier, e.g. "viettel"
	IVR               string `json:"ivr"`

	Duration          int `json:"duration"`             // seconds, from the start of ringing
	BillSec           int `json:"bill_sec"`             // seconds billed
	RecordSeconds     int `json:"record_seconds"`       // seconds recorded
	AnswerSec         int `json:"answer_sec"`           // seconds answered
	WaitSec           int `json:"wait_sec"`             // seconds
	HoldCallSec       int `json:"hold_call_sec"`        // seconds
	PlaybackSeconds   int `json:"playback_seconds"`     // seconds
	BillSecForwardOut int `json:"bill_sec_forward_out"` // seconds forwarded out to a mobile

	TimeStartToAnswer   Time `json:"time_start_to_answer"` // sent in seconds
	TimeStartCall       Time `json:"time_start_call"`      // sent in seconds
	TimeEndCall         Time `json:"time_end_call"`        // sent in seconds
	TimeStartMedia      Time `json:"time_start_media"`
	MsTimeStartToAnswer Time `json:"ms_time_start_to_answer"` // sent in milliseconds
	CreatedDate         Time `json:"created_date"`            // sent in milliseconds
	LastUpdatedDate     Time `json:"last_updated_date"`       // sent in milliseconds

	RecordingFile          string `json:"recording_file"`     // recording URL (REST)
	RecordingFileURL       string `json:"recording_file_url"` // recording URL (CDR hook)
	RecordingFileVoicemail string `json:"recording_file_voicemail"`
	IsVoicemail            Bool   `json:"is_voicemail"`

	Note         string  `json:"note"`
	Tags         TagList `json:"tag"`
	CallOutPrice Float   `json:"call_out_price"` // call cost
	EndByName    string  `json:"endby_name"`     // CDR: who ended the call, e.g. "end_call_by_customer"
	SendNumRetry int     `json:"send_num_retry"` // CDR: delivery attempt

	HangupCause     string  `json:"hangup_cause"` // e.g. "ORIGINATOR_CANCEL"
	HangupCauseQ850 int     `json:"hangup_cause_q850"`
	DialStatus      string  `json:"dial_status"`
	RTPAudioInMOS   float64 `json:"rtp_audio_in_mos"`

	IsAutoCall        Bool `json:"is_auto_call"`
	IsHaveForwardOut  Bool `json:"is_have_forward_out"`
	IsStopIVR         Bool `json:"is_stop_ivr"`
	IsDeleted         Bool `json:"is_deleted"`
	IsCallbot         Bool `json:"is_callbot"`
	IsAI              Bool `json:"is_ai"`
	IsTrunk           Bool `json:"is_trunk"`
	SuspiciousChecked Bool `json:"suspicious_checked"`
	IsMissedCall      Bool `json:"is_missed_call"`
	IsAnalyzed        Bool `json:"is_analyzed"`

	Users               []CallUser        `json:"user"`
	Customer            *CallCustomer     `json:"customer,omitempty"`
	CreateBy            *CallParty        `json:"create_by,omitempty"`
	InternalDestination *CallParty        `json:"internal_destination,omitempty"`
	TransferHistories   []json.RawMessage `json:"transfer_histories,omitempty"`
	Evaluations         json.RawMessage   `json:"evaluations,omitempty"`    // undocumented shape
	TotalEvaluate       json.RawMessage   `json:"total_evaluate,omitempty"` // undocumented shape
}

// CallUser is an agent on a call.
type CallUser struct {
	ID               string  `json:"_id"`
	FullName         string  `json:"full_name"`
	FullNameUnsigned string  `json:"full_name_unsigned"` // without diacritics
	Note             string  `json:"note"`
	Tags             TagList `json:"tag"`
	TagsView         TagList `json:"tags_view"`
	NoteCreatedDate  Time    `json:"note_created_date"`
}

// CallCustomer is the customer of a call.
type CallCustomer struct {
	ID               string `json:"_id"`
	FullName         string `json:"full_name"`
	FullNameUnsigned string `json:"full_name_unsigned"`
	UUID             string `json:"uuid"`
	Type             string `json:"type"`
	Extension        string `json:"extension"`
}

// CallParty is the caller (create_by) or, for internal calls, the receiver
// (internal_destination) of a call.
type CallParty struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ContactID string `json:"contact_id"`
	UUID      string `json:"uuid"`
	Type      string `json:"type"` // "extension" or "agent"
	Extension string `json:"extension"`
	Avatar    string `json:"avatar"`
	Gender    string `json:"gender"`
}
