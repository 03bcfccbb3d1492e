package simulator

import (
	"net/http"
	"time"
)

func init() { register(domain{routes: (*Server).historyReportRoutes}) }

// historyReportRoutes are the call reports: the totals and the v3 counts
// per day (docs/api.md §18.2).
func (s *Server) historyReportRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/call_transaction/report", h: s.handleHistoryReport},
		{method: "GET", pattern: "/api/v3/call-transaction/report", auth: authAPIKey, h: s.handleV3Report},
	}
}

// report is the payload of GET /api/call_transaction/report.
type report struct {
	ByDirection   []reportDirection   `json:"categorized_by_direction"`
	ByDisposition []reportDisposition `json:"categorized_by_disposition"`
	Local         reportLocal         `json:"categorized_by_local_direction"`
}

type reportDirection struct {
	ID         string `json:"_id"`
	TotalCount int    `json:"total_count"`
	TotalTime  int    `json:"total_time"` // seconds billed
}

type reportDisposition struct {
	ID            string `json:"_id"`
	TotalCount    int    `json:"total_count"`
	TotalOutbound int    `json:"total_outbound"`
	TotalInbound  int    `json:"total_inbound"`
}

type reportLocal struct {
	TotalCall       int  `json:"total_call"`
	TotalCallAnswer *int `json:"total_call_answer"` // null when no internal call was answered, as in the vendor's example
}

func (s *Server) handleHistoryReport(r *http.Request) (any, error) {
	q := r.URL.Query()
	from, to, err := queryDates(q, false)
	if err != nil {
		return nil, err
	}
	f := callFilter{numbers: q["numbers"], agents: q["agents"], sipUser: q.Get("sip_user")}
	s.mu.Lock()
	defer s.mu.Unlock()
	rep := report{
		ByDirection:   []reportDirection{{ID: "inbound"}, {ID: "outbound"}},
		ByDisposition: []reportDisposition{{ID: "cancelled"}, {ID: "answered"}},
	}
	answeredLocal := 0
	for _, rec := range s.history.between(from, to) {
		if !f.match(rec) {
			continue
		}
		if rec.Direction == "local" {
			rep.Local.TotalCall++
			if rec.Disposition == "answered" {
				answeredLocal++
			}
			continue
		}
		dir := &rep.ByDirection[0]
		if rec.Direction == "outbound" {
			dir = &rep.ByDirection[1]
		}
		dir.TotalCount++
		dir.TotalTime += rec.BillSec
		disp := &rep.ByDisposition[0]
		if rec.Disposition == "answered" {
			disp = &rep.ByDisposition[1]
		}
		disp.TotalCount++
		if rec.Direction == "outbound" {
			disp.TotalOutbound++
		} else {
			disp.TotalInbound++
		}
	}
	if answeredLocal > 0 {
		rep.Local.TotalCallAnswer = &answeredLocal
	}
	return rep, nil
}

// handleV3Report serves GET /api/v3/call-transaction/report with the shape
// docs/api.md §18.2 describes (weak evidence): counts by direction and by
// answered/unanswered, per day. Range at most 12 months.
func (s *Server) handleV3Report(r *http.Request) (any, error) {
	q := r.URL.Query()
	if q.Get("from_date") == "" { // the v3 names, as the SDK guesses them
		q.Set("from_date", q.Get("fromDate"))
		q.Set("to_date", q.Get("toDate"))
	}
	from, to, err := queryDates(q, false)
	if err != nil {
		return nil, err
	}
	if to-from > 366*24*3600*1000 {
		return nil, fail("date_is_too_long")
	}
	type day struct {
		Date       string `json:"date"`
		Inbound    int    `json:"inbound"`
		Outbound   int    `json:"outbound"`
		Local      int    `json:"local"`
		Answered   int    `json:"answered"`
		Unanswered int    `json:"unanswered"`
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var days []day
	for _, rec := range s.history.between(from, to) {
		d := time.UnixMilli(rec.CreatedDate).In(time.FixedZone("ICT", 7*3600)).Format(time.DateOnly)
		if len(days) == 0 || days[len(days)-1].Date != d {
			days = append(days, day{Date: d})
		}
		cur := &days[len(days)-1]
		switch rec.Direction {
		case "inbound":
			cur.Inbound++
		case "outbound":
			cur.Outbound++
		default:
			cur.Local++
		}
		if rec.Disposition == "answered" {
			cur.Answered++
		} else {
			cur.Unanswered++
		}
	}
	return map[string]any{"by_day": days}, nil
}
