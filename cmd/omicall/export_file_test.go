package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
)

// precious is what an operator's existing --out file holds before a run.
const precious = "transaction_id,created_date\nkeep-me,2026-01-01T00:00:00.000+07:00\n"

// unchanged fails the test unless path still holds want.
func unchanged(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if string(got) != want {
		t.Errorf("%s was changed: %d bytes, want the %d it had", filepath.Base(path), len(got), len(want))
	}
}

// TestExportRefusalKeepsFile runs exports that must fail before any record
// is written: the --out file keeps every byte and the advice is not
// --resume (there is nothing to resume).
func TestExportRefusalKeepsFile(t *testing.T) {
	_, env := sim(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "calls.csv")
	for _, tc := range []struct {
		env  []string
		args []string
		code int
		want string
	}{
		{env, []string{"--from", "1969-06-01", "--to", "2026-01-01"}, 2, "--from 1969-06-01"},
		{env, []string{"--from", "2026-01-01", "--to", "1969-06-01"}, 2, "--to 1969-06-01"},
		{env, []string{"--from", "2026-01-01", "--to", "2026-01-02", "--format", "xml"}, 2, "--format"},
		{env, []string{"--from", "2026-01-01", "--to", "2026-01-02", "--page-size", "0"}, 2, "--page-size"},
		{env, []string{"--from", "2026-01-01", "--to", "2026-01-02", "--direction", "sideways"}, 2, "--direction"},
		{env[:1], []string{"--from", "2026-01-01", "--to", "2026-01-02"}, 2, "OMICALL_API_KEY"},
		{[]string{"OMICALL_BASE_URL=http://127.0.0.1:1", "OMICALL_API_KEY=k"},
			[]string{"--from", "2026-01-01", "--to", "2026-01-02", "--timeout", "2s"}, 1, "network error"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if err := os.WriteFile(out, []byte(precious), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, tc.env, append([]string{"calls", "export", "--out", out}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr %q, want %q", r.code, tc.code, r.stderr, tc.want)
			}
			if strings.Contains(r.stderr, "--resume") {
				t.Errorf("advises --resume after writing nothing: %q", r.stderr)
			}
			unchanged(t, out, precious)
		})
	}
}

// TestExportOutErrorsNameTheFile: a bad --out is refused before the walk,
// named as a file and never called a network error.
func TestExportOutErrorsNameTheFile(t *testing.T) {
	_, env := sim(t)
	dir := t.TempDir()
	for _, out := range []string{filepath.Join(dir, "no-such-dir", "calls.csv"), dir} {
		r := runCLI(t, env, "calls", "export", "--from", "2026-01-01", "--to", "2026-01-02", "--out", out)
		if r.code != 2 || !strings.Contains(r.stderr, "--out "+out) || strings.Contains(r.stderr, "network") {
			t.Errorf("--out %s: exit %d, stderr %q", out, r.code, r.stderr)
		}
	}
}

// TestExportResumeRefusesForeignFile: --resume continues only an export of
// the same format; anything else is refused (exit 2) and left as it was.
func TestExportResumeRefusesForeignFile(t *testing.T) {
	_, env, _ := exportSim(t, 300)
	dir := t.TempDir()
	ours := map[string][]byte{}
	for _, format := range []string{"csv", "jsonl"} {
		out := filepath.Join(dir, "ours."+format)
		if r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		ours[format], _ = os.ReadFile(out)
	}
	for _, tc := range []struct {
		name, content, format string
	}{
		{"contacts.csv", "name,phone\nAn,0912345678\nBinh,0987654321\n", "csv"},
		{"short.csv", "hello", "csv"},
		{"header-only-other.csv", "transaction_id,created_date\n", "csv"},
		{"our-csv-as-jsonl.csv", string(ours["csv"]), "jsonl"},
		{"our-jsonl-as-csv.jsonl", string(ours["jsonl"]), "csv"},
		{"events.jsonl", `{"event":"ringing","call_id":"a"}` + "\n", "jsonl"},
		{"garbage-inside.jsonl", string(ours["jsonl"][:bytes.IndexByte(ours["jsonl"], '\n')+1]) + "not json\n" +
			string(ours["jsonl"][bytes.IndexByte(ours["jsonl"], '\n')+1:]), "jsonl"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name)
			if err := os.WriteFile(out, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out,
				"--format", tc.format, "--resume")
			if r.code != 2 || !strings.Contains(r.stderr, out) || !strings.Contains(r.stderr, "--resume") {
				t.Errorf("exit %d, want 2; stderr %q", r.code, r.stderr)
			}
			unchanged(t, out, tc.content)
		})
	}
}

// TestExportResumePastTo resumes a file that holds records later than
// --to (it was exported with a later --to, then cut): the resume ends,
// exit 0, with every record of --from..--to once.
func TestExportResumePastTo(t *testing.T) {
	srv, env, _ := exportSim(t, 3000)
	out := filepath.Join(t.TempDir(), "wide.csv")
	if r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", exportTo, "--out", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	full, _ := os.ReadFile(out)
	if err := os.WriteFile(out, full[:len(full)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	narrowTo := "2026-07-15" // the cut file reaches September
	for range 2 {
		r := runCLI(t, env, "calls", "export", "--from", exportFrom, "--to", narrowTo, "--out", out, "--resume")
		if r.code != 0 {
			t.Fatalf("resume: exit %d: %s", r.code, r.stderr)
		}
	}
	from, _ := time.ParseInLocation(time.DateOnly, exportFrom, omicall.Vietnam)
	to, _ := time.ParseInLocation(time.DateOnly, narrowTo, omicall.Vietnam)
	want := map[string]bool{}
	for _, id := range srv.CallIDs(from, to.AddDate(0, 0, 1).Add(-time.Millisecond)) {
		want[id] = true
	}
	got := map[string]bool{}
	for _, id := range idsOf(t, out, "csv") {
		if got[id] {
			t.Fatalf("record %s twice", id)
		}
		got[id] = true
	}
	for id := range want {
		if !got[id] {
			t.Fatalf("record %s of the range is missing", id)
		}
	}
}

// TestExportFrom1970 exports from the first day of the call history in
// Vietnam time (UTC+7), which starts before the Unix epoch.
func TestExportFrom1970(t *testing.T) {
	_, env := sim(t)
	out := filepath.Join(t.TempDir(), "old.csv")
	r := runCLI(t, env, "calls", "export", "--from", "1970-01-01", "--to", "1970-01-31", "--out", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "transaction_id,created_date,") {
		t.Errorf("an empty export holds %q, want the CSV header", b)
	}
	if r := runCLI(t, env, "calls", "list", "--from", "1970-01-01", "--to", "1970-01-02"); r.code != 0 {
		t.Errorf("calls list: exit %d: %s", r.code, r.stderr)
	}
}

// TestExportPageSizeCap: a --page-size above what the endpoint serves is
// lowered, and the export says so.
func TestExportPageSizeCap(t *testing.T) {
	_, env := sim(t)
	r := runCLI(t, env, "calls", "export", "--from", "2026-01-01", "--to", "2026-01-02", "--page-size", "200")
	if r.code != 0 || !strings.Contains(r.stderr, "--page-size 200") || !strings.Contains(r.stderr, "50") {
		t.Errorf("exit %d; stderr %q: want a note that --page-size 200 is lowered to 50", r.code, r.stderr)
	}
}

// TestReadResumeCutInsideQuotes: a CSV record whose quoted note spans
// lines, cut inside the note, is the cut tail, not a foreign record.
func TestReadResumeCutInsideQuotes(t *testing.T) {
	header := strings.Join(csvHeader, ",") + "\n"
	rec := func(id, note string) string {
		return id + ",2026-05-02T10:00:00.000+07:00,inbound,answered,1,2,100,3,4,5,6,,0,p,h,,\"" + note + "\",\n"
	}
	full := header + rec("a", "line one\nline \"\"two\"\"") + rec("b", "x\ny\nz")
	path := filepath.Join(t.TempDir(), "notes.csv")
	from := time.Date(2026, 5, 1, 0, 0, 0, 0, omicall.Vietnam)
	to := from.AddDate(0, 1, 0)
	for cut, want := range map[int]int{len(full): 2, len(full) - 5: 1, len(header) + 20: 0} {
		if err := os.WriteFile(path, []byte(full[:cut]), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := readResume(path, "csv", from, to)
		if err != nil || len(st.seen) != want {
			t.Fatalf("cut at %d: %d records, %v; want %d", cut, len(st.seen), err, want)
		}
		if wantKeep := len(header) + len(rec("a", "line one\nline \"\"two\"\"")); want == 1 && st.keep != int64(wantKeep) {
			t.Errorf("cut at %d: keeps %d bytes, want %d", cut, st.keep, wantKeep)
		}
	}
}

// TestRestartAt: a resumed export restarts at the window of its latest
// record in the range, and always before --to.
func TestRestartAt(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.Add(2 * window)
	for _, tc := range []struct{ last, want time.Time }{
		{time.Time{}, from},
		{from.Add(time.Hour), from},
		{from.Add(window + time.Hour), from.Add(window)},
		{to, from.Add(window)},
	} {
		if got := restartAt(from, to, tc.last); !got.Equal(tc.want) {
			t.Errorf("last %v: restart at %v, want %v", tc.last, got, tc.want)
		}
	}
}
