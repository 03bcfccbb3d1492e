package simulator

import (
	"encoding/binary"
	"encoding/hex"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
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

	listLimit int         // list requests allowed per rateWindow; 0: no limit
	listTimes []time.Time // when the list requests inside the window were served
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
	var u [16]byte
	binary.BigEndian.PutUint64(u[:8], s.rng.Uint64())
	binary.BigEndian.PutUint64(u[8:], s.rng.Uint64())
	u[6] = u[6]&0x0f | 0x40 // version 4
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	hex.Encode(b[9:13], u[4:6])
	hex.Encode(b[14:18], u[6:8])
	hex.Encode(b[19:23], u[8:10])
	hex.Encode(b[24:], u[10:])
	b[8], b[13], b[18], b[23] = '-', '-', '-', '-'
	return string(b[:])
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
	rec := new(callRecord)
	s.fillCallRecord(rec, start, direction, ext, hotline, phone)
	return rec
}

// fillCallRecord fills rec with a finished call of extension ext that started
// at start: outbound from hotline to phone, inbound from phone to hotline, or
// local from ext to the extension phone. Ringing and talk times, the
// disposition and the carrier come from the seeded source. s.mu is held.
func (s *Server) fillCallRecord(rec *callRecord, start time.Time, direction, ext, hotline, phone string) {
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
	price := float64(talk) * 12.5
	customer := "Customer " + phone
	switch direction {
	case "inbound":
		src, dst, price = phone, hotline, 0
	case "local":
		src, dst, price, hotline, customer = ext, phone, 0, "", s.agentName(phone)
	}
	startS := start.Unix()
	*rec = callRecord{
		TransactionID: s.newID(), TenantID: "sim-tenant", Direction: direction,
		SourceNumber: src, DestinationNumber: dst, FromNumber: ext, ToNumber: phone, PhoneNumber: phone,
		Hotline: hotline, SIPNumber: hotline, SIPUser: ext, DomainFusion: s.cfg.tenant.DomainFusion,
		Disposition: disp, Duration: ring + talk, BillSec: talk, RecordSeconds: talk, AnswerSec: talk,
		TimeStartCall: startS, TimeStartToAnswer: startS, TimeEndCall: startS + int64(ring+talk),
		CreatedDate: start.UnixMilli(), LastUpdatedDate: start.UnixMilli() + int64(ring+talk)*1000,
		Provider: providers[s.rng.IntN(len(providers))], IVR: "none",
		Tag: []string{}, CallOutPrice: price, EndByName: "end_call_by_customer",
		User:       []callUser{{FullName: agent, FullNameUnsigned: agent, Tag: []nameObj{}}},
		Customer:   callCustomer{FullName: customer, FullNameUnsigned: customer},
		CreateBy:   callParty{ID: "ext-" + ext, Name: agent, ContactID: "contact-" + ext, UUID: historyAgentUUID(ext), Type: "extension"},
		agentEmail: historyAgentEmail(ext),
	}
	if direction == "local" {
		rec.InternalDestination = &callParty{ID: "ext-" + phone, Name: customer, ContactID: "contact-" + phone,
			UUID: historyAgentUUID(phone), Type: "extension", Extension: phone}
	}
	if answered {
		rec.TimeStartToAnswer = startS + int64(ring)
		rec.RecordingFile = "https://recordings.sim.invalid/" + rec.TransactionID + ".mp3"
	}
}

var providers = []string{"viettel", "mobifone", "vinaphone", "itel"}

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
	cdr := *rec // the stored record may change (note, tags) while the hook is sent
	s.mu.Unlock()
	s.emitCDR(&cdr)
}

// WaitCalls waits until every placed call has finished and its hooks have
// been delivered (or given up).
func (s *Server) WaitCalls() { s.history.wg.Wait() }

func (s *Server) callRoutes() []route {
	return []route{
		{method: "POST", pattern: "/api/click2call", h: s.handleClick2Call},
		{method: "POST", pattern: "/api/auto_call/execute_by_phone", h: s.handleAutoCallByPhone},
		{method: "POST", pattern: "/api/auto_call/execute_by_extension", h: s.handleAutoCallByExtension},
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

// The text-to-speech limits of auto calls: characters per session and per
// day.
const (
	ttsSessionLimit = 300
	ttsDailyLimit   = 3000
)

// autoCallState is the auto-call bookkeeping: text-to-speech characters
// spoken on the current day.
type autoCallState struct {
	ttsDay   string // YYYY-MM-DD of ttsChars
	ttsChars int
}

// autoCallBody is the part of the two auto-call bodies they share.
type autoCallBody struct {
	Name      string `json:"name"`
	CID       string `json:"cid"`
	BrandName string `json:"brand_name"`
	Dialplans []struct {
		TargetType string `json:"target_type"`
		Target     string `json:"target"`
	} `json:"template_dialplans"`
	Variables []string `json:"variables"`
	Speed     int      `json:"speed"`
	Voice     string   `json:"voice"`
}

// checkAutoCall applies the rules of both auto-call endpoints and charges
// the text-to-speech characters. It returns the hotline to call from. s.mu
// is held.
func (s *Server) checkAutoCall(in *autoCallBody, cidRequired bool) (string, error) {
	if code, _ := s.cfg.tenant.ServicePackage["code_name"].(string); code == "trial" {
		return "", fail("limit_service")
	}
	if s.cfg.tenant.Balance <= 0 {
		return "", fail("balance_is_not_enough")
	}
	if len(in.Dialplans) == 0 || (cidRequired && in.CID == "") {
		return "", fail("data_is_required")
	}
	texts := 0
	for _, st := range in.Dialplans {
		switch st.TargetType {
		case "Text_variable":
			texts++
		case "Recording", "Ivr_menu":
			if st.Target == "" {
				return "", fail("data_is_required")
			}
		default:
			return "", failHTTP(http.StatusBadRequest, "template_dialplans_invalid")
		}
	}
	if texts != len(in.Variables) || in.Speed < -3 || in.Speed > 3 {
		return "", failHTTP(http.StatusBadRequest, "variables_invalid")
	}
	cid := in.CID
	hotlines := s.hotlines()
	if cid == "" && len(hotlines) > 0 {
		cid = hotlines[0]
	}
	if !slices.Contains(hotlines, cid) {
		return "", fail("number_call_out_invalid")
	}
	chars := 0
	for _, v := range in.Variables {
		chars += utf8.RuneCountInString(v)
	}
	if chars > ttsSessionLimit {
		return "", fail("limit_word_session")
	}
	day := s.now().Format(time.DateOnly)
	if s.history.auto.ttsDay != day {
		s.history.auto = autoCallState{ttsDay: day}
	}
	if s.history.auto.ttsChars+chars > ttsDailyLimit {
		return "", fail("limit_word")
	}
	s.history.auto.ttsChars += chars
	return cid, nil
}

// startAutoCall places one auto call: it runs like a placed call and joins
// the history. s.mu is held.
func (s *Server) startAutoCall(ext, cid, to string) string {
	rec := s.newCallRecord(s.now(), "outbound", ext, cid, to)
	rec.IsAutoCall = true
	if ext == "" { // no agent on a call to a customer
		rec.User, rec.CreateBy, rec.agentEmail = []callUser{}, callParty{}, ""
	}
	s.history.wg.Add(1)
	go s.runCall(rec)
	return rec.TransactionID
}

func (s *Server) handleAutoCallByPhone(r *http.Request) (any, error) {
	var in struct {
		autoCallBody
		PhoneNumberList []string `json:"phone_number_list"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.PhoneNumberList) == 0 || !all(in.PhoneNumberList, func(p string) bool { return isDigits(strings.TrimPrefix(p, "+")) }) {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cid, err := s.checkAutoCall(&in.autoCallBody, false)
	if err != nil {
		return nil, err
	}
	for _, phone := range in.PhoneNumberList {
		s.startAutoCall("", cid, phone)
	}
	return map[string]string{"autocall_id": s.newID(), "name": in.Name}, nil
}

func (s *Server) handleAutoCallByExtension(r *http.Request) (any, error) {
	var in struct {
		autoCallBody
		Extensions []string `json:"extensions"`
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	if len(in.Extensions) == 0 {
		return nil, fail("data_is_required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !all(in.Extensions, s.extensionExists) {
		return nil, fail("extension_invalid")
	}
	cid, err := s.checkAutoCall(&in.autoCallBody, true)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(in.Extensions))
	for _, ext := range in.Extensions {
		ids = append(ids, s.startAutoCall(ext, cid, ext))
	}
	return map[string]any{"autocall_uuids": ids, "autocall_id": objectID(s.newID())}, nil
}

// all reports whether ok holds for every element of vs.
func all(vs []string, ok func(string) bool) bool {
	for _, v := range vs {
		if !ok(v) {
			return false
		}
	}
	return true
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
