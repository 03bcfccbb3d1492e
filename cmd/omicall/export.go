package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

// walkHistory is the one place calls export reads the call history: every
// record of o.From..o.To, oldest first. It reads the v3 search
// (Transactions.SearchAll, REFERENCE §18.2), the endpoint OMICall keeps up
// to date since 2026; a --hotline filter, which only the list endpoint
// documents, reads the list instead (Transactions.All, 30-day windows).
func walkHistory(ctx context.Context, c *omicall.Client, o *omicall.TransactionListOptions) iter.Seq2[omicall.Transaction, error] {
	if len(o.SIPNumbers) > 0 {
		return c.Transactions.All(ctx, o)
	}
	req := &omicall.SearchRequest{From: o.From, To: o.To, Directions: o.Directions, Keyword: o.Keyword,
		Size: min(cmp.Or(o.Size, omicall.MaxSearchSize), omicall.MaxSearchSize)}
	if o.SIPUser != "" {
		req.SIPUsers = []string{o.SIPUser}
	}
	if o.Disposition != "" {
		answered := o.Disposition == omicall.DispositionAnswered
		req.IsAnswer = &answered
	}
	return c.Transactions.SearchAll(ctx, req)
}

type exportOptions struct {
	callFilters
	format   string
	out      string
	resume   bool
	pageSize int
	every    time.Duration
}

func (a *app) exportCmd() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export --from DAY --to DAY [--format csv|jsonl] [--out FILE] [--resume]",
		Short: "Export the call history of any range to CSV or JSON Lines",
		Long: `Export every call of --from..--to (any length: it is read in 30-day windows) to
--out (default stdout) as CSV or JSON Lines. Progress goes to stderr: a bar on a
terminal, a plain line per window (and every --progress-every) otherwise.
Ctrl-C stops the export and keeps what was written; --resume continues a
partial file without duplicates.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.export(cmd.Context(), &o) },
	}
	o.add(cmd)
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "csv or jsonl (default: from --out's extension, else csv)")
	f.StringVar(&o.out, "out", "", "output file (default stdout)")
	f.BoolVar(&o.resume, "resume", false, "continue the partial export in --out: no record twice")
	f.IntVar(&o.pageSize, "page-size", 100, "records per request")
	f.DurationVar(&o.every, "progress-every", 5*time.Second, "without a terminal: the most time between two progress lines")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("csv", "jsonl"))
	return cmd
}

func (a *app) export(ctx context.Context, o *exportOptions) error {
	lo, err := o.options(a)
	if err != nil {
		return err
	}
	if o.format == "" {
		o.format = "csv"
		if e := strings.ToLower(filepath.Ext(o.out)); e == ".jsonl" || e == ".json" || e == ".ndjson" {
			o.format = "jsonl"
		}
	}
	if o.format != "csv" && o.format != "jsonl" {
		return usageErrorf("--format %q: want csv or jsonl", o.format)
	}
	if o.resume && (o.out == "" || o.out == "-") {
		return usageErrorf("--resume needs --out FILE")
	}
	if o.pageSize <= 0 {
		return usageErrorf("--page-size must be positive")
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	from := lo.From
	dest, w, seen, restart, closeOut, err := openExport(o, from)
	if err != nil {
		return err
	}
	lo.From, lo.Size = restart, o.pageSize

	bw := bufio.NewWriterSize(w, 64<<10)
	write, flush := newRecordWriter(bw, o.format, a.loc, len(seen) == 0)
	p := newProgress(a.stderr, from, lo.To, o.every)
	n := 0
	var walkErr error
	for tx, err := range walkHistory(ctx, c, lo) {
		if err != nil {
			walkErr = err
			break
		}
		if _, dup := seen[tx.TransactionID]; dup {
			continue
		}
		if walkErr = write(&tx); walkErr != nil {
			break
		}
		n++
		p.update(n, tx.CreatedDate.Time)
	}
	if err := flush(); err != nil && walkErr == nil {
		walkErr = err
	}
	if err := bw.Flush(); err != nil && walkErr == nil {
		walkErr = err
	}
	if err := closeOut(); err != nil && walkErr == nil {
		walkErr = err
	}
	p.finish(n, dest, walkErr)
	if walkErr != nil && o.out != "" && o.out != "-" {
		a.note("what was written is in %s: run the same command with --resume to continue", o.out)
	}
	return fail(walkErr)
}

func (a *app) note(format string, args ...any) {
	_, _ = io.WriteString(a.stderr, "export: "+fmt.Sprintf(format, args...)+"\n")
}

// openExport opens the output. With --resume and a file holding records,
// it keeps the complete records (cutting a partial last one), returns
// their ids and the start of the 30-day window (counted from from) of the
// last one: the export restarts there and skips the ids it has.
func openExport(o *exportOptions, from time.Time) (dest string, w io.Writer, seen map[string]struct{}, restart time.Time, closeOut func() error, err error) {
	restart = from
	if o.out == "" || o.out == "-" {
		return "stdout", os.Stdout, nil, restart, func() error { return nil }, nil
	}
	if !o.resume {
		f, err := os.Create(o.out)
		if err != nil {
			return "", nil, nil, restart, nil, fail(err)
		}
		return o.out, f, nil, restart, f.Close, nil
	}
	f, err := os.OpenFile(o.out, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return "", nil, nil, restart, nil, fail(err)
	}
	seen, last, good, err := scanExport(f, o.format)
	if err == nil {
		err = f.Truncate(good)
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return "", nil, nil, restart, nil, fail(err)
	}
	if len(seen) > 0 && last.After(from) {
		restart = from.Add(last.Sub(from) / window * window)
	}
	return o.out, f, seen, restart, f.Close, nil
}

// scanExport reads an export file: the ids of its complete records, the
// latest created time, and the length of the complete part.
func scanExport(f *os.File, format string) (map[string]struct{}, time.Time, int64, error) {
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, time.Time{}, 0, err
	}
	// A record ends with a newline: anything after the last one is a cut.
	data = data[:bytes.LastIndexByte(data, '\n')+1]
	seen := map[string]struct{}{}
	var last time.Time
	note := func(id string, at time.Time) {
		seen[id] = struct{}{}
		if at.After(last) {
			last = at
		}
	}
	if format == "jsonl" {
		good := 0
		for good < len(data) {
			end := good + bytes.IndexByte(data[good:], '\n') + 1
			var r struct {
				ID      string       `json:"transaction_id"`
				Created omicall.Time `json:"created_date"`
			}
			if json.Unmarshal(data[good:end], &r) != nil || r.ID == "" {
				break
			}
			note(r.ID, r.Created.Time)
			good = end
		}
		return seen, last, int64(good), nil
	}
	cr := csv.NewReader(bytes.NewReader(data))
	var good int64
	header := true
	for {
		rec, err := cr.Read()
		if err != nil {
			break // io.EOF, or a cut record: keep what came before
		}
		if header {
			header = false
			if len(rec) == 0 || rec[0] != csvHeader[0] {
				break // not our CSV: start afresh
			}
			good = cr.InputOffset()
			continue
		}
		at, err := time.Parse(csvTimeLayout, rec[1])
		if err != nil || rec[0] == "" {
			break
		}
		note(rec[0], at)
		good = cr.InputOffset()
	}
	if len(seen) == 0 {
		good = 0 // rewrite the header
	}
	return seen, last, good, nil
}

// csvTimeLayout keeps milliseconds, so a resumed export finds its place.
const csvTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// csvHeader names the CSV columns; durations are seconds.
var csvHeader = []string{"transaction_id", "created_date", "direction", "disposition", "source_number",
	"destination_number", "sip_user", "hotline", "duration", "bill_sec", "record_seconds", "time_end_call",
	"call_out_price", "provider", "hangup_cause", "recording_file", "note", "tags"}

// newRecordWriter returns the writer of one record and its flush.
func newRecordWriter(w io.Writer, format string, loc *time.Location, header bool) (func(*omicall.Transaction) error, func() error) {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return func(tx *omicall.Transaction) error { return enc.Encode(tx) }, func() error { return nil }
	}
	cw := csv.NewWriter(w)
	ts := func(t omicall.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format(csvTimeLayout)
	}
	write := func(tx *omicall.Transaction) error {
		if header {
			header = false
			if err := cw.Write(csvHeader); err != nil {
				return err
			}
		}
		return cw.Write([]string{tx.TransactionID, ts(tx.CreatedDate), string(tx.Direction), string(tx.Disposition),
			tx.SourceNumber, tx.DestinationNumber, tx.SIPUser, firstNonEmpty(tx.Hotline, tx.SIPNumber),
			strconv.Itoa(tx.Duration), strconv.Itoa(tx.BillSec), strconv.Itoa(tx.RecordSeconds), ts(tx.TimeEndCall),
			strconv.FormatFloat(float64(tx.CallOutPrice), 'f', -1, 64), tx.Provider, tx.HangupCause,
			firstNonEmpty(tx.RecordingFile, tx.RecordingFileURL), tx.Note, strings.Join(tx.Tags, ";")})
	}
	flush := func() error {
		cw.Flush()
		return cw.Error()
	}
	return write, flush
}
