package simulator

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
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

// newID returns a random UUID-shaped id from the seeded source. s.mu is held.
func (s *Server) newID() string {
	a, b := s.rng.Uint64(), s.rng.Uint64()
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", a>>32, a>>16&0xffff, a&0xfff, b>>48&0x3fff|0x8000, b&0xffffffffffff)
}

// PlaceCall places a click-to-call as POST /api/click2call does: it validates
// the extension and hotline, and then, in the background, rings the
// extension, connects the phone number, hangs up, adds the call to the
// history and delivers the call hooks. It returns the call id.
func (s *Server) PlaceCall(extension, hotline, phone string) (string, error) {
	if extension == "" || hotline == "" || phone == "" {
		return "", fail("data_is_required")
	}
	if !isDigits(strings.TrimPrefix(phone, "+")) {
		return "", fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.extensionExists(extension) {
		return "", fail("extension_invalid")
	}
	if !s.extensionRegistered(extension) {
		return "", fail("user_not_registered")
	}
	valid := false
	for _, h := range s.hotlines() {
		valid = valid || h == hotline
	}
	if !valid {
		return "", fail("number_call_out_invalid")
	}
	rec := s.newCallRecord(s.now(), "outbound", extension, hotline, phone)
	s.history.wg.Add(1)
	go s.runCall(rec)
	return rec.TransactionID, nil
}

// newCallRecord makes a finished call that started at start. s.mu is held.
func (s *Server) newCallRecord(start time.Time, direction, ext, hotline, phone string) *callRecord {
	answered := s.rng.IntN(100) < 70
	ring := 2 + s.rng.IntN(20)
	talk := 0
	disp := "cancelled"
	if answered {
		talk = 5 + s.rng.IntN(600)
		disp = "answered"
	}
	agent := s.agentName(ext)
	src, dst := hotline, phone
	if direction == "inbound" {
		src, dst = phone, hotline
	}
	startS := start.Unix()
	rec := &callRecord{
		TransactionID: s.newID(), TenantID: "sim-tenant", Direction: direction,
		SourceNumber: src, DestinationNumber: dst, FromNumber: ext, ToNumber: phone, PhoneNumber: phone,
		Hotline: hotline, SIPNumber: hotline, SIPUser: ext, DomainFusion: s.cfg.tenant.DomainFusion,
		Disposition: disp, Duration: ring + talk, BillSec: talk, RecordSeconds: talk, AnswerSec: talk,
		TimeStartCall: startS, TimeStartToAnswer: startS, TimeEndCall: startS + int64(ring+talk),
		CreatedDate: start.UnixMilli(), LastUpdatedDate: start.UnixMilli() + int64(ring+talk)*1000,
		Provider: []string{"viettel", "mobifone", "vinaphone", "itel"}[s.rng.IntN(4)], IVR: "none",
		Tag: []string{}, CallOutPrice: float64(talk) * 12.5, EndByName: "end_call_by_customer",
		User:     []callUser{{FullName: agent, FullNameUnsigned: agent, Tag: []nameObj{}}},
		Customer: callCustomer{FullName: "Customer " + phone, FullNameUnsigned: "Customer " + phone},
		CreateBy: callParty{ID: "ext-" + ext, Name: agent, ContactID: "contact-" + ext, Type: "extension"},
	}
	if answered {
		rec.TimeStartToAnswer = startS + int64(ring)
		rec.RecordingFile = "https://recordings.sim.invalid/" + rec.TransactionID + ".mp3"
	}
	return rec
}

// runCall plays a placed call: state hooks, then the record joins the
// history, then the CDR hook.
func (s *Server) runCall(rec *callRecord) {
	defer s.history.wg.Done()
	s.emitState(rec, "ringing")
	if rec.Disposition == "answered" {
		s.emitState(rec, "answered")
	}
	s.emitState(rec, "hangup")
	s.mu.Lock()
	s.history.add(rec)
	s.mu.Unlock()
	s.emitCDR(rec)
}

// WaitCalls waits until every placed call has finished and its hooks have
// been delivered (or given up).
func (s *Server) WaitCalls() { s.history.wg.Wait() }

func (s *Server) callRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/click2call", h: s.handleClick2Call},
	}
}

func (s *Server) handleClick2Call(r *http.Request) (any, error) {
	var in struct {
		Extension   string `json:"extension"`
		Hotline     string `json:"hotline"`
		PhoneNumber string `json:"phone_number"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	id, err := s.PlaceCall(in.Extension, in.Hotline, in.PhoneNumber)
	if err != nil {
		return nil, err
	}
	return map[string]string{"call_uuid": id}, nil
}

func isDigits(v string) bool {
	if v == "" {
		return false
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
