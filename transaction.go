package omicall

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
)

// TransactionService reads and annotates the call history. Reach it as
// c.Transactions.
type TransactionService service

// List returns one page of the call history between opts.From and opts.To
// (both inclusive, sent as Unix milliseconds), at most MaxTransactionRange
// apart. A missing bound, From not before To, or a longer range is a
// ValidationError (also matching ErrDateRequired, ErrDateInvalid or
// ErrDateRangeTooLong) returned before any request; use All for longer
// ranges. OMICall API: GET /api/call_transaction/list. Retried.
//
// Rate limit: OMICall may answer limit_request_30_minute, which matches
// ErrRateLimited. The documentation only says that requests must be "spaced
// 30 minutes apart", without saying per what. It arrives as a normal
// (HTTP 200) answer, so the client does not retry it: repeating at once
// would only spend the quota again. Back off for the documented 30 minutes
// before asking again, and do not re-read what you already have: resume
// from where you stopped (with records listed oldest first, as the
// simulator lists them, From = the last stored record's CreatedDate + 1 ms).
// Schedule periodic syncs at least 30 minutes apart. An HTTP 429 also
// matches ErrRateLimited; that one is retried with backoff, honouring
// Retry-After.
func (s *TransactionService) List(ctx context.Context, opts *TransactionListOptions) (*Page[Transaction], error) {
	o := derefOr(opts)
	if err := checkPaging(o.Page, o.Size, MaxTransactionPageSize); err != nil {
		return nil, err
	}
	r, err := checkRange(o.From, o.To, maxRangeMs)
	if err != nil {
		return nil, err
	}
	return s.list(ctx, &o, r)
}

// list fetches one page over r without validating it. The records are
// decoded in one pass into a slice sized for the page.
func (s *TransactionService) list(ctx context.Context, o *TransactionListOptions, r dateRange) (*Page[Transaction], error) {
	size := cmp.Or(o.Size, DefaultPageSize)
	w, err := doPage(ctx, s.e, &request{method: http.MethodGet, path: "/api/call_transaction/list", query: o.query(r.from, r.to)},
		pageAsk{max(o.Page, 1), size}, getWire(size))
	if err != nil {
		putWire(w.Items.items)
		return nil, err
	}
	return transactionPage(w), nil
}

// All walks the whole call history between opts.From and opts.To (both
// inclusive), however long the range: it is split into consecutive windows
// of 30 days, the first starting at From; each window ends 1 ms before the
// next begins, since the API treats both from_date and to_date as
// inclusive, so no record comes twice and none is lost at an edge. Every
// page of every window is walked, windows in order from From to To, records
// in the order the API lists them. opts.Page, if set, is the first page of
// the first window; later windows start at page 1.
//
// While the caller handles one page, the next one (the first page of the
// next window, at a window's end) is fetched in the background, so at most
// two pages are in memory. Breaking out of the loop or ending ctx stops the
// fetching at once. A failure, including a ValidationError for a missing or
// inverted range (before any request), is yielded once as (zero, err) and
// ends the walk; see List for the rate limit. OMICall API:
// GET /api/call_transaction/list. Retried.
func (s *TransactionService) All(ctx context.Context, opts *TransactionListOptions) iter.Seq2[Transaction, error] {
	o := derefOr(opts)
	if err := checkPaging(o.Page, o.Size, MaxTransactionPageSize); err != nil {
		return errSeq[Transaction](err)
	}
	r, err := checkRange(o.From, o.To, 0)
	if err != nil {
		return errSeq[Transaction](err)
	}
	first := max(o.Page, 1)
	return paginateLists(ctx, r.windows(), first, func(ctx context.Context, k, n int) (*Page[Transaction], error) {
		w := o
		w.Page = n
		return s.list(ctx, &w, r.window(k))
	})
}

// Get returns one call. An unknown id matches ErrNotFound. OMICall API:
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

// Report returns call statistics for opts.From..opts.To (both required,
// inclusive, sent as Unix milliseconds). OMICall API:
// GET /api/call_transaction/report. Retried.
func (s *TransactionService) Report(ctx context.Context, opts *ReportOptions) (*TransactionReport, error) {
	if opts == nil {
		return nil, invalidAs("From", "is required", ErrDateRequired)
	}
	r, err := checkRange(opts.From, opts.To, 0)
	if err != nil {
		return nil, err
	}
	q := url.Values{}
	q.Set("from_date", formatMs(r.from))
	q.Set("to_date", formatMs(r.to))
	addList(q, "numbers", opts.Numbers)
	setNonEmpty(q, "sip_user", opts.SIPUser)
	addList(q, "agents", opts.Agents)
	rep := new(TransactionReport)
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/call_transaction/report", query: q, out: rep}); err != nil {
		return nil, err
	}
	return rep, nil
}

// ListEvaluationCriteria lists the tenant's call-evaluation criteria. The
// payload is undocumented: a JSON array or a page of items are both read.
// OMICall API: GET /api/evaluation_criteria/call/list. Retried.
func (s *TransactionService) ListEvaluationCriteria(ctx context.Context) ([]EvaluationCriterion, error) {
	var raw json.RawMessage
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/evaluation_criteria/call/list", out: &raw}); err != nil {
		return nil, err
	}
	return criteriaOf(raw), nil
}

// criteriaOf reads a criteria payload: a JSON array, or a page of items.
func criteriaOf(raw json.RawMessage) []EvaluationCriterion {
	var out []EvaluationCriterion
	if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
		_ = decodeLenient(raw, &out)
		return out
	}
	var p Page[EvaluationCriterion]
	_ = decodeLenient(raw, &p)
	return p.Items
}

// Evaluate records an evaluation of a call by ev.UserUUID. It returns the
// call with its evaluations when the API sends it back, or nil (the
// documentation shows an empty answer). OMICall API:
// POST /api/call_transaction/add_evaluation/:transaction_id. Never retried:
// a repeat would add a second evaluation.
func (s *TransactionService) Evaluate(ctx context.Context, transactionID string, ev *EvaluateRequest) (*Transaction, error) {
	if err := requiredSegment("transactionID", transactionID); err != nil {
		return nil, err
	}
	if ev == nil {
		return nil, &ValidationError{Field: "ev", Reason: "is required"}
	}
	if err := required("UserUUID", ev.UserUUID); err != nil {
		return nil, err
	}
	obj, err := json.Marshal(ev.Evaluation)
	if err != nil || !bytes.HasPrefix(obj, []byte("{")) {
		return nil, &ValidationError{Field: "Evaluation", Reason: "must be a JSON object (a map, a struct or a json.RawMessage)"}
	}
	var raw json.RawMessage
	err = s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_transaction/add_evaluation/" + url.PathEscape(transactionID),
		body: EvaluateRequest{UserUUID: ev.UserUUID, Evaluation: json.RawMessage(obj)}, out: &raw})
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return nil, nil
	}
	t := new(Transaction)
	_ = decodeLenient(raw, t)
	return t, nil
}

// Transaction is one call record: an item of the call history (list, detail,
// change, search, the v3 search) and the finished-call record (CDR) of a call
// hook are the same type. Durations are whole seconds; every timestamp is a
// Time, whatever unit the field arrives in. Every number also decodes when
// it is sent as a string ("bill_sec": "5" is 5), and null as 0; a field of
// another type is left zero rather than failing the record.
//
// Records of 2026 (REFERENCE §18.3) carry the four time_* fields in
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
	TransactionID string      `json:"transaction_id"` // the call id; call_uuid in call hooks and click-to-call
	CallUUID      string      `json:"call_uuid"`      // CDR hook: equals TransactionID; null in REST records
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
}

// NoAgentName is the CreateBy.Name of a record that no agent could be
// attributed to (REFERENCE §18.3, quoting a vendor comment).
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
