package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestParseFlags(t *testing.T) {
	o, err := parseFlags([]string{"-from", "2026-01-01", "-to", "2026-06-30", "-format", "jsonl"}, false)
	if err != nil {
		t.Fatal(err)
	}
	if o.from.Format(time.DateOnly) != "2026-01-01" || o.to.Format("2006-01-02 15:04:05.000") != "2026-06-30 23:59:59.999" || o.progress {
		t.Fatalf("%+v", o)
	}
	for _, bad := range [][]string{{"-from", "2026-13-01"}, {"-from", "2026-02-01", "-to", "2026-01-01"}, {"-format", "xml"}} {
		if _, err := parseFlags(bad, false); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// exportAll runs the export against its own simulator and returns the output
// and what the simulator holds in the range.
func exportAll(t *testing.T, ctx context.Context, format string, calls int, onWrite func()) (string, []string, int, error) {
	t.Helper()
	o, err := parseFlags([]string{"-from", "2026-01-01", "-to", "2026-06-30", "-format", format}, false)
	if err != nil {
		t.Fatal(err)
	}
	sim := omicalltest.NewServer(omicalltest.WithHistory(calls, o.to.Sub(o.from), o.to))
	url, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	var out, progress bytes.Buffer
	o.progress = true
	n, err := export(ctx, c, o, hookWriter{&out, onWrite}, &progress)
	return out.String(), sim.CallIDs(o.from, o.to), n, err
}

func TestCSVExportHasEveryRecordOnce(t *testing.T) {
	out, want, n, err := exportAll(t, context.Background(), "csv", 3000, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
		t.Fatalf("header %v", rows[0])
	}
	if len(want) < 2500 || n != len(want) || len(rows)-1 != len(want) {
		t.Fatalf("exported %d rows (n=%d), the simulator holds %d", len(rows)-1, n, len(want))
	}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		if seen[r[0]] {
			t.Fatalf("%s exported twice", r[0])
		}
		seen[r[0]] = true
	}
	for _, id := range want {
		if !seen[id] {
			t.Fatalf("%s missing", id)
		}
	}
}

func TestJSONLExport(t *testing.T) {
	out, want, _, err := exportAll(t, context.Background(), "jsonl", 500, nil)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	lines := 0
	for sc.Scan() {
		var tx omicall.Transaction
		if err := json.Unmarshal(sc.Bytes(), &tx); err != nil || tx.TransactionID == "" || tx.CreatedDate.IsZero() {
			t.Fatalf("line %d: %v %q", lines, err, sc.Text())
		}
		lines++
	}
	if lines != len(want) {
		t.Fatalf("%d lines, want %d", lines, len(want))
	}
}

func TestInterruptStopsCleanly(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// Ctrl-C arrives once the first block of CSV has been written.
	out, want, n, err := exportAll(t, ctx, "csv", 20000, cancel)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	rows, perr := csv.NewReader(strings.NewReader(out)).ReadAll()
	if perr != nil {
		t.Fatalf("output is not whole CSV after an interrupt: %v", perr)
	}
	if n == 0 || n >= len(want) || len(rows)-1 != n {
		t.Fatalf("wrote %d (%d rows) of %d", n, len(rows)-1, len(want))
	}
}

// hookWriter calls fn after each write.
type hookWriter struct {
	w  *bytes.Buffer
	fn func()
}

func (h hookWriter) Write(p []byte) (int, error) {
	n, err := h.w.Write(p)
	if h.fn != nil {
		h.fn()
	}
	return n, err
}

// The first line on stderr says where the records come from.
func TestFirstLineSaysWhere(t *testing.T) {
	o, err := parseFlags([]string{"-from", "2026-01-01", "-to", "2026-01-10", "-sim-calls", "50"}, false)
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), o, "", "", &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(errOut.String(), "\n"); !strings.Contains(first, "simulator") {
		t.Errorf("first line %q does not say simulator", first)
	}

	sim := omicalltest.NewServer(omicalltest.WithHistory(50, o.to.Sub(o.from), o.to))
	url, stop := sim.Start()
	defer stop()
	out.Reset()
	errOut.Reset()
	if err := run(context.Background(), o, sim.APIKey(), url, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(errOut.String(), "\n")
	if !strings.Contains(first, "OMICall at "+url) || strings.Contains(first, sim.APIKey()) {
		t.Errorf("first line %q does not say OMICall at %s", first, url)
	}
}

// An interrupted export ends its progress line, so that the error and the
// count printed after it start on a line of their own.
func TestInterruptEndsTheProgressLine(t *testing.T) {
	o, err := parseFlags([]string{"-from", "2026-01-01", "-to", "2026-03-31", "-progress"}, false)
	if err != nil {
		t.Fatal(err)
	}
	sim := omicalltest.NewServer(omicalltest.WithHistory(5000, o.to.Sub(o.from), o.to))
	url, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, progress bytes.Buffer
	_, err = export(ctx, c, o, hookWriter{&out, cancel}, &progress)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if p := progress.String(); !strings.HasPrefix(p, "\r") || !strings.HasSuffix(p, "\n") {
		t.Fatalf("progress output %q is not ended by a newline", p)
	}
}
