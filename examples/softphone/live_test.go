package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// Secrets of the live-mode tests.
const (
	testAPIKeyHint  = "live-test"
	testHookSecret  = "hook-secret-0123456789abcdef"
	testProxySecret = "proxy-secret-0123456789abcdef0123456789"
	testIntegrity   = "sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC"
)

// freeAddr returns a loopback address no one listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// liveOptions are the options of a live run against a fresh simulator,
// with every secret but the authenticator's.
func liveOptions(t *testing.T) (options, *omicalltest.Server) {
	t.Helper()
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	t.Cleanup(stop)
	o, err := parseOptions([]string{"-addr", freeAddr(t), "-sdk-integrity", testIntegrity}, func(k string) string {
		return map[string]string{envAPIKey: sim.APIKey(), envBaseURL: url, envHookSecret: testHookSecret}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	o.logger = discardLogger()
	return o, sim
}

// refusal runs the softphone with o and returns the error with which it
// refuses to start; a softphone that serves instead fails the test (after
// a few seconds, not forever).
func refusal(t *testing.T, o options) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	err := run(ctx, o, io.Discard)
	if err == nil {
		t.Fatal("the softphone served")
	}
	return err
}

// runInBackground runs the softphone until the test ends and returns the
// error channel of run.
func runInBackground(t *testing.T, o options) <-chan error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, o, io.Discard) }()
	t.Cleanup(func() { cancel(); <-done })
	return done
}

func TestLiveModeWithoutAnAuthenticatorDoesNotServe(t *testing.T) {
	o, sim := liveOptions(t)
	err := refusal(t, o)
	if !strings.Contains(err.Error(), "no authenticator") {
		t.Fatalf("run without an authenticator: %v, want a refusal", err)
	}
	if conn, err := net.DialTimeout("tcp", o.addr, time.Second); err == nil {
		conn.Close()
		t.Fatalf("something listens on %s", o.addr)
	}
	if n := sim.TotalRequests(); n != 0 {
		t.Fatalf("%d requests reached OMICall before the refusal", n)
	}
	if _, err := newApp(nil, config{}); err == nil {
		t.Fatal("newApp took a config without an authenticator")
	}
}

func TestLiveModeWithTheProxyAuthenticatorServes(t *testing.T) {
	o, _ := liveOptions(t)
	o.proxySecret = testProxySecret
	done := runInBackground(t, o)
	base := "http://" + o.addr
	waitFor(t, 10*time.Second, "the server to listen", func() bool {
		select {
		case err := <-done:
			t.Fatalf("run: %v", err)
		default:
		}
		resp, err := http.Get(base + "/")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil && resp.StatusCode == http.StatusOK
	})
	// An e-mail alone gets neither a session nor a SIP password.
	hc := agentClient(t)
	if status, body := call(t, hc, "POST", base+"/api/session", "application/json", `{"email":"`+agentAn+`"}`); status != http.StatusUnauthorized {
		t.Fatalf("sign-in by e-mail in live mode: %d %s, want 401", status, body)
	}
	if status, _ := call(t, hc, "GET", base+"/api/me/sip", "", ""); status != http.StatusUnauthorized {
		t.Fatalf("GET /api/me/sip: %d, want 401", status)
	}
}

func TestDemoLoginServesOnLoopbackOnly(t *testing.T) {
	if _, err := listen("0.0.0.0:0", DemoLogin{}); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("demo login on every interface: %v, want a refusal", err)
	}
	ln, err := listen("127.0.0.1:0", DemoLogin{})
	if err != nil {
		t.Fatalf("demo login on loopback: %v", err)
	}
	ln.Close()
	if _, err := startSimulation("0.0.0.0:0", config{}, nil); err == nil {
		t.Fatal("-simulate served on every interface")
	}

	o, _ := liveOptions(t)
	o.demoLogin, o.addr = true, "0.0.0.0:0"
	if err := refusal(t, o); !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("-insecure-demo-login -addr 0.0.0.0:0: %v, want a refusal", err)
	}
	o.addr, o.invite = freeAddr(t), true
	if err := refusal(t, o); !strings.Contains(err.Error(), "-invite") {
		t.Fatalf("-insecure-demo-login -invite: %v, want a refusal", err)
	}
}

func TestSecretsComeFromTheEnvironment(t *testing.T) {
	for _, flag := range []string{"-hook-secret", "-secret", "-proxy-secret", "-api-key"} {
		if _, err := parseOptions([]string{flag, "s3cret"}, func(string) string { return "" }); err == nil {
			t.Errorf("%s is a flag: its value is in the process list", flag)
		}
	}
	if _, err := parseOptions([]string{"-register", "https://crm.example/omicall/hook?secret=s3cret"}, func(string) string { return "" }); err == nil {
		t.Error("-register took a URL with the secret in it")
	}
	env := map[string]string{envHookSecret: testHookSecret, envProxySecret: testProxySecret}
	o, err := parseOptions([]string{"-register", "https://crm.example/omicall/hook"}, func(k string) string { return env[k] })
	if err != nil || o.hookSecret != testHookSecret || o.proxySecret != testProxySecret {
		t.Fatalf("secrets from the environment: %v", err)
	}

	// Live mode refuses to start without the hook secret; no error names
	// a secret's value.
	lo, _ := liveOptions(t)
	lo.proxySecret, lo.hookSecret = testProxySecret, ""
	err = refusal(t, lo)
	if !strings.Contains(err.Error(), envHookSecret) {
		t.Fatalf("live mode without %s: %v", envHookSecret, err)
	}
	lo.proxySecret, lo.hookSecret = "short", testHookSecret
	if err = refusal(t, lo); strings.Contains(err.Error(), "short") {
		t.Fatalf("a short proxy secret: %v, want a refusal that does not print it", err)
	}
}

func TestLiveModeWantsTheSDKIntegrity(t *testing.T) {
	o, _ := liveOptions(t)
	o.proxySecret, o.sdkIntegrity = testProxySecret, ""
	if err := refusal(t, o); !strings.Contains(err.Error(), "-sdk-integrity") {
		t.Fatalf("live mode without -sdk-integrity: %v, want a refusal", err)
	}
	o.sdkIntegrity = "sha384-short"
	refusal(t, o) // a malformed hash
}
