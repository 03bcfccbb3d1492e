package simulator

import (
	"strconv"
	"time"
)

// historySeedOrder is when the call history is seeded: after the call
// center, whose draws on the seeded source come first.
const historySeedOrder = callCenterSeedOrder + 1

func init() { register(domain{seed: (*Server).initHistory, seedOrder: historySeedOrder}) }

// The agents, queues, customers, notes and tags the seeded history draws on.
var (
	historyExtensions = []string{"100", "101", "102", "103", "104", "105", "106", "107"}
	historyQueues     = []string{"8001", "8002", "8003"}
	historyNotes      = []string{"Khách hẹn gọi lại", "Đã chốt đơn", "Cần hỗ trợ kỹ thuật", "Hỏi giá sản phẩm"}
	historyTags       = [][]string{{"vip"}, {"callback"}, {"complaint", "vip"}, {"sale"}}
)

// historyCustomers is how many distinct customer numbers the seeded history
// uses (customers call more than once).
const historyCustomers = 2000

// historyAgentUUID is the third-party user id of the agent on ext.
func historyAgentUUID(ext string) string { return "user-" + ext }

// historyAgentEmail is the email of the agent on ext.
func historyAgentEmail(ext string) string { return "agent" + ext + "@demo.example" }

// initHistory seeds cfg.historySize calls spread evenly at random over
// cfg.historySpan, ending at cfg.historyEnd (zero: now). Call i falls in the
// i-th of historySize equal slots, so the records are made in created_date
// order and need no sorting. Every choice comes from the seeded source.
func (s *Server) initHistory() {
	n := s.cfg.historySize
	if n <= 0 {
		return
	}
	end := s.cfg.historyEnd
	if end.IsZero() {
		end = s.now()
	}
	nowMs := s.now().UnixMilli()
	spanMs := max(s.cfg.historySpan.Milliseconds(), 1)
	startMs := end.UnixMilli() - spanMs
	hotlines := s.hotlines()
	if len(hotlines) == 0 {
		hotlines = []string{"842899990001"}
	}
	phones := make([]string, historyCustomers)
	for i := range phones {
		phones[i] = "09" + strconv.FormatInt(10_000_000+s.rng.Int64N(90_000_000), 10)
	}
	recs := make([]callRecord, n)
	s.history.recs = make([]*callRecord, n)
	s.history.byID = make(map[string]*callRecord, n)
	for i := range recs {
		lo := startMs + int64(i)*spanMs/int64(n)
		hi := startMs + int64(i+1)*spanMs/int64(n)
		at := time.UnixMilli(lo + s.rng.Int64N(max(hi-lo, 1)))
		ext := historyExtensions[s.rng.IntN(len(historyExtensions))]
		hotline := hotlines[s.rng.IntN(len(hotlines))]
		phone := phones[s.rng.IntN(len(phones))]
		dir := "outbound"
		switch d := s.rng.IntN(100); {
		case d >= 90:
			dir = "local"
			phone = historyExtensions[s.rng.IntN(len(historyExtensions))]
		case d >= 45:
			dir = "inbound"
		}
		rec := &recs[i]
		s.fillCallRecord(rec, at, dir, ext, hotline, phone)
		rec.endBy(nowMs) // a call made just before now is not over later than now
		switch {
		case dir == "inbound":
			rec.queue = historyQueues[s.rng.IntN(len(historyQueues))]
		case dir == "outbound" && s.rng.IntN(100) < 8:
			rec.IsAutoCall = true
		}
		if s.rng.IntN(100) < 20 {
			k := s.rng.IntN(len(historyNotes))
			note := historyNotes[k]
			rec.Note, rec.Tag = &note, historyTags[k]
		}
		s.history.recs[i] = rec
		s.history.byID[rec.TransactionID] = rec
	}
}
