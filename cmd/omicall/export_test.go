package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// exportRange is the range of the export tests: 200 days, 7 windows.
var exportFrom, exportTo = "2026-05-01", "2026-11-16"

func exportSim(t *testing.T, n int) (*omicalltest.Server, []string, []string) {
	t.Helper()
	srv, env := sim(t, omicalltest.WithHistory(n, 200*24*time.Hour, time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)))
	from, _ := time.ParseInLocation(time.DateOnly, exportFrom, omicall.Vietnam)
	to, _ := time.ParseInLocation(time.DateOnly, exportTo, omicall.Vietnam)
	return srv, env, srv.CallIDs(from, to.AddDate(0, 0, 1).Add(-time.Millisecond))
}

// idsOf reads the transaction ids of an export file.
func idsOf(t *testing.T, path, format string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ids []string
	if format == "jsonl" {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var r struct {
				ID string `json:"transaction_id"`
			}
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatalf("line %d: %v", len(ids)+1, err)
			}
			ids = append(ids, r.ID)
		}
		return ids
	}
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || recs[0][0] != "transaction_id" {
		t.Fatalf("no CSV header: %v", recs[:min(1, len(recs))])
	}
	for _, r := range recs[1:] {
		ids = append(ids, r[0])
	}
	return ids
}

func sameIDs(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d records, want %d", len(got), len(want))
	}
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("record %s twice", id)
		}
		seen[id] = true
	}
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Fatal("the export's records differ from the simulator's history")
	}
}

// TestExport20000 exports 20,000 calls over 7 windows in both formats and
// compares them with the simulator's history; stderr, not a terminal, gets
// plain progress lines (one per window at least).
func TestExport20000(t *testing.T) {
	srv, env, want := exportSim(t, 20000)
	if len(want) < 19000 {
		t.Fatalf("the range holds %d calls", len(want))
	}
	dir := t.TempDir()
	for _, format := range []string{"csv", "jsonl"} {
		out := filepath.Join(dir, "calls."+format)
		r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out, "--page-size", "200")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", format, r.code, r.stderr)
		}
		got := idsOf(t, out, format)
		sameIDs(t, got, want)
		if !slices.Equal(got, want) {
			t.Errorf("%s: records not in created order", format)
		}
		for w := 1; w <= 6; w++ {
			if !strings.Contains(r.stderr, "window "+string(rune('0'+w))+"/7 done") {
				t.Errorf("%s: no progress line for window %d/7:\n%s", format, w, r.stderr)
			}
		}
		if !strings.Contains(r.stderr, "exported 20000 records") && !strings.Contains(r.stderr, "records to "+out) {
			t.Errorf("no summary line: %s", r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("stdout not empty with --out: %q", r.stdout[:min(80, len(r.stdout))])
		}
	}
	if n := srv.Requests("POST /api/v3/call-transaction/search"); n == 0 {
		t.Error("the export did not read the v3 search")
	}
	if n := srv.Requests("GET /api/call_transaction/list"); n != 0 {
		t.Errorf("the export read the list endpoint %d times, want the v3 search only", n)
	}
	// To stdout.
	r := runCLI(t, env, "calls", "export", "--from", "2026-11-01", "--to", "2026-11-02", "--format", "jsonl")
	if r.code != 0 || strings.Count(r.stdout, "\n") == 0 {
		t.Errorf("stdout export: exit %d, %d lines", r.code, strings.Count(r.stdout, "\n"))
	}
}

// TestExportResumeAfterCut resumes files cut mid-record, in both formats.
func TestExportResumeAfterCut(t *testing.T) {
	_, env, want := exportSim(t, 3000)
	dir := t.TempDir()
	for _, format := range []string{"csv", "jsonl"} {
		out := filepath.Join(dir, "cut."+format)
		if r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		full, _ := os.ReadFile(out)
		for _, cut := range []int{len(full) / 3, len(full)*2/3 + 17, 10} {
			if err := os.WriteFile(out, full[:cut], 0o644); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out, "--resume")
			if r.code != 0 {
				t.Fatalf("resume: exit %d: %s", r.code, r.stderr)
			}
			sameIDs(t, idsOf(t, out, format), want)
		}
	}
}

// TestExportKilledThenResumed kills a running export (SIGKILL: nothing
// flushed) and interrupts another (SIGINT: flushed, exit 130); --resume
// then completes each without duplicates.
func TestExportKilledThenResumed(t *testing.T) {
	srv, env, want := exportSim(t, 20000)
	srv.SetLatency(2 * time.Millisecond)
	dir := t.TempDir()
	for _, sig := range []syscall.Signal{syscall.SIGKILL, syscall.SIGINT} {
		out := filepath.Join(dir, "killed-"+sig.String()+".csv")
		p := start(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out, "--page-size", "50")
		// Wait until some records reached the file (or the export ended).
		deadline := time.Now().Add(60 * time.Second)
		for time.Now().Before(deadline) {
			if st, err := os.Stat(out); err == nil && st.Size() > 200_000 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		code := p.stop(t, sig)
		if b, err := os.ReadFile(out); err == nil {
			t.Logf("%v: exit %d with %d lines written", sig, code, strings.Count(string(b), "\n"))
		}
		if sig == syscall.SIGINT && code != 130 && code != 0 {
			t.Errorf("SIGINT: exit %d, want 130", code)
		}
		srv.SetLatency(0)
		r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out, "--resume")
		if r.code != 0 {
			t.Fatalf("resume: exit %d: %s", r.code, r.stderr)
		}
		sameIDs(t, idsOf(t, out, "csv"), want)
		srv.SetLatency(2 * time.Millisecond)
	}
}

// TestExportProgressBarOnTerminal runs an export with stderr on a
// terminal (util-linux script gives it a pty) and looks for the bar.
func TestExportProgressBarOnTerminal(t *testing.T) {
	scriptBin, err := exec.LookPath("script")
	if err != nil {
		t.Skip("no script(1) to give the export a terminal")
	}
	_, env, _ := exportSim(t, 3000)
	out := filepath.Join(t.TempDir(), "tty.csv")
	line := binary + " calls export --from " + exportFrom + " --to " + exportTo + " --out " + out
	cmd := exec.Command(scriptBin, "-qec", line, "/dev/null")
	cmd.Env = cleanEnv(env...)
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	s := string(b)
	if !strings.Contains(s, "records/s · window") || !strings.Contains(s, "% |") || !strings.Contains(s, "exported 3000 records") && !strings.Contains(s, "records to "+out) {
		t.Errorf("no progress bar on the terminal:\n%q", s[:min(len(s), 600)])
	}
}
