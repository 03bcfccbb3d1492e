package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/cdp/jsonv2"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/omicall-go/omicall"
)

// findChromium returns the path of a Chromium to drive. Without one the
// browser test is skipped, except under CI=true, where it fails: CI
// installs Debian's chromium (.ci/run).
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no Chromium found (looked for $CHROMIUM, chromium, chromium-browser, google-chrome); on Debian: apt-get install chromium"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + " — CI=true, so a missing browser fails the run")
	}
	t.Skip(msg)
	return ""
}

// hookGate sits in front of the softphone and, while closed, holds every
// call hook but "ringing" until it is opened: a call stays mid-call as long
// as the test needs.
type hookGate struct {
	mu     sync.Mutex
	closed bool
	open   chan struct{}
}

func (g *hookGate) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.closed, g.open = true, make(chan struct{})
}

func (g *hookGate) release() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		g.closed = false
		close(g.open)
	}
}

func (g *hookGate) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/omicall/hook" {
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			var ev struct {
				State string `json:"state"`
			}
			_ = json.Unmarshal(body, &ev)
			g.mu.Lock()
			closed, open := g.closed, g.open
			g.mu.Unlock()
			if closed && ev.State != "create" && ev.State != "early" && ev.State != "ringing" {
				select {
				case <-open:
				case <-r.Context().Done():
					return
				}
			}
		}
		h.ServeHTTP(w, r)
	})
}

// logEntry is one line of the page's event log.
type logEntry struct {
	State  string `json:"state"`
	CallID string `json:"call"`
	Text   string `json:"text"`
}

const readLog = `Array.from(document.querySelectorAll('#events li')).map(li => ({state: li.dataset.state, call: li.dataset.call, text: li.textContent}))`

// statesOf returns the states the log shows for call id, in order.
func statesOf(entries []logEntry, id string) []string {
	var out []string
	for _, e := range entries {
		if e.CallID == id {
			out = append(out, e.State)
		}
	}
	return out
}

// TestBrowserSoftphone drives the page in headless Chromium on the
// simulator: sign-in and SDK registration, a click-to-call and its live
// events, the recent calls, the per-agent filter, JavaScript errors, a
// reload in the middle of a call, and that chromedp decodes every event the
// browser sends. With SOFTPHONE_SCREENSHOT=path it saves the screenshot it
// takes there.
func TestBrowserSoftphone(t *testing.T) {
	chromium := findChromium(t)
	gate := new(hookGate)
	var crossSite atomic.Int32 // sign-ins posted as text/plain
	s, _ := startTest(t, config{}, func(h http.Handler) http.Handler {
		return gate.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/api/session" && strings.HasPrefix(r.Header.Get("Content-Type"), "text/plain") {
				crossSite.Add(1)
			}
			h.ServeHTTP(w, r)
		}))
	})

	// No background traffic: the machine may have no network at all. With
	// no user-data-dir given, chromedp makes a fresh profile directory and
	// removes it once the browser has exited.
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	var (
		mu       sync.Mutex
		jsErrors []string
		cdpLog   strings.Builder
		events   protocolEvents
	)
	logf := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		mu.Lock()
		defer mu.Unlock()
		if strings.Contains(msg, "could not unmarshal event") {
			// chromedp's own report of an event it could not decode.
			events.undecodable = append(events.undecodable, "chromedp: "+msg)
		} else {
			cdpLog.WriteString(msg + "\n")
		}
	}
	// Every message the browser sends passes through the protocol log:
	// each event in it is decoded here as chromedp decodes it, so that an
	// event this cdproto does not know is caught too (chromedp drops those
	// of a page silently).
	protocol := func(format string, args ...any) {
		raw, ok := strings.CutPrefix(fmt.Sprintf(format, args...), "<- ")
		if !ok {
			return // a command sent to the browser
		}
		mu.Lock()
		defer mu.Unlock()
		events.check([]byte(raw))
	}
	onEvent := func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			jsErrors = append(jsErrors, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value))
				}
				mu.Lock()
				jsErrors = append(jsErrors, "console.error: "+strings.Join(parts, " "))
				mu.Unlock()
			}
		}
	}
	ctx, cancelTab := chromedp.NewContext(allocCtx,
		chromedp.WithErrorf(logf), chromedp.WithDebugf(protocol), chromedp.WithListener(onEvent))
	t.Cleanup(cancelTab)
	t.Cleanup(func() {
		if t.Failed() {
			mu.Lock()
			defer mu.Unlock()
			t.Logf("chromedp log (%d events decoded, %d undecodable: %s):\n%s",
				events.decoded, len(events.undecodable), strings.Join(events.undecodable, "; "), cdpLog.String())
		}
	})
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second) // generous: the steps take a few seconds
	defer cancel()
	// Start the browser on the test's context (the first Run does), then
	// give each step its own bound, so that a failing step fails fast.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", chromium, err)
	}
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		stepCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(stepCtx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}

	// 0. Another site's form posts a sign-in as text/plain (no CORS
	// preflight needed): it signs no one in.
	attacker := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><form id="f" method="POST" action="%s/api/session" enctype="text/plain">`+
			`<input name='{"email":"%s","pad":"' value='"}'></form><script>document.getElementById("f").submit()</script>`, s.url, agentAn)
	}))
	defer attacker.Close()
	run("the cross-site sign-in form", chromedp.Navigate(strings.Replace(attacker.URL, "127.0.0.1", "localhost", 1)))
	waitFor(t, 20*time.Second, "the cross-site form's post", func() bool { return crossSite.Load() > 0 })
	run("after the cross-site form", chromedp.Navigate(s.url), chromedp.WaitVisible("#sign-in"))
	if c := browserCookies(t, run, s.url); len(c) != 0 {
		t.Fatalf("the cross-site form left cookies %+v", c)
	}

	// Live mode without an authenticator does not serve at all.
	o, _ := liveOptions(t)
	refusal(t, o)
	stepCtx, cancelStep := context.WithTimeout(ctx, 20*time.Second)
	err := chromedp.Do(stepCtx, chromedp.Navigate("http://"+o.addr+"/"))
	cancelStep()
	if err == nil || !strings.Contains(err.Error(), "ERR_CONNECTION_REFUSED") {
		t.Fatalf("opening a live softphone without an authenticator: %v, want connection refused", err)
	}

	// 1. Sign in; the page registers the Web SDK with the backend's JSON.
	run("sign in",
		chromedp.Navigate(s.url),
		chromedp.WaitVisible("#sign-in"),
		chromedp.SendKeys("#email", agentAn),
		chromedp.Click(`#sign-in-form button[type="submit"]`),
		chromedp.WaitVisible("#phone"),
		chromedp.WaitVisible(`#sdk-status[data-status="registered"]`),
		chromedp.WaitVisible(`#stream-status[data-status="live"]`),
	)
	// The browser keeps the __Host- cookie, Secure, on http://127.0.0.1:
	// browsers count loopback as a secure context.
	cookies := browserCookies(t, run, s.url)
	if len(cookies) != 1 || cookies[0].Name != sessionCookie || !cookies[0].Secure || !cookies[0].HTTPOnly ||
		cookies[0].SameSite != network.CookieSameSiteStrict || cookies[0].Path != "/" {
		t.Fatalf("the browser holds %+v, want one Secure, HttpOnly, SameSite=Strict %s cookie", cookies, sessionCookie)
	}
	copied := &http.Cookie{Name: cookies[0].Name, Value: cookies[0].Value}
	if status := withCookie(t, s.url+"/api/me/sip", copied); status != http.StatusOK {
		t.Fatalf("the copied cookie before sign-out: %d, want 200", status)
	}
	type sdkCall struct {
		Method string            `json:"method"`
		Args   []json.RawMessage `json:"args"`
	}
	var sdkCalls []sdkCall
	run("read the stand-in's calls", into(&sdkCalls, chromedp.Evaluate[[]sdkCall](`omiSDK.__standIn.calls`)))
	var methods []string
	var registered omicall.SIPCredentials
	for _, c := range sdkCalls {
		methods = append(methods, c.Method)
		if c.Method == "register" {
			var fields map[string]string
			if err := json.Unmarshal(c.Args[0], &fields); err != nil || len(fields) != 3 {
				t.Fatalf("register got %s, want exactly {domain, username, password}", c.Args[0])
			}
			registered = omicall.SIPCredentials{Domain: fields["domain"], Username: fields["username"], Password: fields["password"]}
		}
	}
	if !slices.Equal(methods, []string{"init", "register"}) {
		t.Fatalf("the page called the SDK's %v, want [init register]", methods)
	}
	if want := simCredentials(t, s, extAn); registered != want {
		t.Fatalf("register got %+v, want the simulator's %+v", registered, want)
	}

	// 2. Another agent's call: its events must never reach this page.
	_, hotline := s.sim.DemoCaller()
	theirs, err := s.sim.PlaceCall(omicall.ClickToCallRequest{Extension: extBinh, Hotline: hotline, PhoneNumber: "0933333333"})
	if err != nil {
		t.Fatal(err)
	}
	s.sim.WaitCalls() // all its hooks are answered: published, or not, by now

	// 3. Call: exactly one click-to-call; the log shows its four events in
	// order within 5 s.
	clicks := s.sim.Requests("POST /api/click2call")
	run("place a call",
		chromedp.SendKeys("#phone-number", testPhone),
		chromedp.Click("#call"),
	)
	started := time.Now()
	waitCtx, cancelWait := context.WithTimeout(ctx, 5*time.Second)
	err = chromedp.Do(waitCtx, chromedp.WaitVisible(`#events li[data-state="cdr"]`))
	cancelWait()
	if err != nil {
		t.Fatalf("no cdr in the event log within 5 s of the click: %v", err)
	}
	t.Logf("click to cdr in the log: %s", time.Since(started).Round(time.Millisecond))
	if n := s.sim.Requests("POST /api/click2call") - clicks; n != 1 {
		t.Fatalf("%d click-to-calls reached the simulator, want 1", n)
	}
	var entries []logEntry
	run("read the log", into(&entries, chromedp.Evaluate[[]logEntry](readLog)))
	if len(entries) == 0 {
		t.Fatal("empty event log")
	}
	mine := entries[0].CallID
	if got := statesOf(entries, mine); !wholeCall(got) {
		t.Fatalf("the log shows %v for call %s, want [create early] ringing → answered → hangup → cdr", got, mine)
	}
	if len(entries) != len(statesOf(entries, mine)) {
		t.Fatalf("the log shows other calls: %+v", entries)
	}
	cdr := entries[len(entries)-1]
	if !strings.Contains(cdr.Text, "duration") || !strings.Contains(cdr.Text, testPhone) {
		t.Errorf("the cdr line %q lacks the duration or the number", cdr.Text)
	}
	if slices.Contains(statesOf(entries, mine), "answered") {
		var href chromedp.AttributeResult
		run("read the recording link", into(&href, chromedp.AttributeValue(`#events li[data-state="cdr"] a`, "href")))
		if !strings.Contains(href.Value, mine) {
			t.Errorf("recording link %q is not the call's", href.Value)
		}
	}

	// 4. The recent-calls table lists the call.
	run("recent calls", chromedp.WaitVisible(fmt.Sprintf(`#recent tr[data-call=%q]`, mine)))

	// 5. The other agent's call is nowhere on the page.
	var html string
	run("read the page", into(&html, chromedp.OuterHTML("main")))
	if strings.Contains(html, theirs) {
		t.Fatalf("the other agent's call %s appears on the page", theirs)
	}

	// The screenshot of the README.
	var png []byte
	run("screenshot", into(&png, chromedp.CaptureScreenshot()))
	if len(png) < 1000 {
		t.Fatalf("screenshot of %d bytes", len(png))
	}
	if path := os.Getenv("SOFTPHONE_SCREENSHOT"); path != "" {
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot saved to %s", path)
	}

	// 6. A reload in the middle of a call, then the rest of the call while
	// the page is away: the page shows the events it missed when it comes
	// back (Last-Event-ID).
	gate.close()
	defer gate.release()
	run("place a second call",
		chromedp.SetValue("#phone-number", otherPhone),
		chromedp.Click("#call"),
		chromedp.WaitVisible(fmt.Sprintf(`#events li[data-state="ringing"]:not([data-call=%q])`, mine)),
		into(&entries, chromedp.Evaluate[[]logEntry](readLog)),
	)
	second := entries[len(entries)-1].CallID
	// A reload keeps the log (the page stores it for the tab) and resumes
	// the stream after the last event it had.
	run("reload mid-call",
		chromedp.Reload(),
		chromedp.WaitVisible(`#stream-status[data-status="live"]`),
		into(&entries, chromedp.Evaluate[[]logEntry](readLog)),
	)
	if got := statesOf(entries, second); !slices.Equal(withoutSetup(got), []string{"ringing"}) {
		t.Fatalf("after the reload the log shows %v for the second call, want [ringing]", got)
	}
	// Away from the page while the call goes on: what it missed comes from
	// the server's ring when it returns.
	run("leave the page", chromedp.Navigate("about:blank"))
	gate.release()
	waitFor(t, 30*time.Second, "the second call's cdr to reach the server", func() bool {
		for _, ev := range s.app.events.recent(extAn) {
			if ev.CallID == second && ev.State == "cdr" {
				return true
			}
		}
		return false
	})
	run("come back",
		chromedp.Navigate(s.url),
		chromedp.WaitVisible(fmt.Sprintf(`#events li[data-state="cdr"][data-call=%q]`, second)),
		into(&entries, chromedp.Evaluate[[]logEntry](readLog)),
	)
	if got := statesOf(entries, second); !wholeCall(got) {
		t.Fatalf("after the reload the log shows %v for the second call, want ringing → answered → hangup → cdr, once each", got)
	}
	if got := statesOf(entries, mine); !wholeCall(got) {
		t.Fatalf("after the reload the log shows %v for the first call, want all of its events", got)
	}

	// 7. No JavaScript errors, from the browser or the page's own collector.
	var pageErrors []string
	run("read the page's errors", into(&pageErrors, chromedp.Evaluate[[]string](`window.softphoneErrors`)))
	mu.Lock()
	all := append(jsErrors, pageErrors...)
	mu.Unlock()
	if len(all) > 0 {
		t.Fatalf("the page logged JavaScript errors:\n%s", strings.Join(all, "\n"))
	}

	// 8. Sign out: the cookie copied before is refused after.
	run("sign out", chromedp.Click("#sign-out"), chromedp.WaitVisible("#sign-in"))
	for _, path := range []string{"/api/me/sip", "/api/events", "/api/calls/recent"} {
		if status := withCookie(t, s.url+path, copied); status != http.StatusUnauthorized {
			t.Fatalf("GET %s with the cookie copied before sign-out: %d, want 401", path, status)
		}
	}

	// 9. Every event the browser sent decoded: this cdproto knows the
	// installed Chromium's protocol.
	mu.Lock()
	decoded, deprecated, undecodable := events.decoded, events.deprecated, slices.Clone(events.undecodable)
	mu.Unlock()
	t.Logf("events from the browser: %d decoded, %d deprecated ones cdproto leaves out, %d undecodable", decoded, deprecated, len(undecodable))
	if decoded == 0 {
		t.Fatal("no event from the browser went through the protocol log")
	}
	if len(undecodable) > 0 {
		t.Fatalf("%d events from the browser could not be decoded:\n%s", len(undecodable), strings.Join(undecodable, "\n"))
	}
}

// deprecatedEvents are the events Chromium still sends that the protocol
// has marked deprecated (since 2019): cdproto leaves deprecated events out,
// and chromedp ignores them. Every other event must decode.
var deprecatedEvents = []cdproto.MethodType{
	"Page.frameScheduledNavigation",
	"Page.frameClearedScheduledNavigation",
}

// protocolEvents counts the events of the protocol log that decode and
// lists those that do not.
type protocolEvents struct {
	decoded     int
	deprecated  int // events of deprecatedEvents
	undecodable []string
}

// check decodes one message from the browser, if it is an event, as
// chromedp decodes it.
func (p *protocolEvents) check(raw []byte) {
	var msg cdproto.Message
	if err := jsonv2.Unmarshal(raw, &msg, chromedp.DefaultUnmarshalOptions); err != nil {
		p.undecodable = append(p.undecodable, fmt.Sprintf("message %.200s: %v", raw, err))
		return
	}
	if msg.Method == "" {
		return // the reply to a command
	}
	_, err := cdproto.UnmarshalMessage(&msg, chromedp.DefaultUnmarshalOptions)
	var unknown cdp.ErrUnknownCommandOrEvent
	switch {
	case err == nil:
		p.decoded++
	case errors.As(err, &unknown) && slices.Contains(deprecatedEvents, msg.Method):
		p.deprecated++
	default:
		p.undecodable = append(p.undecodable, fmt.Sprintf("%s: %v", msg.Method, err))
	}
}

// into makes an action that stores the value of a in dst, so that it can
// run among the steps of run.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, t)
		if err == nil {
			*dst = v
		}
		return chromedp.Void{}, err
	}
}

// browserCookies returns the cookies the browser would send to url.
func browserCookies(t *testing.T, run func(string, ...chromedp.Action[chromedp.Void]), url string) []*network.Cookie {
	t.Helper()
	var res network.GetCookiesResult
	run("read the cookies", into(&res, func(ctx context.Context, tg *chromedp.Target) (network.GetCookiesResult, error) {
		return cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
	}))
	return res.Cookies
}

// withCookie sends GET url with only cookie c, as a copied cookie is
// replayed, and returns the status.
func withCookie(t *testing.T, url string, c *http.Cookie) int {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(c)
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// wholeCall reports whether states are a call's events in order, each
// once: ringing, answered, hangup, cdr (no answered if no one answered).
// withoutSetup drops the leading create and early states: the call being
// set up, before it rings (2026 hooks).
func withoutSetup(states []string) []string {
	for len(states) > 0 && (states[0] == "create" || states[0] == "early") {
		states = states[1:]
	}
	return states
}

func wholeCall(states []string) bool {
	states = withoutSetup(states)
	return slices.Equal(states, []string{"ringing", "answered", "hangup", "cdr"}) ||
		slices.Equal(states, []string{"ringing", "hangup", "cdr"})
}
