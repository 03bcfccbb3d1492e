package main

import (
	"net/http"
	"strings"
	"testing"
)

// extensionRoutes are the simulator's routes that tell an agent's extension.
var extensionRoutes = []string{"GET /api/call_center/extensions/detail", "GET /api/call_center/internal_phone/list"}

func extensionReads(s *simulation) int {
	n := 0
	for _, r := range extensionRoutes {
		n += s.sim.Requests(r)
	}
	return n
}

func TestSignInAnswersTheSameForKnownAndUnknownEmails(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	known, knownBody := call(t, agentClient(t), "POST", s.url+"/api/session", "application/json", `{"email":"`+agentAn+`"}`)
	unknown, unknownBody := call(t, agentClient(t), "POST", s.url+"/api/session", "application/json", `{"email":"nobody@democo.example"}`)
	if known != unknown || knownBody != unknownBody {
		t.Fatalf("known e-mail: %d %s; unknown e-mail: %d %s — the answers tell which e-mails are agents'", known, knownBody, unknown, unknownBody)
	}
}

func TestSignInIsRateLimitedPerAddress(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	limited := 0
	for i := range 30 {
		status, _ := call(t, agentClient(t), "POST", s.url+"/api/session", "application/json", `{"email":"guess`+strings.Repeat("x", i)+`@democo.example"}`)
		if status == http.StatusTooManyRequests {
			limited++
		} else if limited > 0 {
			t.Fatalf("attempt %d: %d after being rate limited", i, status)
		}
	}
	if limited == 0 {
		t.Fatal("30 sign-in attempts in a row from one address: none rate limited")
	}
}

func TestSignInDoesNotAskOMICallEachTime(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	before := extensionReads(s)
	for _, email := range []string{agentAn, "nobody@democo.example", agentBinh, "no.one@democo.example", agentAn} {
		call(t, agentClient(t), "POST", s.url+"/api/session", "application/json", `{"email":"`+email+`"}`)
	}
	if n := extensionReads(s) - before; n > 1 {
		t.Fatalf("5 sign-in attempts made %d requests to OMICall, want at most 1 (a cached agent directory)", n)
	}
}
