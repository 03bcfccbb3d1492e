package simulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// simCall is a started simulator with a token.
type simCall struct {
	t     *testing.T
	s     *Server
	url   string
	token string
}

func startSim(t *testing.T, opts ...Option) *simCall {
	t.Helper()
	// The hook tests read the documented 2023 live events (times, hotline).
	c := newTestClient(t, append([]Option{WithLiveEvents2023()}, opts...)...) // a started server and a token
	return &simCall{t: t, s: c.s, url: c.base, token: c.token}
}

// do sends a request and decodes the envelope into out; it returns the
// envelope's status_code and message.
func (sc *simCall) do(method, path, body string, out any) (int, string) {
	sc.t.Helper()
	_, _, b := roundTrip(sc.t, sc.s, sc.url, method, path, []byte(body), bearer(sc.token))
	var env struct {
		StatusCode int    `json:"status_code"`
		Message    string `json:"message"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		sc.t.Fatalf("%s %s: %v: %s", method, path, err, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			sc.t.Fatal(err)
		}
	}
	return env.StatusCode, env.Message
}

func (sc *simCall) register(typ, u string, events ...string) {
	sc.t.Helper()
	ev := "null"
	if len(events) > 0 {
		b, _ := json.Marshal(events)
		ev = string(b)
	}
	if code, msg := sc.do("POST", "/api/webhooks/register", `{"webhook":{"type":"`+typ+`","url":"`+u+`","events":`+ev+`}}`, nil); code != 9999 {
		sc.t.Fatalf("register %s: %d %s", u, code, msg)
	}
}

// runAnsweredCall plays one answered call through the hook path.
func (sc *simCall) runAnsweredCall() *callRecord {
	s := sc.s
	ext, hotline := s.DemoCaller()
	s.mu.Lock()
	rec := s.newPlacedCall("outbound", ext, hotline, "0901234567")
	rec.Disposition = "answered"
	rec.RecordingFile = "https://recordings.sim.invalid/" + rec.TransactionID + ".mp3"
	rec.setTimes(s.now().UnixMilli()-35_000, 5, 30) // 5 s of ringing, 30 of talk, over now
	s.mu.Unlock()
	s.history.wg.Add(1)
	go s.runCall(rec, nil)
	s.WaitCalls()
	return rec
}

// receiver records the JSON bodies posted to it and answers with status(n)
// for the n-th request (1-based).
type receiver struct {
	mu     sync.Mutex
	bodies []map[string]any
	status func(n int) int
}

func (rv *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	_ = d.Decode(&m)
	rv.mu.Lock()
	rv.bodies = append(rv.bodies, m)
	n := len(rv.bodies)
	rv.mu.Unlock()
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	if rv.status != nil {
		w.WriteHeader(rv.status(n))
	}
}

func (rv *receiver) states() []string {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	var out []string
	for _, b := range rv.bodies {
		out = append(out, b["state"].(string))
	}
	return out
}

func newReceiver(t *testing.T, status func(int) int) (*receiver, string) {
	rv := &receiver{status: status}
	srv := httptest.NewServer(rv)
	t.Cleanup(srv.Close)
	return rv, srv.URL
}

func TestHookRegistrationRoutes(t *testing.T) {
	sc := startSim(t)
	var list struct {
		Payload []webhookView `json:"payload"`
	}
	sc.do("GET", "/api/webhooks/list", "", &list)
	if len(list.Payload) != 0 {
		t.Fatalf("want no webhooks, got %v", list.Payload)
	}
	for _, tc := range []struct{ body, code string }{
		{``, "request_body_required"},
		{`{}`, "data_is_required"},
		{`{"webhook":{"type":"call"}}`, "data_is_required"},
		{`{"webhook":{"url":"https://a.example"}}`, "data_is_required"},
		{`{"webhook":{"type":"sms","url":"https://a.example"}}`, "hook_type_invalid"},
		{`{"webhook":{"type":"call","url":"http://a.example/hook"}}`, "url_invalid"},
		{`{"webhook":{"type":"call","url":"ftp://a.example/hook"}}`, "url_invalid"},
		{`{"webhook":{"type":"call","url":"/hook"}}`, "url_invalid"},
		{`{"webhook":{"type":"call","url":"https://a.example","events":[",answered"]}}`, "events_invalid"},
	} {
		if code, msg := sc.do("POST", "/api/webhooks/register", tc.body, nil); code != -9999 || msg != tc.code {
			t.Errorf("register %s: got %d %q, want %q", tc.body, code, msg, tc.code)
		}
	}
	var reg struct {
		Payload []webhookView `json:"payload"`
	}
	sc.do("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"https://crm.example/hook?secret=x","events":null}}`, &reg)
	sc.do("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"http://127.0.0.1:9/hook","events":["ringing"]}}`, &reg)
	sc.do("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"http://127.0.0.1:9/hook","events":["hangup"]}}`, &reg) // replaces
	sc.do("POST", "/api/webhooks/register", `{"webhook":{"type":"contact","url":"https://crm.example/contacts"}}`, &reg)
	want := []webhookView{
		{URL: "https://crm.example/hook?secret=x", Type: "call", Status: "actived"},
		{URL: "http://127.0.0.1:9/hook", Type: "call", Status: "actived"},
		{URL: "https://crm.example/contacts", Type: "contact", Status: "actived"},
	}
	if !equalViews(reg.Payload, want) {
		t.Fatalf("register payload %v, want %v", reg.Payload, want)
	}
	sc.do("GET", "/api/webhooks/list", "", &list)
	if !equalViews(list.Payload, want) {
		t.Fatalf("list %v, want %v", list.Payload, want)
	}
	if got := sc.s.hookTargets("ringing"); len(got) != 1 || got[0] != "https://crm.example/hook?secret=x" {
		t.Fatalf("ringing targets %v", got)
	}
	if got := sc.s.hookTargets("hangup"); len(got) != 2 {
		t.Fatalf("hangup targets %v", got)
	}

	for _, tc := range []struct{ q, code string }{{"", "data_is_required"}, {"?hook_type=sms", "hook_type_invalid"}} {
		if code, msg := sc.do("POST", "/api/webhooks/destroy"+tc.q, "", nil); code != -9999 || msg != tc.code {
			t.Errorf("destroy %q: got %d %q", tc.q, code, msg)
		}
	}
	if code, _ := sc.do("POST", "/api/webhooks/destroy?hook_type=call", "", nil); code != 9999 {
		t.Fatal("destroy failed")
	}
	if got := sc.s.Webhooks("call"); len(got) != 0 {
		t.Fatalf("call webhooks left: %v", got)
	}
	if got := sc.s.Webhooks("contact"); len(got) != 1 {
		t.Fatalf("contact webhook lost: %v", got)
	}
	if code, _ := sc.do("POST", "/api/webhooks/destroy?hook_type=call", "", nil); code != 9999 {
		t.Fatal("destroying nothing is not an error")
	}
	sc.token = "bogus"
	if code, msg := sc.do("GET", "/api/webhooks/list", "", nil); code != -9999 || msg != "unauthorized" {
		t.Fatalf("unauthenticated list: %d %s", code, msg)
	}
}

func equalViews(a, b []webhookView) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
