package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// The seeded agents of the simulator and their extensions.
const (
	agentAn    = "an.nguyen@democo.example" // extension 100
	agentBinh  = "binh.tran@democo.example" // extension 101
	extAn      = "100"
	extBinh    = "101"
	testPhone  = "0901234567"
	otherPhone = "0912345678"
)

func TestSIPCredentialsOnlyForTheSignedInAgent(t *testing.T) {
	s, logs := startTest(t, config{}, nil)

	status, body := call(t, http.DefaultClient, "GET", s.url+"/api/me/sip", "", "")
	if status != http.StatusUnauthorized {
		t.Fatalf("without a session: %d %s, want 401", status, body)
	}

	hc := agentClient(t)
	sess := signIn(t, s, hc, agentAn)
	if sess.Extension != extAn {
		t.Fatalf("signed in on extension %q, want %s", sess.Extension, extAn)
	}
	status, body = call(t, hc, "GET", s.url+"/api/me/sip", "", "")
	if status != http.StatusOK {
		t.Fatalf("GET /api/me/sip: %d %s", status, body)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatal(err)
	}
	want := simCredentials(t, s, extAn)
	if len(got) != 3 || got["domain"] != want.Domain || got["username"] != want.Username || got["password"] != want.Password {
		t.Fatalf("credentials %v, want exactly {domain, username, password} of extension %s", got, extAn)
	}

	// An id the server did not give out, or an edited one, is no session.
	id := hc.Jar.Cookies(mustURL(t, s.url))[0].Value
	for name, v := range map[string]string{"made up": randomHex(32), "edited": id[:len(id)-1] + "A", "empty": ""} {
		if v == id {
			continue
		}
		req, _ := http.NewRequest("GET", s.url+"/api/me/sip", nil)
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: v})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s cookie: %d, want 401", name, resp.StatusCode)
		}
	}

	// The session cookie is HttpOnly and holds no password.
	for _, c := range hc.Jar.Cookies(mustURL(t, s.url)) {
		if c.Name == sessionCookie && (strings.Contains(c.Value, want.Password) || strings.Contains(c.Value, agentAn)) {
			t.Error("the cookie holds the password")
		}
	}
	status, _ = call(t, hc, "POST", s.url+"/api/calls", "application/json", `{"phone":"`+testPhone+`"}`)
	if status != http.StatusAccepted {
		t.Fatalf("click-to-call: %d", status)
	}
	s.sim.WaitCalls()
	if strings.Contains(logs.String(), want.Password) {
		t.Errorf("the SIP password is in the log:\n%s", logs)
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	resp, err := http.Post(s.url+"/api/session", "application/json", strings.NewReader(`{"email":"`+agentAn+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cs := resp.Cookies()
	if len(cs) != 1 || !strings.HasPrefix(cs[0].Name, "__Host-") || !cs[0].Secure || !cs[0].HttpOnly ||
		cs[0].SameSite != http.SameSiteStrictMode || cs[0].Path != "/" || cs[0].Domain != "" {
		t.Fatalf("cookies %+v: want one __Host- cookie, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain", cs)
	}
}

func TestSignIn(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"email":"nobody@democo.example"}`, http.StatusNoContent}, // and no session
		{`{"email":"not an address"}`, http.StatusUnauthorized},
		{`nonsense`, http.StatusBadRequest},
	} {
		if status, body := call(t, agentClient(t), "POST", s.url+"/api/session", "application/json", tc.body); status != tc.want {
			t.Errorf("sign-in %s: %d %s, want %d", tc.body, status, body, tc.want)
		}
	}

	// With -invite, an unknown e-mail becomes a new agent with an extension.
	s2, _ := startTest(t, config{Invite: true}, nil)
	hc := agentClient(t)
	sess := signIn(t, s2, hc, "new.agent@democo.example")
	if sess.Extension == "" || sess.Extension == extAn {
		t.Fatalf("invited agent on extension %q", sess.Extension)
	}
	if status, body := call(t, hc, "GET", s2.url+"/api/me/sip", "", ""); status != http.StatusOK || !strings.Contains(body, `"username":"`+sess.Extension+`"`) {
		t.Fatalf("GET /api/me/sip of the invited agent: %d %s", status, body)
	}
}

func TestPlaceCall(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	if status, _ := call(t, http.DefaultClient, "POST", s.url+"/api/calls", "application/json", `{"phone":"0901234567"}`); status != http.StatusUnauthorized {
		t.Fatalf("without a session: %d, want 401", status)
	}
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	for _, tc := range []struct {
		contentType, body string
		want              int
		msg               string
	}{
		{"application/json", `{"phone":"09x"}`, http.StatusBadRequest, "phone number"},
		{"application/json", `{"phone":""}`, http.StatusBadRequest, "phone number"},
		{"application/json", `{"phone":"123"}`, http.StatusBadRequest, "phone number"},
		{"application/json", `{`, http.StatusBadRequest, "phone"},
		{"application/x-www-form-urlencoded", `phone=0901234567`, http.StatusUnsupportedMediaType, "JSON"},
	} {
		status, body := call(t, hc, "POST", s.url+"/api/calls", tc.contentType, tc.body)
		if status != tc.want || !strings.Contains(body, tc.msg) {
			t.Errorf("%s: %d %s, want %d with %q", tc.body, status, body, tc.want, tc.msg)
		}
	}
	if n := s.sim.Requests("POST /api/click2call"); n != 0 {
		t.Fatalf("%d click-to-calls reached OMICall for refused numbers", n)
	}
	status, body := call(t, hc, "POST", s.url+"/api/calls", "application/json", `{"phone":"090 123 4567"}`)
	if status != http.StatusAccepted || !strings.Contains(body, "callId") {
		t.Fatalf("click-to-call: %d %s", status, body)
	}
	if n := s.sim.Requests("POST /api/click2call"); n != 1 {
		t.Fatalf("%d click-to-calls reached OMICall, want 1", n)
	}
	// OMICall's refusals of a number are the caller's to fix (400), a busy
	// line is a conflict: never a 502.
	for _, tc := range []struct {
		code string
		want int
		msg  string
	}{
		{"invalid_phone_number", http.StatusBadRequest, "invalid"},
		{"do_not_call", http.StatusBadRequest, "do-not-call"},
		{"user_busy", http.StatusConflict, "busy"},
	} {
		s.sim.InjectFault(omicalltest.Fault{Route: "POST /api/click2call", Code: tc.code})
		status, body := call(t, hc, "POST", s.url+"/api/calls", "application/json", `{"phone":"0901234567"}`)
		if status != tc.want || !strings.Contains(body, tc.msg) {
			t.Errorf("%s: %d %s, want %d with %q", tc.code, status, body, tc.want, tc.msg)
		}
	}
}

func TestHookWithBadSecretIsRefusedAndNotStreamed(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	st := openEvents(t, s, hc, 0)

	for _, target := range []string{"/omicall/hook", "/omicall/hook?secret=wrong", "/omicall/hook?secret=" + s.app.cfg.HookSecret + "x"} {
		status, _ := call(t, http.DefaultClient, "POST", s.url+target, "application/json", stateHook("bad-1", "ringing", extAn))
		if status != http.StatusUnauthorized {
			t.Errorf("POST %s: %d, want 401", strings.Split(target, "=")[0], status)
		}
	}
	// The handler publishes before it answers, so nothing published by now
	// means nothing was.
	if got := s.app.events.recent(extAn); len(got) != 0 {
		t.Fatalf("refused hooks reached the broker: %+v", got)
	}
	// The stream is alive and its first event is the one hook let in.
	if status := postHook(t, s, stateHook("good-1", "ringing", extAn)); status != http.StatusOK {
		t.Fatalf("hook with the secret: %d", status)
	}
	if ev := st.next(t); ev.CallID != "good-1" {
		t.Fatalf("first streamed event is of call %q, want good-1", ev.CallID)
	}
}

func TestEventsOnlyForTheAgentAndReplayedAfterReconnect(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	st := openEvents(t, s, hc, 0)

	postHook(t, s, stateHook("binh-1", "ringing", extBinh)) // another agent's call
	postHook(t, s, stateHook("an-1", "ringing", extAn))
	first := st.next(t)
	if first.CallID != "an-1" || first.State != "ringing" || first.Phone != testPhone {
		t.Fatalf("first event %+v, want an-1 ringing to %s (binh-1 is not this agent's)", first, testPhone)
	}
	st.close()

	// Missed while away: delivered on reconnect after Last-Event-ID, in
	// order, without the other agent's and without what was already seen.
	postHook(t, s, stateHook("an-1", "answered", extAn))
	postHook(t, s, stateHook("binh-1", "answered", extBinh))
	postHook(t, s, stateHook("an-1", "hangup", extAn))
	st2 := openEvents(t, s, hc, first.ID)
	for _, want := range []string{"answered", "hangup"} {
		if ev := st2.next(t); ev.CallID != "an-1" || ev.State != want || ev.ID <= first.ID {
			t.Fatalf("replayed %+v, want an-1 %s after id %d", ev, want, first.ID)
		}
	}
	// A restarted server gives out higher ids: a page that comes back with
	// the old one gets everything the new process has. (A restart takes
	// longer than the millisecond the ids are counted from.)
	for uint64(time.Now().UnixMilli()) <= first.ID/1000 {
		time.Sleep(100 * time.Microsecond)
	}
	if id := newBroker(8, 8).publish(extAn, pageEvent{}); id <= first.ID {
		t.Fatalf("a new broker starts at id %d, not above %d", id, first.ID)
	}

	// And live again afterwards.
	postHook(t, s, stateHook("an-2", "ringing", extAn))
	if ev := st2.next(t); ev.CallID != "an-2" {
		t.Fatalf("live event %+v, want an-2", ev)
	}
}

func TestSlowEventClientDoesNotBlockTheHook(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)

	// A client that opens the stream and never reads from it.
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cookie := hc.Jar.Cookies(mustURL(t, s.url))[0]
	fmt.Fprintf(conn, "GET /api/events HTTP/1.1\r\nHost: x\r\nCookie: %s=%s\r\n\r\n", cookie.Name, cookie.Value)
	waitFor(t, 20*time.Second, "the stream to be subscribed", func() bool { return s.app.events.subscribers(extAn) == 1 })

	// Far more events than the stream's buffer and the socket hold: every
	// delivery is answered at once, and the stuck stream is dropped.
	const n = 3000
	pad := strings.Repeat("x", 2000) // bigger events fill the socket sooner
	start := time.Now()
	for i := range n {
		body := strings.Replace(stateHook(fmt.Sprintf("slow-%d", i), "ringing", extAn), `"hotline":"842899990001"`, `"hotline":"`+pad+`"`, 1)
		t0 := time.Now()
		if status := postHook(t, s, body); status != http.StatusOK {
			t.Fatalf("hook %d: %d", i, status)
		}
		if d := time.Since(t0); d > 5*time.Second {
			t.Fatalf("hook %d took %s: the slow stream blocks delivery", i, d)
		}
	}
	t.Logf("%d hooks in %s", n, time.Since(start))
	waitFor(t, 20*time.Second, "the stuck stream to be dropped", func() bool { return s.app.events.subscribers(extAn) == 0 })
	if got := len(s.app.events.recent(extAn)); got != s.app.events.ringSize {
		t.Fatalf("ring holds %d events, want its bound %d", got, s.app.events.ringSize)
	}
}

func TestBrokerPublishNeverBlocks(t *testing.T) {
	b := newBroker(8, 2)
	missed, stuck := b.subscribe(extAn, 0)
	if len(missed) != 0 {
		t.Fatalf("a new stream got %d old events", len(missed))
	}
	base := b.publish(extAn, pageEvent{}) - 1
	done := make(chan struct{})
	go func() {
		for i := range 999 {
			b.publish(extAn, pageEvent{CallID: fmt.Sprint(i)})
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("publish blocked on a subscriber that does not read")
	}
	select {
	case <-stuck.dropped:
	default:
		t.Fatal("the subscriber that does not read was not dropped")
	}
	ring := b.recent(extAn)
	if len(ring) != 8 || ring[0].ID != base+993 || ring[7].ID != base+1000 {
		t.Fatalf("ring %d events from id %d: want the last 8", len(ring), ring[0].ID-base)
	}
	missed, _ = b.subscribe(extAn, base+998)
	if len(missed) != 2 || missed[0].ev.ID != base+999 {
		t.Fatalf("after 998: %+v", missed)
	}
}

func TestAgentExtension(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"2023 outbound state hook", `{"state":"ringing","call_uuid":"c","direction":"outbound","from_number":"100","to_number":"0901234567"}`, "100"},
		{"2023 inbound state hook", `{"state":"ringing","call_uuid":"c","direction":"inbound","from_number":"0901234567","to_number":"101"}`, "101"},
		{"2026 state hook", `{"state":"early","call_uuid":"c","extension":"102","phone_number":"0901234567","direction":"inbound"}`, "102"},
		{"sip_user", `{"state":"answered","transaction_id":"c","sip_user":"103","direction":"inbound","from_number":"0901"}`, "103"},
		{"CDR", `{"state":"cdr","transaction_id":"c","direction":"outbound","from_number":"100","sip_user":"104","to_number":"0901"}`, "104"},
	} {
		ev, err := omicall.ParseCallEvent([]byte(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		if got := agentExtension(ev); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestRecentCalls(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	at := time.Now().Add(-time.Hour).Truncate(time.Second)
	mine := s.sim.AddTransaction(omicall.Transaction{CreatedDate: omicall.Time{Time: at}, SIPUser: extAn, PhoneNumber: "0987654321"})
	theirs := s.sim.AddTransaction(omicall.Transaction{CreatedDate: omicall.Time{Time: at}, SIPUser: extBinh, PhoneNumber: "0987654322"})

	status, body := call(t, hc, "GET", s.url+"/api/calls/recent", "", "")
	if status != http.StatusOK {
		t.Fatalf("GET /api/calls/recent: %d %s", status, body)
	}
	var rows []recentCall
	if err := json.Unmarshal([]byte(body), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || len(rows) > recentLimit {
		t.Fatalf("%d rows, want 1 to %d", len(rows), recentLimit)
	}
	found := false
	for i, r := range rows {
		if r.CallID == theirs {
			t.Errorf("another agent's call %s is listed", theirs)
		}
		if i > 0 && r.Time > rows[i-1].Time {
			t.Errorf("row %d (%s) is newer than row %d (%s): want newest first", i, r.Time, i-1, rows[i-1].Time)
		}
		if r.CallID == mine {
			found = true
			if want := at.In(omicall.Vietnam).Format("2006-01-02 15:04:05") + " ICT"; r.Time != want || r.Phone != "0987654321" {
				t.Errorf("row %+v, want time %s (UTC %s + 7 h)", r, want, at.UTC().Format(time.TimeOnly))
			}
		}
	}
	if !found {
		t.Errorf("the call %s of an hour ago is not among the %d rows", mine, len(rows))
	}
}

func TestPageServesTheConfiguredSDK(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	_, body := call(t, http.DefaultClient, "GET", s.url+"/", "", "")
	if !strings.Contains(body, `<script src="`+standInSDKURL+`">`) || strings.Contains(body, "cdn.omicrm.com") {
		t.Fatalf("the simulated page does not load the stand-in SDK alone:\n%s", body)
	}
	a, err := newApp(nil, config{Auth: DemoLogin{}})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	a.handlePage(rec, nil)
	if !strings.Contains(rec.Body.String(), `<script src="`+omiSDKURL+`">`) {
		t.Fatal("the live page does not load the OMICall Web SDK")
	}
	for _, f := range []string{"app.js", "sdk-standin.js", "errors.js", "style.css"} {
		if status, _ := call(t, http.DefaultClient, "GET", s.url+"/static/"+f, "", ""); status != http.StatusOK {
			t.Errorf("GET /static/%s: %d", f, status)
		}
	}
}

// mustURL parses u.
func mustURL(t *testing.T, u string) *url.URL {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRecentCallsReadTheHistorySparingly(t *testing.T) {
	s, _ := startTest(t, config{}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	const list = "GET /api/call_transaction/list"
	if status, _ := call(t, hc, "GET", s.url+"/api/calls/recent", "", ""); status != http.StatusOK {
		t.Fatalf("GET /api/calls/recent: %d", status)
	}
	reads := s.sim.Requests(list)
	if reads == 0 || reads > 3 {
		t.Fatalf("%d history requests for one table, want 1 to 3", reads)
	}

	// A call's record arrives by hook: the table lists it with no new read.
	_, body := call(t, hc, "POST", s.url+"/api/calls", "application/json", `{"phone":"`+testPhone+`"}`)
	var placed struct{ CallID string }
	if err := json.Unmarshal([]byte(body), &placed); err != nil || placed.CallID == "" {
		t.Fatalf("click-to-call: %s", body)
	}
	s.sim.WaitCalls()
	_, body = call(t, hc, "GET", s.url+"/api/calls/recent", "", "")
	var rows []recentCall
	if err := json.Unmarshal([]byte(body), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || rows[0].CallID != placed.CallID || rows[0].Phone != testPhone {
		t.Fatalf("first row %+v, want the call just made (%s)", rows[0], placed.CallID)
	}
	if n := s.sim.Requests(list); n != reads {
		t.Fatalf("%d history requests after the call, want still %d", n, reads)
	}
}

func TestRecentCacheServesItsListWhenRateLimited(t *testing.T) {
	var rc recentCache
	now := time.Now()
	tx := func(id string, ago time.Duration) omicall.Transaction {
		return omicall.Transaction{TransactionID: id, CreatedDate: omicall.Time{Time: now.Add(-ago)}}
	}
	loaded := []omicall.Transaction{tx("b", time.Hour), tx("a", 2*time.Hour)}
	got, err := rc.get(context.Background(), extAn, now, func(context.Context) ([]omicall.Transaction, error) { return loaded, nil })
	if err != nil || len(got) != 2 {
		t.Fatalf("first read: %v %v", got, err)
	}
	rc.add(extAn, tx("c", time.Minute))
	rc.add(extAn, tx("b", time.Hour)) // a redelivered CDR replaces its row
	limited := func(context.Context) ([]omicall.Transaction, error) {
		return nil, &omicall.APIError{Code: "limit_request_30_minute"}
	}
	got, err = rc.get(context.Background(), extAn, now.Add(historyRefresh+time.Minute), limited)
	if err != nil {
		t.Fatalf("rate limited with a list in hand: %v", err)
	}
	var ids []string
	for _, x := range got {
		ids = append(ids, x.TransactionID)
	}
	if !slices.Equal(ids, []string{"c", "b", "a"}) {
		t.Fatalf("ids %v, want [c b a]", ids)
	}
	if _, err := rc.get(context.Background(), extBinh, now, limited); !errors.Is(err, omicall.ErrRateLimited) {
		t.Fatalf("rate limited with no list: %v", err)
	}
}

// With a call database (-db), a placed call's hooks are stored before they
// are answered and the recent calls come from the database.
func TestRecentCallsFromTheCallDatabase(t *testing.T) {
	s, _ := startTest(t, config{CallsDB: "sqlite:" + filepath.Join(t.TempDir(), "calls.db")}, nil)
	hc := agentClient(t)
	signIn(t, s, hc, agentAn)
	status, body := call(t, hc, "POST", s.url+"/api/calls", "application/json", `{"phone":"0901234567"}`)
	if status != http.StatusOK && status != http.StatusAccepted {
		t.Fatalf("POST /api/calls: %d %s", status, body)
	}
	s.sim.WaitCalls()
	waitFor(t, 10*time.Second, "the call in the database", func() bool {
		status, body = call(t, hc, "GET", s.url+"/api/calls/recent", "", "")
		var rows []recentCall
		return status == http.StatusOK && json.Unmarshal([]byte(body), &rows) == nil && len(rows) == 1 && rows[0].Phone == "0901234567"
	})
	calls, err := s.app.calls.Store().Recent(context.Background(), extAn, 5)
	if err != nil || len(calls) != 1 || calls[0].State != "cdr" || calls[0].Source != "hook" {
		t.Fatalf("stored: %+v, %v", calls, err)
	}
}
