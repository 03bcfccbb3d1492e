package simulator

import (
	"cmp"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).callRoutes}) }

// PlaceCall places a click-to-call as POST /api/click2call does: it validates
// the extension and hotline, and then, in the background, rings the
// extension, connects the phone number, hangs up, adds the call to the
// history and delivers the call hooks. It returns the call id. The call is
// played at once: it ends when it is placed (and began its length
// earlier), so no time it reports lies in the future.
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
	rec := s.newPlacedCall("outbound", extension, hotline, phone)
	s.history.wg.Add(1)
	go s.runCall(rec, nil)
	return rec.TransactionID, nil
}

// newCallRecord makes a finished call that started at start. s.mu is held.
func (s *Server) newCallRecord(start time.Time, direction, ext, hotline, phone string) *callRecord {
	rec := new(callRecord)
	s.fillCallRecord(rec, start, direction, ext, hotline, phone)
	return rec
}

// placedTalkMax is the longest talk of a placed call, in seconds. With at
// most 21 s of ringing, a placed call lasts under a minute, so it was
// created within the minute before it was placed.
const placedTalkMax = 30

// newPlacedCall makes the record of a call placed now. The simulator plays
// a call at once, so the call is over as soon as it is placed: it ends now
// and started its length earlier, and nothing it reports (CDR, live
// events, record) lies in the future. Its talk is cut to placedTalkMax, so
// that it starts shortly before it is placed. s.mu is held.
func (s *Server) newPlacedCall(direction, ext, hotline, phone string) *callRecord {
	now := s.now()
	rec := s.newCallRecord(now, direction, ext, hotline, phone)
	ring, talk := rec.ringTalk()
	if talk > placedTalkMax {
		talk = 5 + talk%(placedTalkMax-4) // 5 to placedTalkMax, from the seeded draw
	}
	rec.setTimes(now.UnixMilli()-int64(ring+talk)*1000, ring, talk)
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
	customer := "Customer " + phone
	switch direction {
	case "inbound":
		src, dst = phone, hotline
	case "local":
		src, dst, hotline, customer = ext, phone, "", s.agentName(phone)
	}
	*rec = callRecord{
		TransactionID: s.newID(), TenantID: "sim-tenant", Direction: direction,
		SourceNumber: src, DestinationNumber: dst, FromNumber: ext, ToNumber: phone, PhoneNumber: phone,
		Hotline: hotline, SIPNumber: hotline, SIPUser: ext, DomainFusion: s.cfg.tenant.DomainFusion,
		Disposition: disp, Provider: providers[s.rng.IntN(len(providers))], IVR: "none",
		Tag: []string{}, EndByName: "end_call_by_customer",
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
		rec.RecordingFile = "https://recordings.sim.invalid/" + rec.TransactionID + ".mp3"
	}
	rec.setTimes(start.UnixMilli(), ring, talk)
}

// setTimes lays out the call's timeline from startMs (Unix ms): ring
// seconds of ringing, then, on an answered call, talk seconds of talk. Every
// time, length and the price follow from these three, so they agree:
// time_start_call <= time_start_to_answer <= time_end_call, duration =
// end - start and bill_sec = end - answer. An unanswered call's
// time_start_to_answer is its start.
func (rec *callRecord) setTimes(startMs int64, ring, talk int) {
	startS := startMs / 1000
	answer := startS
	if rec.Disposition == "answered" {
		answer += int64(ring)
	} else {
		talk = 0
	}
	rec.Duration, rec.BillSec, rec.RecordSeconds, rec.AnswerSec = ring+talk, talk, talk, talk
	rec.TimeStartCall, rec.TimeStartToAnswer, rec.TimeEndCall = startS, answer, startS+int64(ring+talk)
	rec.CreatedDate, rec.LastUpdatedDate = startMs, startMs+int64(ring+talk)*1000
	rec.CallOutPrice = 0
	if rec.Direction == "outbound" {
		rec.CallOutPrice = float64(talk) * 12.5
	}
}

// ringTalk returns the seconds the call rang and was talked.
func (rec *callRecord) ringTalk() (ring, talk int) {
	if rec.Disposition == "answered" {
		return int(rec.TimeStartToAnswer - rec.TimeStartCall), rec.BillSec
	}
	return rec.Duration, 0
}

// endAt moves the call, keeping its lengths, so that it ends at endMs
// (Unix ms).
func (rec *callRecord) endAt(endMs int64) {
	ring, talk := rec.ringTalk()
	rec.setTimes(endMs-int64(ring+talk)*1000, ring, talk)
}

// endBy shortens a call that started by nowMs (Unix ms) but would end after
// it, keeping its start, so that it is over by nowMs: the talk is cut
// first, then the ringing; a call with less than two seconds left cannot
// have been answered and becomes a missed one. A call that starts after
// nowMs is left as it is.
func (rec *callRecord) endBy(nowMs int64) {
	left := (nowMs - rec.CreatedDate) / 1000
	if left < 0 || int64(rec.Duration) <= left {
		return
	}
	ring, _ := rec.ringTalk()
	if rec.Disposition == "answered" && left >= 2 {
		ring = min(ring, int(left)-1)
		rec.setTimes(rec.CreatedDate, ring, int(left)-ring)
		return
	}
	rec.Disposition, rec.RecordingFile = "cancelled", ""
	rec.setTimes(rec.CreatedDate, int(left), 0)
}

var providers = []string{"viettel", "mobifone", "vinaphone", "itel"}

// runCall plays a call: its live events, then the record joins the
// history, then the CDR hook. ringing are the extensions a call to a group
// rings at, each on a leg of its own, with a ringing event each; nil is a
// placed call, which rings its agent alone (rec.SIPUser). The events before
// the ringing (create, early) name the agent on a placed call, and no
// extension yet on a call to a group.
//
// The legs (call_uuid): a placed call has one, named by the transaction
// id, or with WithTwoLegCalls, once answered, two: the agent's (the
// transaction id) until the answer, then the customer's. A call to a group
// comes in on the customer's leg (the transaction id); each extension
// rings on a leg of its own; the answer, the hangup and the CDR are the
// answering extension's.
func (s *Server) runCall(rec *callRecord, ringing []string) {
	defer s.history.wg.Done()
	s.mu.Lock()
	id, agent, pre := rec.TransactionID, rec.SIPUser, rec.SIPUser
	start, answer, end := rec.CreatedDate, rec.TimeStartToAnswer*1000, rec.TimeEndCall*1000
	answered := rec.Disposition == "answered"
	twoLegs := ringing == nil && s.cfg.twoLegCalls && answered
	var first, last string // the legs of the events before and after the answer; "" for a call of one leg
	ringLegs := make([]string, len(ringing))
	switch {
	case twoLegs:
		first, last = id, s.newID()
	case ringing != nil:
		first, last = id, id
		for i, ext := range ringing {
			ringLegs[i] = s.newID()
			if ext == agent && answered {
				last = ringLegs[i]
			}
		}
	}
	s.mu.Unlock()
	if ringing == nil {
		ringing, ringLegs = []string{agent}, []string{first}
	} else {
		pre = ""
	}
	if s.cfg.liveEvents2026 {
		s.emitState(rec, liveEvent{"create", pre, start, first})
		s.emitState(rec, liveEvent{"early", pre, start, first})
	}
	for i, ext := range ringing {
		s.emitState(rec, liveEvent{"ringing", ext, start, ringLegs[i]})
	}
	if answered {
		s.emitState(rec, liveEvent{"answered", agent, answer, last})
	}
	s.emitState(rec, liveEvent{"hangup", agent, end, last})
	s.mu.Lock()
	s.history.add(rec)
	cdr := *rec // the stored record may change (note, tags) while the hook is sent
	s.mu.Unlock()
	if twoLegs {
		s.emitCDR(agentLeg(&cdr), first) // the agent's leg, then the whole call on the customer's
	}
	s.emitCDR(&cdr, cmp.Or(last, id))
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
