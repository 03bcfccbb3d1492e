package main

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSyncBackfillThenStatus: `omicall sync --from --to` stores every call
// of the range, and `sync status` says so.
func TestSyncBackfillThenStatus(t *testing.T) {
	env := goldenSim(t)
	db := "sqlite:" + filepath.Join(t.TempDir(), "calls.db")
	r := runCLI(t, env, "sync", "--db", db, "--from", "2026-10-31", "--to", "2026-12-01")
	if r.code != 0 {
		t.Fatalf("sync: exit %d\n%s", r.code, r.stderr)
	}
	st := runCLI(t, env, "sync", "status", "--db", db)
	if st.code != 0 || !strings.Contains(st.stdout, "calls:          300 (300 final") || !strings.Contains(st.stdout, "done") {
		t.Fatalf("status: exit %d\n%s%s", st.code, st.stdout, st.stderr)
	}
	// Again: the backfill is done and nothing is written twice.
	if r := runCLI(t, env, "sync", "--db", db, "--from", "2026-10-31", "--to", "2026-12-01"); r.code != 0 {
		t.Fatalf("sync again: exit %d\n%s", r.code, r.stderr)
	}
	if st2 := runCLI(t, env, "sync", "status", "--db", db); !strings.Contains(st2.stdout, "calls:          300 ") {
		t.Fatalf("status after a second sync:\n%s", st2.stdout)
	}
}

// TestSyncListenStopsCleanly: with --listen the webhook is served until
// SIGINT, which exits 0; the secret comes from the environment.
func TestSyncListenStopsCleanly(t *testing.T) {
	_, env := sim(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	db := "sqlite:" + filepath.Join(t.TempDir(), "calls.db")
	p := start(t, append(env, "OMICALL_WEBHOOK_SECRET=s3cret-for-the-test"), "sync", "--db", db, "--listen", addr, "--reconcile-every", "1h")
	expect(t, p.errs, "listening on http://"+addr+"/omicall/hook")
	time.Sleep(100 * time.Millisecond)
	if code := p.stop(t, os.Interrupt); code != 0 {
		t.Fatalf("exit %d after SIGINT", code)
	}
}

// TestSyncUsageErrors: a missing --db, --to without --from, or --listen
// without a secret are usage errors (exit 2).
func TestSyncUsageErrors(t *testing.T) {
	_, env := sim(t)
	db := "sqlite:" + filepath.Join(t.TempDir(), "calls.db")
	for _, args := range [][]string{
		{"sync", "--from", "2026-11-01"},
		{"sync", "--db", db, "--to", "2026-11-01"},
		{"sync", "status"},
	} {
		if r := runCLI(t, env, args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
	if r := runCLI(t, env, "sync", "--db", db, "--listen", "127.0.0.1:0"); r.code == 0 || !strings.Contains(r.stderr, "--secret") {
		t.Errorf("--listen without a secret: exit %d\n%s", r.code, r.stderr)
	}
}
