package simulator

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

func init() { register(domain{routes: (*Server).hookRoutes}) }

// hookState holds the webhook registrations and the deliveries made.
type hookState struct {
	regs       []hookRegistration // in registration order
	deliveries []Delivery
}

// hookRegistration is one registered webhook.
type hookRegistration struct {
	Type   string   `json:"type"`
	URL    string   `json:"url"`
	Events []string `json:"events"` // nil: every event
}

// webhookView is a registration as GET /api/webhooks/list shows it.
type webhookView struct {
	URL    string `json:"url"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// Delivery is one attempt to deliver a call hook.
type Delivery struct {
	URL     string // as registered (it may hold a secret)
	State   string // ringing, answered, hangup or cdr
	CallID  string
	Attempt int // 1 for the first delivery
	Status  int // HTTP status answered, 0 on a transport error
}

// hookBackoff is the wait before the first redelivery; it doubles after
// each.
const hookBackoff = 10 * time.Millisecond

// hookTypes are the documented webhook types; hookEvents the documented
// events a registration may select.
var (
	hookTypes  = []string{"call", "contact"}
	hookEvents = []string{"create", "early", "ringing", "answered", "hangup", "cdr"}
)

func (s *Server) hookRoutes() []route {
	return []route{
		{method: "GET", pattern: "/api/webhooks/list", h: s.handleHookList},
		{method: "POST", pattern: "/api/webhooks/register", h: s.handleHookRegister},
		{method: "POST", pattern: "/api/webhooks/destroy", h: s.handleHookDestroy},
	}
}

// hookList returns the registrations as the API shows them. s.mu is held.
func (s *Server) hookList() []webhookView {
	out := make([]webhookView, 0, len(s.hooks.regs))
	for _, r := range s.hooks.regs {
		out = append(out, webhookView{URL: r.URL, Type: r.Type, Status: "actived"})
	}
	return out
}

func (s *Server) handleHookList(*http.Request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hookList(), nil
}

// handleHookRegister adds a webhook, or replaces the events of the same
// (type, URL). The URL must be https, or http to a loopback host.
func (s *Server) handleHookRegister(r *http.Request) (any, error) {
	var in struct {
		Webhook *hookRegistration `json:"webhook"`
		hookRegistration
	}
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	reg := in.Webhook
	if reg == nil && in.Type != "" { // the flat body (REFERENCE §18.7)
		reg = &in.hookRegistration
	}
	if reg == nil || reg.Type == "" || reg.URL == "" {
		return nil, fail("data_is_required")
	}
	if !slices.Contains(hookTypes, reg.Type) {
		return nil, fail("hook_type_invalid")
	}
	if !hookURLValid(reg.URL) {
		return nil, fail("url_invalid")
	}
	for _, e := range reg.Events {
		if !slices.Contains(hookEvents, e) {
			return nil, fail("events_invalid")
		}
	}
	if len(reg.Events) == 0 {
		reg.Events = nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := slices.IndexFunc(s.hooks.regs, func(h hookRegistration) bool { return h.Type == reg.Type && h.URL == reg.URL })
	if i >= 0 {
		s.hooks.regs[i] = *reg
	} else {
		s.hooks.regs = append(s.hooks.regs, *reg)
	}
	return s.hookList(), nil
}

// handleHookDestroy removes every webhook of hook_type (none is not an error).
func (s *Server) handleHookDestroy(r *http.Request) (any, error) {
	t := r.URL.Query().Get("hook_type")
	if t == "" {
		return nil, fail("data_is_required")
	}
	if !slices.Contains(hookTypes, t) {
		return nil, fail("hook_type_invalid")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hooks.regs = slices.DeleteFunc(s.hooks.regs, func(h hookRegistration) bool { return h.Type == t })
	return nil, nil
}

// hookURLValid accepts an absolute https URL, or http to a loopback host.
func hookURLValid(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return false
	}
	switch u.Scheme {
	case "https":
		return true
	case "http":
		h := u.Hostname()
		ip := net.ParseIP(h)
		return strings.EqualFold(h, "localhost") || (ip != nil && ip.IsLoopback())
	}
	return false
}

// Webhooks returns the registered webhook URLs of type t ("call" or
// "contact").
func (s *Server) Webhooks(t string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, r := range s.hooks.regs {
		if r.Type == t {
			out = append(out, r.URL)
		}
	}
	return out
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

// Deliveries returns every call-hook delivery attempt so far, in order.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hooks.deliveries)
}

// stateEvent is a call-state hook (REFERENCE §14.1).
type stateEvent struct {
	CallUUID    string `json:"call_uuid"`
	State       string `json:"state"`
	Direction   string `json:"direction"`
	FromNumber  string `json:"from_number"`
	ToNumber    string `json:"to_number"`
	Hotline     string `json:"hotline"`
	CreatedTime int64  `json:"created_time"` // s: when the call was created
	DateTime    int64  `json:"date_time"`    // ms: when the state was reached
}

// cdrEvent is the finished-call hook (REFERENCE §14.2): the record's fields
// with the CDR's names. The shadowing fields with omitempty hide the record
// fields the CDR does not carry.
type cdrEvent struct {
	*callRecord
	RecordingFile     string `json:"recording_file,omitempty"`
	Disposition       string `json:"disposition,omitempty"`
	Evaluations       any    `json:"evaluations,omitempty"`
	TotalEvaluate     any    `json:"total_evaluate,omitempty"`
	BillSecForwardOut int    `json:"bill_sec_forward_out,omitempty"`

	State             string `json:"state"`
	RecordingFileURL  string `json:"recording_file_url"`
	SendNumRetry      int    `json:"send_num_retry"` // 1 on the first delivery
	TransferHistories []any  `json:"transfer_histories"`
}

// emitState delivers a call-state hook (ringing, answered, hangup) for rec.
// It is called without s.mu held, in call order. date_time is the moment
// the call reached the state on its simulated timeline.
func (s *Server) emitState(rec *callRecord, state string) {
	if s.cfg.liveEvents2026 {
		s.emitState2026(rec, state)
		return
	}
	s.mu.Lock()
	at := rec.CreatedDate
	switch state {
	case "answered":
		at = rec.TimeStartToAnswer * 1000
	case "hangup":
		at = rec.TimeEndCall * 1000
	}
	body, err := json.Marshal(stateEvent{
		CallUUID: rec.TransactionID, State: state, Direction: rec.Direction,
		FromNumber: rec.FromNumber, ToNumber: rec.ToNumber, Hotline: rec.Hotline,
		CreatedTime: rec.CreatedDate / 1000, DateTime: at,
	})
	targets := s.hookTargets(state)
	s.mu.Unlock()
	if err != nil {
		return
	}
	for _, u := range targets {
		s.deliver(u, state, rec.TransactionID, func(int) []byte { return body })
	}
}

// emitCDR delivers the finished-call record of rec. It is called without s.mu
// held, after the state hooks. Each attempt carries its number in
// send_num_retry.
func (s *Server) emitCDR(rec *callRecord) {
	s.mu.Lock()
	targets := s.hookTargets("cdr")
	s.mu.Unlock()
	for _, u := range targets {
		s.deliver(u, "cdr", rec.TransactionID, func(attempt int) []byte {
			s.mu.Lock() // the record is in the history now and may be annotated
			defer s.mu.Unlock()
			b, _ := json.Marshal(cdrEvent{
				callRecord: rec, State: "cdr", RecordingFileURL: rec.RecordingFile,
				SendNumRetry: attempt, TransferHistories: []any{},
			})
			return b
		})
	}
}

// hookTargets returns the URLs of the call webhooks that want state. s.mu is
// held.
func (s *Server) hookTargets(state string) []string {
	var out []string
	for _, r := range s.hooks.regs {
		if r.Type == "call" && (r.Events == nil || slices.Contains(r.Events, state)) {
			out = append(out, r.URL)
		}
	}
	return out
}

// deliver POSTs one hook to u, and again (up to cfg.webhookRetry more times,
// with a doubling backoff) while the receiver does not answer 2xx.
func (s *Server) deliver(u, state, callID string, body func(attempt int) []byte) {
	wait := hookBackoff
	for attempt := 1; attempt <= 1+max(s.cfg.webhookRetry, 0); attempt++ {
		if attempt > 1 {
			time.Sleep(wait)
			wait *= 2
		}
		status := s.post(u, body(attempt))
		s.mu.Lock()
		s.hooks.deliveries = append(s.hooks.deliveries, Delivery{URL: u, State: state, CallID: callID, Attempt: attempt, Status: status})
		s.mu.Unlock()
		if status >= 200 && status < 300 {
			return
		}
	}
}

// post sends one delivery and returns the HTTP status (0 on a transport
// error).
func (s *Server) post(u string, body []byte) int {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "omicall-simulator/"+Version)
	resp, err := s.cfg.hookClient.Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode
}

// waitHooks waits for deliveries in flight (called by Start's stop).
func (s *Server) waitHooks() { s.WaitCalls() }
