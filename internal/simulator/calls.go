package simulator

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).callRoutes}) }

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
	if s.cfg.liveEvents2026 {
		s.emitState(rec, "create")
		s.emitState(rec, "early")
	}
	s.emitState(rec, "ringing")
	if rec.Disposition == "answered" {
		s.emitState(rec, "answered")
	}
	s.emitState(rec, "hangup")
	s.mu.Lock()
	s.history.add(rec)
	cdr := *rec // the stored record may change (note, tags) while the hook is sent
	s.mu.Unlock()
	if s.cfg.twoLegCalls && rec.Disposition == "answered" {
		s.emitCDR(agentLeg(&cdr)) // the first leg's record, then the whole call's
	}
	s.emitCDR(&cdr)
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

// DemoCaller returns an extension that can place a click-to-call (it exists
// and is registered on the PBX) and a hotline it may call out on, for
// examples and tests that need a call to produce call hooks. It looks at
// the extensions 100 to 9999 and falls back to "100".
func (s *Server) DemoCaller() (extension, hotline string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	extension = "100"
	for i := 100; i < 10000; i++ {
		if ext := strconv.Itoa(i); s.extensionExists(ext) && s.extensionRegistered(ext) {
			extension = ext
			break
		}
	}
	if hs := s.hotlines(); len(hs) > 0 {
		hotline = hs[0]
	}
	return extension, hotline
}
