package simulator

import (
	"cmp"
	"net/http"
	"strings"
	"time"
)

// FaultKind is what an injected fault does to a request.
type FaultKind int

// The fault kinds.
const (
	// FaultStatus answers with Status (and Retry-After, if set) and an error
	// envelope.
	FaultStatus FaultKind = iota
	// FaultMalformed answers HTTP 200 with an HTML page instead of JSON.
	FaultMalformed
	// FaultTruncated answers HTTP 200 with the first half of a valid envelope.
	FaultTruncated
	// FaultDrop closes the connection without an answer (a network error).
	FaultDrop
	// FaultRevoke revokes every issued token, then serves the request
	// normally (so it fails with 401 if it carried a token).
	FaultRevoke
)

// Fault is a failure injected into the next Times requests of a route.
type Fault struct {
	// Route limits the fault to one route ("GET /api/tenant/detail"); empty
	// means every route except GET /api/auth.
	Route      string
	Kind       FaultKind
	Status     int    // for FaultStatus; default 503, or 200 when Code is set
	RetryAfter string // Retry-After header for FaultStatus, e.g. "1"
	Times      int    // how many requests it hits; default 1
	// Code is the envelope message of FaultStatus, e.g. "token_expired",
	// "permission_denied", "rate_limit_exceeded" (docs/api.md §18.5); empty
	// means service_unavailable (too_many_requests for 429).
	Code string
	// StatusCode is the envelope status_code of FaultStatus; 0 means -9999.
	// The vendor's client also meets 401 there (docs/api.md §18.5).
	StatusCode int
}

type faultState struct {
	queue     []Fault
	latency   time.Duration
	errorRate float64
	errStatus int
}

// InjectFault queues a fault. Faults apply in the order injected.
func (s *Server) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Kind == FaultStatus && f.Status == 0 {
		f.Status = http.StatusServiceUnavailable
		if f.Code != "" {
			f.Status = http.StatusOK // OMICall answers its codes with HTTP 200
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.queue = append(s.faults.queue, f)
}

// ClearFaults removes every queued fault, the latency and the error rate.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = faultState{}
}

// SetLatency delays every answer by d.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.latency = d
}

// SetErrorRate makes a share p (0..1) of requests, drawn from the seeded
// random source, fail with HTTP status (default 503).
func (s *Server) SetErrorRate(p float64, status int) {
	if status == 0 {
		status = http.StatusServiceUnavailable
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.errorRate, s.faults.errStatus = p, status
}

// RevokeTokens invalidates every token issued so far.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// applyFaults serves the request with a fault and reports true when one
// applies.
func (s *Server) applyFaults(w http.ResponseWriter, r *http.Request, name string) bool {
	s.mu.Lock()
	latency := s.faults.latency
	f, ok := s.takeFault(name)
	if !ok && s.faults.errorRate > 0 && name != "GET /api/auth" && s.rng.Float64() < s.faults.errorRate {
		f, ok = Fault{Kind: FaultStatus, Status: s.faults.errStatus}, true
	}
	if ok && f.Kind == FaultRevoke {
		clear(s.tokens)
		ok = false
	}
	s.mu.Unlock()
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		}
	}
	if !ok {
		return false
	}
	switch f.Kind {
	case FaultMalformed:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("<html><body><h1>Bad Gateway</h1></body></html>"))
	case FaultTruncated:
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"status_code":9999,"instance_id":"sim","payload":{"full_na`))
	case FaultDrop:
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				_ = conn.Close()
				return true
			}
		}
		panic(http.ErrAbortHandler)
	default:
		if f.RetryAfter != "" {
			w.Header().Set("Retry-After", f.RetryAfter)
		}
		code := f.Code
		switch {
		case code != "":
		case f.Status == http.StatusTooManyRequests:
			code = "too_many_requests"
		default:
			code = "service_unavailable"
		}
		writeEnvelope(w, f.Status, cmp.Or(f.StatusCode, -9999), code, nil)
	}
	return true
}

// takeFault pops the first queued fault that matches the route. s.mu is held.
func (s *Server) takeFault(name string) (Fault, bool) {
	for i, f := range s.faults.queue {
		match := f.Route == name || (f.Route == "" && name != "GET /api/auth") ||
			(f.Route != "" && !strings.Contains(f.Route, " ") && strings.HasSuffix(name, " "+f.Route))
		if !match {
			continue
		}
		s.faults.queue[i].Times--
		if s.faults.queue[i].Times <= 0 {
			s.faults.queue = append(s.faults.queue[:i], s.faults.queue[i+1:]...)
		}
		return f, true
	}
	return Fault{}, false
}
