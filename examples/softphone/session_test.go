package main

import (
	"net/http"
	"strings"
	"testing"
)

// request sends a request with the given headers and returns the status.
func request(t *testing.T, hc *http.Client, method, url string, headers map[string]string, body string) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestCrossSiteRequestsAreRefused(t *testing.T) {
	s, _ := startTest(t, config{}, nil)

	// A cross-site HTML form can post text/plain with no preflight.
	hc := agentClient(t)
	status := request(t, hc, "POST", s.url+"/api/session", map[string]string{"Content-Type": "text/plain"}, `{"email":"`+agentAn+`","x":"="}`)
	if status != http.StatusUnsupportedMediaType {
		t.Errorf("text/plain sign-in: %d, want 415", status)
	}
	if len(hc.Jar.Cookies(mustURL(t, s.url))) != 0 {
		t.Fatal("a text/plain sign-in set a session cookie")
	}

	signIn(t, s, hc, agentAn)
	json := map[string]string{"Content-Type": "application/json"}
	for _, h := range []map[string]string{
		{"Origin": "https://evil.example"},
		{"Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "same-site", "Origin": "https://other.crm.example"},
	} {
		for k, v := range json {
			h[k] = v
		}
		for _, r := range []struct{ method, path, body string }{
			{"POST", "/api/session", `{"email":"` + agentBinh + `"}`},
			{"POST", "/api/calls", `{"phone":"` + testPhone + `"}`},
			{"DELETE", "/api/session", ""},
			{"GET", "/api/me/sip", ""},
		} {
			if status := request(t, hc, r.method, s.url+r.path, h, r.body); status != http.StatusForbidden {
				t.Errorf("%s %s with %v: %d, want 403", r.method, r.path, h, status)
			}
		}
	}
	if n := s.sim.Requests("POST /api/click2call"); n != 0 {
		t.Fatalf("%d cross-site click-to-calls reached OMICall", n)
	}
	// The page's own requests still pass.
	same := map[string]string{"Content-Type": "application/json", "Origin": s.url, "Sec-Fetch-Site": "same-origin"}
	if status := request(t, hc, "POST", s.url+"/api/calls", same, `{"phone":"`+testPhone+`"}`); status != http.StatusAccepted {
		t.Fatalf("same-origin click-to-call: %d, want 202", status)
	}
	s.sim.WaitCalls()
}

func TestCookieCopiedBeforeSignOutIsRefusedAfter(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	copied := hc.Jar.Cookies(mustURL(t, s.url))
	if len(copied) != 1 {
		t.Fatalf("%d cookies, want 1", len(copied))
	}
	if status, body := call(t, hc, "DELETE", s.url+"/api/session", "", ""); status != http.StatusNoContent {
		t.Fatalf("sign-out: %d %s", status, body)
	}
	for _, path := range []string{"/api/me", "/api/me/sip", "/api/calls/recent", "/api/events"} {
		req, _ := http.NewRequest("GET", s.url+path, nil)
		req.AddCookie(copied[0])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s with the cookie copied before sign-out: %d, want 401", path, resp.StatusCode)
		}
	}
}
