package simulator

import (
	"sort"
	"sync"
	"time"
)

// callRecord is one call of the simulated history, in the JSON shape of the
// call-history API (the CDR hook adds its own fields on top).
type callRecord struct {
	TransactionID     string       `json:"transaction_id"`
	TenantID          string       `json:"tenant_id"`
	Direction         string       `json:"direction"`
	SourceNumber      string       `json:"source_number"`
	DestinationNumber string       `json:"destination_number"`
	FromNumber        string       `json:"from_number"`
	ToNumber          string       `json:"to_number"`
	PhoneNumber       string       `json:"phone_number"`
	Hotline           string       `json:"hotline"`
	SIPNumber         string       `json:"sip_number"`
	SIPUser           string       `json:"sip_user"`
	DomainFusion      string       `json:"domain_fusion"`
	Disposition       string       `json:"disposition"`
	Duration          int          `json:"duration"`             // seconds
	BillSec           int          `json:"bill_sec"`             // seconds
	RecordSeconds     int          `json:"record_seconds"`       // seconds
	AnswerSec         int          `json:"answer_sec"`           // seconds
	TimeStartCall     int64        `json:"time_start_call"`      // s
	TimeStartToAnswer int64        `json:"time_start_to_answer"` // s
	TimeEndCall       int64        `json:"time_end_call"`        // s
	CreatedDate       int64        `json:"created_date"`         // ms
	LastUpdatedDate   int64        `json:"last_updated_date"`    // ms
	RecordingFile     string       `json:"recording_file"`
	Provider          string       `json:"provider"`
	IVR               string       `json:"ivr"`
	Note              *string      `json:"note"`
	Tag               []string     `json:"tag"`
	CallOutPrice      float64      `json:"call_out_price"`
	IsAutoCall        bool         `json:"is_auto_call"`
	IsHaveForwardOut  bool         `json:"is_have_forward_out"`
	BillSecForwardOut int          `json:"bill_sec_forward_out"`
	EndByName         string       `json:"endby_name"`
	User              []callUser   `json:"user"`
	Customer          callCustomer `json:"customer"`
	CreateBy          callParty    `json:"create_by"`
	Evaluations       []evaluation `json:"evaluations"`
	TotalEvaluate     *evalTotal   `json:"total_evaluate"`

	InternalDestination *callParty `json:"internal_destination,omitempty"` // local calls

	agentEmail string // the agent's email (the agents filter); not in the JSON
	queue      string // the internal group an inbound call went through; not in the JSON
}

type callUser struct {
	FullName         string    `json:"full_name"`
	FullNameUnsigned string    `json:"full_name_unsigned"`
	Note             string    `json:"note"`
	Tag              []nameObj `json:"tag"`
}

type nameObj struct {
	Name string `json:"name"`
}

type callCustomer struct {
	FullName         string `json:"full_name"`
	FullNameUnsigned string `json:"full_name_unsigned"`
}

type callParty struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ContactID string `json:"contact_id"`
	UUID      string `json:"uuid,omitempty"`
	Type      string `json:"type"`
	Extension string `json:"extension,omitempty"`
}

// evaluation is one evaluation of a call (its shape is undocumented).
type evaluation struct {
	UserUUID   string         `json:"user_uuid"`
	Evaluation map[string]any `json:"evaluation"`
	CreatedAt  int64          `json:"created_date"`
}

type evalTotal struct {
	Count int `json:"count"`
}

// history is the call history, kept in created_date order.
type history struct {
	recs []*callRecord
	byID map[string]*callRecord
	wg   sync.WaitGroup // calls in progress (placed, not yet finished)
	auto autoCallState

	listQuota rateQuota // GET /api/call_transaction/list
	v3Quota   rateQuota // POST /api/v3/call-transaction/search
}

// add inserts rec in created_date order. s.mu is held.
func (h *history) add(rec *callRecord) {
	if h.byID == nil {
		h.byID = map[string]*callRecord{}
	}
	i := sort.Search(len(h.recs), func(i int) bool { return h.recs[i].CreatedDate > rec.CreatedDate })
	h.recs = append(h.recs, nil)
	copy(h.recs[i+1:], h.recs[i:])
	h.recs[i] = rec
	h.byID[rec.TransactionID] = rec
}

// between returns the records with from <= created_date <= to (ms, both
// inclusive). s.mu is held.
func (h *history) between(from, to int64) []*callRecord {
	lo := sort.Search(len(h.recs), func(i int) bool { return h.recs[i].CreatedDate >= from })
	hi := sort.Search(len(h.recs), func(i int) bool { return h.recs[i].CreatedDate > to })
	return h.recs[lo:hi]
}

// recordFilter selects call records.
type recordFilter interface {
	active() bool // whether it leaves any record out
	match(rec *callRecord) bool
}

// keepOf is f as the keep function of pageOf: nil when f leaves no record
// out, so that the page is cut out directly.
func keepOf(f recordFilter) func(*callRecord) bool {
	if !f.active() {
		return nil
	}
	return f.match
}

// Call is a finished call to add to the history with AddCallOf. An empty
// field takes the default of AddCall; what a Call does not set (ringing and
// talk times, disposition, carrier) comes from the seeded source. A call is
// never over later than the server's clock: one created shortly before now
// is shortened to end by now.
type Call struct {
	At        time.Time // created_date; zero: the call ends now
	Direction string    // "outbound" (default), "inbound" or "local"
	Extension string    // the agent's extension (default "100")
	Hotline   string    // default: the tenant's first hotline
	Phone     string    // the customer's number, or the other extension of a local call (default "0900000000")
}

// AddCall adds a finished outbound call of extension 100, created at at, to
// the history (no call hooks) and returns its id. Tests use it to put
// records exactly where they need them. A call created shortly before now
// is shortened so that it is over by now.
func (s *Server) AddCall(at time.Time) string { return s.AddCallOf(Call{At: at}) }

// AddCallOf adds a finished call to the history (no call hooks) and returns
// its id.
func (s *Server) AddCallOf(c Call) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	ends := c.At.IsZero()
	if ends {
		c.At = now
	}
	if c.Direction == "" {
		c.Direction = "outbound"
	}
	if c.Extension == "" {
		c.Extension = historyExtensions[0]
	}
	if c.Hotline == "" {
		c.Hotline = "842899990001"
		if h := s.hotlines(); len(h) > 0 {
			c.Hotline = h[0]
		}
	}
	if c.Phone == "" {
		c.Phone = "0900000000"
	}
	rec := s.newCallRecord(c.At, c.Direction, c.Extension, c.Hotline, c.Phone)
	if ends {
		rec.endAt(now.UnixMilli())
	} else {
		rec.endBy(now.UnixMilli())
	}
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
