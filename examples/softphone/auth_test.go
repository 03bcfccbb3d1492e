package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// proxied sends a request as the reverse proxy forwards it: with the
// user's e-mail and the secret (none if "").
func proxied(t *testing.T, hc *http.Client, method, url, email, secret, forwardedFor, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if email != "" {
		req.Header.Set("X-Forwarded-Email", email)
	}
	if secret != "" {
		req.Header.Set(proxySecretHeader, secret)
	}
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestProxyHeaderAuth(t *testing.T) {
	auth, err := NewProxyHeaderAuth("X-Forwarded-Email", proxySecretHeader, testProxySecret)
	if err != nil {
		t.Fatal(err)
	}
	s, logs := startTest(t, config{Auth: auth}, nil)
	session := s.url + "/api/session"

	// Without the proxy's secret, or with a wrong one, the e-mail header
	// proves nothing.
	for _, secret := range []string{"", "wrong", testProxySecret[:len(testProxySecret)-1], testProxySecret + "x"} {
		hc := agentClient(t)
		if status, body := proxied(t, hc, "POST", session, agentAn, secret, "", `{}`); status != http.StatusUnauthorized {
			t.Errorf("sign-in with secret %q: %d %s, want 401", secret, status, body)
		}
		if len(hc.Jar.Cookies(mustURL(t, s.url))) != 0 {
			t.Errorf("sign-in with secret %q set a cookie", secret)
		}
	}

	// Through the proxy: the header's agent, whatever the body claims.
	hc := agentClient(t)
	if status, body := proxied(t, hc, "POST", session, agentAn, testProxySecret, "", `{"email":"`+agentBinh+`"}`); status != http.StatusNoContent {
		t.Fatalf("sign-in through the proxy: %d %s", status, body)
	}
	status, body := proxied(t, hc, "GET", s.url+"/api/me/sip", agentAn, testProxySecret, "", "")
	if status != http.StatusOK || !strings.Contains(body, `"username":"`+extAn+`"`) {
		t.Fatalf("GET /api/me/sip through the proxy: %d, want extension %s's credentials", status, extAn)
	}

	// The session cookie alone, off the proxy, or as another user of the
	// proxy, is refused, and the session ends.
	if status, _ := call(t, hc, "GET", s.url+"/api/me/sip", "", ""); status != http.StatusUnauthorized {
		t.Fatalf("the session cookie without the proxy: %d, want 401", status)
	}
	if status, _ := proxied(t, hc, "GET", s.url+"/api/me", agentAn, testProxySecret, "", ""); status != http.StatusUnauthorized {
		t.Fatalf("a session ended off the proxy: %d, want 401", status)
	}
	proxied(t, hc, "POST", session, agentAn, testProxySecret, "", `{}`)
	if status, _ := proxied(t, hc, "GET", s.url+"/api/me", agentBinh, testProxySecret, "", ""); status != http.StatusUnauthorized {
		t.Fatalf("%s's session used by %s: %d, want 401", agentAn, agentBinh, status)
	}
	if strings.Contains(logs.String(), testProxySecret) {
		t.Fatal("the proxy secret is in the log")
	}
}

func TestProxyHeaderAuthCountsSignInsPerForwardedAddress(t *testing.T) {
	auth, err := NewProxyHeaderAuth("X-Forwarded-Email", proxySecretHeader, testProxySecret)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := startTest(t, config{Auth: auth}, nil)
	limited := func(secret, forwardedFor string, attempts int) bool {
		status := 0
		for range attempts {
			status, _ = proxied(t, agentClient(t), "POST", s.url+"/api/session", agentAn, secret, forwardedFor, `{}`)
		}
		return status == http.StatusTooManyRequests
	}
	if !limited(testProxySecret, "198.51.100.7, 203.0.113.1", signInBurst+1) {
		t.Fatal("one browser behind the proxy is not rate limited")
	}
	if limited(testProxySecret, "203.0.113.2", 1) {
		t.Fatal("another browser behind the proxy is rate limited with the first")
	}
	// Off the proxy, X-Forwarded-For is not believed: all such attempts
	// count against the connection's address.
	if !limited("", "203.0.113.3", signInBurst+1) || !limited("", "203.0.113.4", 1) {
		t.Fatal("a forged X-Forwarded-For escaped the rate limit")
	}
}

func TestNewProxyHeaderAuthRefusesWeakSettings(t *testing.T) {
	for _, tc := range []struct{ header, secretHeader, secret string }{
		{"X-Forwarded-Email", proxySecretHeader, "too short"},
		{"", proxySecretHeader, testProxySecret},
		{proxySecretHeader, proxySecretHeader, testProxySecret},
	} {
		if _, err := NewProxyHeaderAuth(tc.header, tc.secretHeader, tc.secret); err == nil {
			t.Errorf("NewProxyHeaderAuth(%q, %q, ...) took it", tc.header, tc.secretHeader)
		} else if strings.Contains(err.Error(), tc.secret) {
			t.Errorf("the error %q prints the secret", err)
		}
	}
}

func TestExtensionIsRecheckedOnCallsEventsAndRecentCalls(t *testing.T) {
	s, _ := startTest(t, config{DirectoryTTL: 1}, nil) // read the directory every time
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	if status, _ := call(t, hc, "GET", s.url+"/api/calls/recent", "", ""); status != http.StatusOK {
		t.Fatalf("recent calls: %d", status)
	}
	// The agent leaves OMICall: the session acts on the extension no more.
	if err := s.sim.Client(t).Agents.Delete(context.Background(), agentAn); err != nil {
		t.Fatal(err)
	}
	clicks := s.sim.Requests("POST /api/click2call")
	if status, _ := call(t, hc, "POST", s.url+"/api/calls", "application/json", `{"phone":"`+testPhone+`"}`); status != http.StatusUnauthorized {
		t.Errorf("click-to-call of a removed agent: %d, want 401", status)
	}
	if n := s.sim.Requests("POST /api/click2call") - clicks; n != 0 {
		t.Errorf("%d click-to-calls of a removed agent reached OMICall", n)
	}
	// The session ended with the first refusal; a second one is checked too.
	hc2 := agentClient(t)
	signIn(t, s, hc2, agentBinh)
	if err := s.sim.Client(t).Agents.Delete(context.Background(), agentBinh); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/events", "/api/calls/recent"} {
		if status, _ := call(t, hc2, "GET", s.url+path, "", ""); status != http.StatusUnauthorized {
			t.Errorf("GET %s of a removed agent: %d, want 401", path, status)
		}
	}
}
