package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestGoldenOutput(t *testing.T) {
	env := goldenSim(t)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"tenant", []string{"tenant"}},
		{"agents", []string{"agents", "list"}},
		{"extensions", []string{"extensions", "list"}},
		{"calls", []string{"calls", "list", "--from", "2026-11-20", "--to", "2026-11-21", "--limit", "5"}},
		{"calls-utc", []string{"calls", "list", "--from", "2026-11-20", "--to", "2026-11-21", "--limit", "3", "--tz", "UTC"}},
	} {
		for _, format := range []string{"table", "json", "csv"} {
			t.Run(tc.name+"-"+format, func(t *testing.T) {
				r := runCLI(t, env, append(tc.args, "--output", format)...)
				if r.code != 0 {
					t.Fatalf("exit %d: %s", r.code, r.stderr)
				}
				golden(t, tc.name+"."+format, r.stdout)
			})
		}
	}
}

func TestUsageErrors(t *testing.T) {
	_, env := sim(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"tenant", "--bogus"}, "unknown flag: --bogus"},
		{[]string{"calls", "list", "--from", "2026-13-01", "--to", "2026-12-01"}, `--from "2026-13-01"`},
		{[]string{"calls", "list", "--from", "2026-12-01", "--to", "2026-11-01"}, "before --from"},
		{[]string{"calls", "export", "--from", "2026-11-01"}, "--from and --to are required"},
		{[]string{"calls", "export", "--from", "2026-11-01", "--to", "2026-11-02", "--format", "xml"}, `--format "xml"`},
		{[]string{"calls", "export", "--from", "2026-11-01", "--to", "2026-11-02", "--resume"}, "--resume needs --out"},
		{[]string{"--output", "xml", "tenant"}, `--output "xml"`},
		{[]string{"agents"}, "needs a subcommand"},
		{[]string{"agents", "frob"}, `unknown command "frob"`},
		{[]string{"frob"}, `unknown command "frob"`},
		{[]string{"calls", "get"}, "needs a call"},
		{[]string{"extensions", "lookup", "--email", "a@b.c", "--sip-user", "100"}, "exactly one of"},
		{[]string{"agents", "invite", "--email", "x@y.z"}, "needs --email, --name and --password"},
		{[]string{"trigger", "call", "--extension", "100"}, "needs --extension and --phone"},
		{[]string{"sim", "--fail-rate", "2"}, "--fail-rate"},
		{[]string{"--staging", "--base-url", "http://127.0.0.1:1", "tenant"}, "give one"},
		{[]string{"--tz", "Mars/Olympus", "tenant"}, "unknown time zone"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			r := runCLI(t, env, tc.args...)
			if r.code != 2 {
				t.Fatalf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			if strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr %q: want one line with %q", r.stderr, tc.want)
			}
		})
	}
	t.Run("missing key", func(t *testing.T) {
		r := runCLI(t, []string{env[0]}, "tenant")
		if r.code != 2 || !strings.Contains(r.stderr, "OMICALL_API_KEY") {
			t.Errorf("exit %d, stderr %q", r.code, r.stderr)
		}
	})
}

func TestAPIErrorExitsOne(t *testing.T) {
	_, env := sim(t)
	key := "prod-key-that-is-wrong-123456"
	r := runCLI(t, []string{env[0], "OMICALL_API_KEY=" + key}, "auth", "check", "-v")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "api_key_invalid") || !strings.Contains(r.stderr, "try --staging") {
		t.Errorf("stderr %q: want the code and the --staging hint", r.stderr)
	}
	if strings.Contains(r.stderr+r.stdout, key) {
		t.Errorf("the key was printed: %q", r.stderr)
	}
	r = runCLI(t, env, "calls", "get", "no-such-call")
	if r.code != 1 || !strings.Contains(r.stderr, "not_found") {
		t.Errorf("calls get: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runCLI(t, []string{"OMICALL_BASE_URL=http://127.0.0.1:1", "OMICALL_API_KEY=k"}, "tenant", "--timeout", "5s")
	if r.code != 1 || !strings.Contains(r.stderr, "network error") {
		t.Errorf("unreachable host: exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestSecretsNeverPrinted runs every kind of command with -v and checks
// that neither the key nor a token (the simulator's are JWTs) shows.
func TestSecretsNeverPrinted(t *testing.T) {
	key := "very-secret-key-4242424242"
	_, env := sim(t, omicalltest.WithAPIKey(key))
	for _, args := range [][]string{
		{"auth", "check"}, {"auth", "check", "-o", "json"}, {"tenant"}, {"agents", "list"},
		{"extensions", "list", "-o", "json"}, {"calls", "list", "-o", "csv"}, {"webhooks", "list"},
		{"calls", "get", "nope"}, {"--help"}, {"calls", "export", "--help"}, {"sim", "--help"},
	} {
		r := runCLI(t, env, append(args, "-v")...)
		all := r.stdout + r.stderr
		if strings.Contains(all, key) || strings.Contains(all, "eyJ") || strings.Contains(all, "apiKey=") {
			t.Errorf("%v printed the key or a token:\n%s", args, all)
		}
	}
	// -v logs requests.
	r := runCLI(t, env, "tenant", "-v")
	if !strings.Contains(r.stderr, "/api/tenant/detail") {
		t.Errorf("-v logged no request: %q", r.stderr)
	}
	// The key given as a flag is not shown either.
	r = runCLI(t, []string{env[0]}, "--api-key", key, "auth", "check", "-v")
	if r.code != 0 || strings.Contains(r.stdout+r.stderr, key) {
		t.Errorf("exit %d; output %q", r.code, r.stdout+r.stderr)
	}
}

func TestAgentsExtensionsWebhooks(t *testing.T) {
	srv, env := sim(t)
	r := runCLI(t, env, "agents", "invite", "--email", "new.agent@democo.example", "--name", "New Agent",
		"--password", "S3cret!pass", "--uuid", "crm-42", "-o", "json")
	if r.code != 0 {
		t.Fatalf("invite: exit %d: %s", r.code, r.stderr)
	}
	var inv struct{ Extension string }
	if err := json.Unmarshal([]byte(r.stdout), &inv); err != nil || inv.Extension == "" {
		t.Fatalf("invite output %q: %v", r.stdout, err)
	}
	if strings.Contains(r.stdout, "S3cret!pass") {
		t.Error("invite printed the password")
	}
	r = runCLI(t, env, "agents", "invite", "--email", "new.agent@democo.example", "--name", "New Agent", "--password", "S3cret!pass")
	if r.code != 1 || !strings.Contains(r.stderr, "agent_exists") {
		t.Errorf("second invite: exit %d, %q", r.code, r.stderr)
	}
	r = runCLI(t, env, "extensions", "lookup", "--uuid", "crm-42", "--websdk")
	var creds map[string]string
	if err := json.Unmarshal([]byte(r.stdout), &creds); err != nil || len(creds) != 3 || creds["username"] != inv.Extension || creds["password"] == "" {
		t.Errorf("--websdk printed %q (%v)", r.stdout, err)
	}
	if r := runCLI(t, env, "agents", "delete", "new.agent@democo.example"); r.code != 0 {
		t.Errorf("delete: exit %d: %s", r.code, r.stderr)
	}
	if r := runCLI(t, env, "agents", "list"); strings.Contains(r.stdout, "new.agent@") {
		t.Error("the deleted agent is still listed")
	}

	r = runCLI(t, env, "webhooks", "register", "http://127.0.0.1:9/hook?secret=topsecret")
	if r.code != 0 || strings.Contains(r.stdout, "topsecret") || !strings.Contains(r.stdout, "REDACTED") {
		t.Errorf("register: exit %d, %q %q", r.code, r.stdout, r.stderr)
	}
	if got := srv.Webhooks("call"); len(got) != 1 {
		t.Errorf("registered %v", got)
	}
	if r := runCLI(t, env, "webhooks", "delete"); r.code != 0 || len(srv.Webhooks("call")) != 0 {
		t.Errorf("delete: exit %d %s; left %v", r.code, r.stderr, srv.Webhooks("call"))
	}
}

func TestCompletionAndHelp(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		r := runCLI(t, nil, "completion", sh)
		if r.code != 0 || len(r.stdout) < 100 {
			t.Errorf("completion %s: exit %d, %d bytes", sh, r.code, len(r.stdout))
		}
	}
	r := runCLI(t, nil, "__complete", "calls", "export", "--format", "")
	if !strings.Contains(r.stdout, "jsonl") {
		t.Errorf("no completion of --format: %q", r.stdout)
	}
	r = runCLI(t, nil, "calls", "export", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "--resume") {
		t.Errorf("help: exit %d %q", r.code, r.stdout)
	}
}

// TestCallsListSaysWhatItShows: without dates calls list names the range
// it chose, and a list cut by --limit says that more calls exist.
func TestCallsListSaysWhatItShows(t *testing.T) {
	_, env := sim(t, omicalltest.WithHistory(2000, 30*24*time.Hour, time.Time{}))
	r := runCLI(t, env, "calls", "list")
	if r.code != 0 || !strings.Contains(r.stderr, "last 7 days") || !strings.Contains(r.stderr, "--from") {
		t.Errorf("exit %d; stderr %q: want the default range and --from/--to", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "--limit") {
		t.Errorf("stderr %q: want how to see more (--limit)", r.stderr)
	}
	today := time.Now().In(omicall.Vietnam).Format(time.DateOnly)
	r = runCLI(t, env, "calls", "list", "--from", today, "--to", today, "--limit", "1000", "-o", "csv")
	if r.code != 0 || strings.Contains(r.stderr, "more") {
		t.Errorf("a complete list: exit %d, stderr %q", r.code, r.stderr)
	}
}
