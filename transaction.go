package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// TransactionService reads and annotates the call history. Reach it as
// c.Transactions.
type TransactionService service

// Transaction is one call record: an item of the call history (list, detail,
// change, search, the v3 search) and the finished-call record (CDR) of a call
// hook are the same type. Durations are whole seconds; every timestamp is a
// Time, whatever unit the field arrives in. Every number also decodes when
// it is sent as a string ("bill_sec": "5" is 5), and null as 0; a field of
// another type is left zero rather than failing the record.
//
// Records of 2026 (docs/api.md §18.3) carry the four time_* fields in
// seconds (null or 0 when the call never rang or was not answered, read as
// the zero Time), the hook-only keys (State, CallUUID, FromNumber, ToNumber,
// Hotline) set to null in REST records, and both recording links: use
// RecordingURL rather than either field.
//
// Decoding bounds what one record can allocate: at most MaxCallUsers
// entries of Users and of TransferHistories and MaxTags tags per tag list
// are kept; further entries are dropped.
type Transaction struct {
	ID            string      `json:"_id"`            // record id (search)
	TransactionID string      `json:"transaction_id"` // the call's id for its whole life: the key to store a call by (CallEvent.CallID)
	CallUUID      string      `json:"call_uuid"`      // CDR hook: the leg the record is about (TransactionID on a call of one leg); null in REST records
	State         CallState   `json:"state"`          // CDR hook: "cdr"; null in REST records
	TenantID      string      `json:"tenant_id"`
	Direction     Direction   `json:"direction"`
	Disposition   Disposition `json:"disposition"`

	SourceNumber      string `json:"source_number"`      // calling number (the hotline, outbound)
	DestinationNumber string `json:"destination_number"` // called number
	FromNumber        string `json:"from_number"`        // CDR: e.g. the agent's extension
	ToNumber          string `json:"to_number"`          // CDR: e.g. the customer's number
	PhoneNumber       string `json:"phone_number"`       // the customer's number
	Hotline           string `json:"hotline"`            // CDR
	SIPNumber         string `json:"sip_number"`         // the hotline used
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
	AnswerSec         int `json:"answer_sec"`           // seconds answered (close to RecordSeconds: talk time)
	WaitSec           int `json:"wait_sec"`             // seconds
	HoldCallSec       int `json:"hold_call_sec"`        // seconds
	PlaybackSeconds   int `json:"playback_seconds"`     // seconds
	BillSecForwardOut int `json:"bill_sec_forward_out"` // seconds forwarded out to a mobile

	TimeStartCall       Time `json:"time_start_call"`      // sent in seconds: the call started
	TimeRingingStart    Time `json:"time_ringing_start"`   // sent in seconds: the agent's phone rang; zero if it never rang
	TimeAnswerStart     Time `json:"time_answer_start"`    // sent in seconds: answered; zero if unanswered
	TimeEndCall         Time `json:"time_end_call"`        // sent in seconds: the call ended
	TimeStartToAnswer   Time `json:"time_start_to_answer"` // sent in seconds (older records; absent from 2026 REST records)
	TimeStartMedia      Time `json:"time_start_media"`
	MsTimeStartToAnswer Time `json:"ms_time_start_to_answer"` // sent in milliseconds
	CreatedDate         Time `json:"created_date"`            // sent in milliseconds
	LastUpdatedDate     Time `json:"last_updated_date"`       // sent in milliseconds

	RecordingFile          string          `json:"recording_file"`     // direct recording URL (REST); see RecordingURL
	RecordingFileURL       string          `json:"recording_file_url"` // recording link (CDR hook, and REST since 2026); see RecordingURL
	RecordingFileVoicemail string          `json:"recording_file_voicemail"`
	RecordingData          json.RawMessage `json:"recording_data,omitempty"` // undocumented (null in every sample), kept as sent
	IsVoicemail            Bool            `json:"is_voicemail"`

	Note         string  `json:"note"`
	Tags         TagList `json:"tag"`            // tag ids in 2026 records, names in older ones
	CallOutPrice Float   `json:"call_out_price"` // call cost
	EndByName    string  `json:"endby_name"`     // CDR: who ended the call, e.g. "end_call_by_customer"
	SendNumRetry int     `json:"send_num_retry"` // CDR: delivery attempt

	HangupCause         string  `json:"hangup_cause"` // e.g. "NORMAL_CLEARING", "ORIGINATOR_CANCEL"
	HangupCauseQ850     int     `json:"hangup_cause_q850"`
	InviteFailureStatus string  `json:"invite_failure_status"` // why the invite failed (presumably a string; null in every sample)
	DialStatus          string  `json:"dial_status"`
	RTPAudioInMOS       float64 `json:"rtp_audio_in_mos"`

	AutocallUUID string `json:"autocall_uuid"` // the call of an auto-call session it belongs to
	AutocallID   string `json:"autocall_id"`   // the auto-call session (a UUID or an ObjectId)

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
	CreateBy            *CallParty        `json:"create_by,omitempty"` // Name NoAgentName: no agent could be attributed
	InternalDestination *CallParty        `json:"internal_destination,omitempty"`
	TransferHistories   []json.RawMessage `json:"transfer_histories,omitempty"`
	Evaluations         json.RawMessage   `json:"evaluations,omitempty"`    // undocumented shape
	TotalEvaluate       json.RawMessage   `json:"total_evaluate,omitempty"` // undocumented shape

	UserDataStr          string `json:"user_data_str,omitempty"`          // data the caller attached to the call (docs/api.md §18.9)
	UserRefCode          string `json:"user_ref_code,omitempty"`          // the agent's reference code in the caller's system
	SIPHangupDisposition string `json:"sip_hangup_disposition,omitempty"` // which side hung up, as the PBX says it
	OutOfWorkingTime     Bool   `json:"out_of_working_time,omitempty"`    // the call came outside the tenant's working hours

	// Raw is the record as received, with the fields this type does not
	// name (e.g. classifies, sip_number_tags). It is a copy of the
	// record's JSON, not of the whole page. Not marshalled.
	Raw json.RawMessage `json:"-"`
}

// NoAgentName is the CreateBy.Name of a record that no agent could be
// attributed to (docs/api.md §18.3, quoting a vendor comment).
const NoAgentName = "create_default_by_tenant"

// RecordingURL returns the call's recording link: RecordingFile (the
// direct .mp3 URL of REST records) when set, else RecordingFileURL (the
// link CDR hooks carry). An empty result on a CDR means "not yet", not
// "none": the recording may come with a later copy or in the history.
func (t *Transaction) RecordingURL() string {
	return cmp.Or(t.RecordingFile, t.RecordingFileURL)
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

// Get returns one call as the documented detail endpoint records it
// (docs/api.md §7.2); GetFull takes the same id and returns the fuller
// record of the 2026 API. An unknown id matches ErrNotFound. OMICall API:
// GET /api/call_transaction/detail/:transaction_id. Retried.
func (s *TransactionService) Get(ctx context.Context, transactionID string) (*Transaction, error) {
	if err := requiredSegment("transactionID", transactionID); err != nil {
		return nil, err
	}
	t := new(Transaction)
	err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/call_transaction/detail/" + url.PathEscape(transactionID), out: t})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// getFullPath is the v2 lookup of one call (docs/api.md §18.2).
const getFullPath = "/api/v2/callTransaction/getByTransactionId"

// GetFull returns one call, found by its transaction id as Get is, with
// every field the 2026 API records (docs/api.md §18.3: the time_* fields,
// both recording links, the auto-call ids) where the detail endpoint of
// Get documents fewer; an unknown id matches ErrNotFound. Prefer it to Get
// for calls made since 2026.
//
// The HTTP method of this endpoint is unsettled (docs/api.md §18.2): the
// vendor's own client (the MCP, grade V, on an internal host) and older
// public integrations (Appendix B) POST {"transactionId": ...}, one 2026
// integration (vwork-client, grade C) sends GET ?transactionId=. This
// method follows the majority and the vendor: it POSTs, and if the host
// answers that the route does not exist (HTTP 404 or 405 without an
// OMICall envelope) it asks once more with GET. The other lookup seen in
// the wild, GET /api/call/transaction/detail?call_uuid=, comes from code
// whose origin could not be identified (grade weak); it has no method —
// see the README for a Do recipe. OMICall API: POST (else GET)
// /api/v2/callTransaction/getByTransactionId. Bearer token. Retried (it
// only reads).
func (s *TransactionService) GetFull(ctx context.Context, transactionID string) (*Transaction, error) {
	if err := required("transactionID", transactionID); err != nil {
		return nil, err
	}
	tx := new(Transaction)
	err := s.e.postElseGet(ctx, getFullPath, map[string]string{"transactionId": transactionID},
		url.Values{"transactionId": {transactionID}}, tx)
	if err != nil {
		return nil, err
	}
	return tx, nil
}

// Update replaces the note and tags of a call and returns the updated call.
// OMICall API: POST /api/call_transaction/change/:transaction_id with body
// {"tag": [...], "note": "..."}. Retried, since setting the same note and
// tags twice has the effect of setting them once.
func (s *TransactionService) Update(ctx context.Context, transactionID string, u *UpdateTransactionRequest) (*Transaction, error) {
	if err := requiredSegment("transactionID", transactionID); err != nil {
		return nil, err
	}
	if u == nil {
		return nil, &ValidationError{Field: "u", Reason: "is required"}
	}
	t := new(Transaction)
	err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_transaction/change/" + url.PathEscape(transactionID),
		body: *u, out: t}, WithRetryPOST())
	if err != nil {
		return nil, err
	}
	return t, nil
}

// UpdateTransactionRequest is the body of POST /api/call_transaction/change/:id. It
// replaces the call's note and tags: an empty Note clears the note, empty
// Tags clear the tags.
type UpdateTransactionRequest struct {
	Note string
	Tags []string
}

// MarshalJSON writes {"tag": [...], "note": "..."}, with [] for no tags.
func (u UpdateTransactionRequest) MarshalJSON() ([]byte, error) {
	tags := u.Tags
	if tags == nil {
		tags = []string{}
	}
	return json.Marshal(struct {
		Tag  []string `json:"tag"`
		Note string   `json:"note"`
	}{tags, u.Note})
}
