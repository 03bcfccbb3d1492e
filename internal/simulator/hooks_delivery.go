package simulator

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"time"
)

// Delivery is one attempt to deliver a hook: a call hook, or a contact
// hook.
type Delivery struct {
	URL     string // as registered (it may hold a secret)
	Type    string // the webhook type: "call" or "contact"
	State   string // call hooks: create, early, ringing, answered, hangup or cdr
	CallID  string // call hooks: the call's transaction_id
	Action  string // contact hooks: create, update or delete
	Attempt int    // 1 for the first delivery
	Status  int    // HTTP status answered, 0 on a transport error
}

// hookBackoff is the wait before the first redelivery; it doubles after
// each.
const hookBackoff = 10 * time.Millisecond

// Deliveries returns every hook delivery attempt so far, in order.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.hooks.deliveries)
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

// deliverAll delivers one hook to every call webhook that wants state. It
// is called without s.mu held.
func (s *Server) deliverAll(state, callID string, body func(attempt int) []byte) {
	s.mu.Lock()
	targets := s.hookTargets(state)
	s.mu.Unlock()
	for _, u := range targets {
		s.deliver(Delivery{URL: u, Type: "call", State: state, CallID: callID}, body)
	}
}

// deliver POSTs one hook to d.URL, and again (up to cfg.webhookRetry more
// times, with a doubling backoff) while the receiver does not answer 2xx.
// Each attempt is recorded as d with its number and outcome.
func (s *Server) deliver(d Delivery, body func(attempt int) []byte) {
	wait := hookBackoff
	for attempt := 1; attempt <= 1+max(s.cfg.webhookRetry, 0); attempt++ {
		if attempt > 1 {
			time.Sleep(wait)
			wait *= 2
		}
		status := s.post(d.URL, body(attempt))
		d.Attempt, d.Status = attempt, status
		s.mu.Lock()
		s.hooks.deliveries = append(s.hooks.deliveries, d)
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

// WaitHooks waits until every placed call has finished and every hook in
// flight, call or contact, has been delivered (or given up).
func (s *Server) WaitHooks() {
	s.WaitCalls()
	s.hooks.wg.Wait()
}

// waitHooks waits for deliveries in flight (called by Start's stop).
func (s *Server) waitHooks() { s.WaitHooks() }
