package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// hookReceiver is a test webhook that records the states it receives.
type hookReceiver struct {
	mu     sync.Mutex
	states []string
	got    chan string
}

func newReceiver(t *testing.T) (*hookReceiver, string) {
	h := &hookReceiver{got: make(chan string, 100)}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var ev struct {
			State string `json:"state"`
		}
		b, _ := io.ReadAll(r.Body)
		_ = json.Unmarshal(b, &ev)
		h.got <- ev.State
	}))
	t.Cleanup(ts.Close)
	return h, ts.URL + "/hook"
}

func (h *hookReceiver) waitFor(t *testing.T, state string) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case s := <-h.got:
			if s == state {
				return
			}
		case <-timeout:
			t.Fatalf("no %s hook within 30s", state)
		}
	}
}

// call makes one plain net/http request to the simulator and decodes the
// envelope's payload into out.
func call(t *testing.T, method, url string, hdr map[string]string, body any, out any) (status int, code string) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, rd)
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	var env struct {
		StatusCode int             `json:"status_code"`
		Message    string          `json:"message"`
		Payload    json.RawMessage `json:"payload"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	if out != nil && env.StatusCode == 9999 {
		if err := json.Unmarshal(env.Payload, out); err != nil {
			t.Fatalf("%s %s payload: %v", method, url, err)
		}
	}
	if env.StatusCode != 9999 {
		return resp.StatusCode, env.Message
	}
	return resp.StatusCode, ""
}

// TestSimForAnyLanguage runs omicall sim as a subprocess and uses it with
// plain HTTP requests, as an app in another language would.
func TestSimForAnyLanguage(t *testing.T) {
	recv, hookURL := newReceiver(t)
	p := start(t, nil, "sim", "--addr", "127.0.0.1:0", "--calls", "2000", "--seed", "3", "--webhook", hookURL, "-v")
	line := expect(t, p.lines, "listening on ")
	base := strings.TrimSpace(line[strings.Index(line, "http://"):])
	expect(t, p.lines, "API key:")

	// Auth: any non-empty key; an empty one is refused.
	if _, code := call(t, "GET", base+"/api/auth?apiKey=", nil, nil, nil); code != "api_key_is_required" {
		t.Errorf("empty key: %q", code)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if st, code := call(t, "GET", base+"/api/auth?apiKey=my-php-app-key", nil, nil, &tok); st != 200 || code != "" || tok.AccessToken == "" {
		t.Fatalf("auth: HTTP %d %q", st, code)
	}
	bearer := map[string]string{"Authorization": "Bearer " + tok.AccessToken}
	if st, _ := call(t, "GET", base+"/api/tenant/detail", nil, nil, nil); st != 401 {
		t.Errorf("tenant without a token: HTTP %d", st)
	}

	// An agent invite.
	var inv struct {
		PBXAccount struct {
			SIPUser string `json:"sip_user"`
		} `json:"pbx_account"`
	}
	_, code := call(t, "POST", base+"/api/agent/invite", bearer, map[string]any{"full_name": "PHP Agent",
		"identify_info": "php@democo.example", "password": "Str0ng!pass", "role_name": "Sale", "uuid": "php-1"}, &inv)
	if code != "" || inv.PBXAccount.SIPUser == "" {
		t.Fatalf("invite: %q %+v", code, inv)
	}

	// The call-history search (x-api-key).
	var page struct {
		Items []json.RawMessage `json:"items"`
	}
	now := time.Now()
	_, code = call(t, "POST", base+"/api/call_transaction/search?page=1&size=50", map[string]string{"x-api-key": "my-php-app-key"},
		map[string]any{"user_uuids": []string{"user-100", "user-101", "user-102"}, "from_date": now.Add(-20 * 24 * time.Hour).UnixMilli(), "to_date": now.UnixMilli()}, &page)
	if code != "" || len(page.Items) == 0 {
		t.Errorf("search: %q, %d items", code, len(page.Items))
	}

	// A click-to-call reaches the --webhook receiver: ringing ... cdr.
	var callRes json.RawMessage
	_, code = call(t, "POST", base+"/api/click2call", bearer, map[string]string{"extension": "100",
		"hotline": "842899990001", "phone_number": "0912345678"}, &callRes)
	if code != "" {
		t.Fatalf("click2call: %q", code)
	}
	recv.waitFor(t, "ringing")
	recv.waitFor(t, "cdr")
	// -v logs each request without its query (the key travels there).
	l := expect(t, p.errs, "GET /api/auth ")
	if strings.Contains(l, "my-php-app-key") || strings.Contains(l, "apiKey") {
		t.Errorf("the request log shows the key: %q", l)
	}
	expect(t, p.errs, "POST /api/click2call 200")

	if code := p.stop(t, syscall.SIGTERM); code != 0 {
		t.Errorf("SIGTERM: exit %d", code)
	}
	_ = omicalltest.DefaultAPIKey
}

// TestListenTrigger runs listen --sim against a simulator, places a call
// with trigger, and reads the events listen prints; --forward-to passes
// them on.
func TestListenTrigger(t *testing.T) {
	srv, env := sim(t)
	recv, fwdURL := newReceiver(t)
	for _, format := range []string{"table", "json"} {
		p := start(t, env, "listen", "--sim", "--addr", "127.0.0.1:0", "--secret", "s3cr3t", "--forward-to", fwdURL, "-o", format)
		expect(t, p.errs, "registered")
		r := runCLI(t, env, "trigger", "call", "--extension", "100", "--phone", "0912345678", "-o", "json")
		if r.code != 0 {
			t.Fatalf("trigger: exit %d: %s", r.code, r.stderr)
		}
		var res struct {
			CallID string `json:"call_id"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.CallID == "" {
			t.Fatalf("trigger printed %q", r.stdout)
		}
		want := "ringing"
		if format == "json" {
			want = `"state":"ringing"`
		}
		l := expect(t, p.lines, want)
		if !strings.Contains(l, res.CallID) {
			t.Errorf("ringing line %q lacks the call id %s", l, res.CallID)
		}
		if format == "table" && (!strings.Contains(l, "100 -> 0912345678") || !strings.Contains(l, "ext 100  customer 0912345678")) {
			t.Errorf("line %q", l)
		}
		expect(t, p.lines, res.CallID) // answered or hangup
		cdr := "cdr"
		if format == "json" {
			cdr = `"state":"cdr"`
		}
		expect(t, p.lines, cdr)
		recv.waitFor(t, "cdr")
		if code := p.stop(t, syscall.SIGINT); code != 0 {
			t.Errorf("listen after SIGINT: exit %d", code)
		}
	}
	for _, u := range srv.Webhooks("call") {
		if !strings.Contains(u, "secret=s3cr3t") {
			t.Errorf("registered %q without its secret", u)
		}
	}
}
