package main

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"iter"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

// walkHistory is the one place calls export reads the call history: every
// record of o.From..o.To, oldest first. It reads the v3 search
// (Transactions.SearchAll, docs/api.md §18.2), the endpoint OMICall keeps up
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
partial file without duplicates. Every flag is checked first, and --out is
opened only when the first record arrives: a run refused or failing before
it leaves the file as it was. --resume continues only an export of the same
format and refuses any other file.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.export(cmd.Context(), &o) },
	}
	o.add(cmd)
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "csv or jsonl (default: from --out's extension, else csv)")
	f.StringVar(&o.out, "out", "", "output file (default stdout)")
	f.BoolVar(&o.resume, "resume", false, "continue the partial export in --out: no record twice")
	f.IntVar(&o.pageSize, "page-size", omicall.MaxSearchSize, "records per request (at most 50; 500 with --hotline)")
	f.DurationVar(&o.every, "progress-every", 5*time.Second, "without a terminal: the most time between two progress lines")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("csv", "jsonl"))
	return cmd
}

func (a *app) export(ctx context.Context, o *exportOptions) error {
	lo, err := o.check(a)
	if err != nil {
		return err
	}
	c, err := a.client()
	if err != nil {
		return err
	}
	from := lo.From
	var w io.Writer = a.stdout
	dest, out, header := "stdout", (*outFile)(nil), true
	var seen map[string]struct{}
	if o.out != "" && o.out != "-" {
		out, dest = &outFile{path: o.out, resume: o.resume}, o.out
		if o.resume {
			st, err := readResume(o.out, o.format, lo.From, lo.To)
			if err != nil {
				return err
			}
			seen, out.keep, header = st.seen, st.keep, st.keep == 0
			lo.From = restartAt(lo.From, lo.To, st.last)
		}
		w = out
	}
	if most := maxPageSize(lo); o.pageSize > most {
		a.note("--page-size %d is more than the call history serves per request: using %d", o.pageSize, most)
		o.pageSize = most
	}
	lo.Size = o.pageSize

	bw := bufio.NewWriterSize(w, 64<<10)
	write, flush := newRecordWriter(bw, o.format, a.loc, header)
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
	walkErr = cmp.Or(walkErr, flush(walkErr == nil), bw.Flush())
	if out != nil {
		if walkErr == nil {
			walkErr = out.open() // a complete run leaves a complete file, even with no record
		}
		walkErr = cmp.Or(walkErr, out.Close())
	}
	p.finish(n, dest, walkErr)
	if walkErr != nil && out != nil && out.opened() {
		a.note("what was written is in %s: run the same command with --resume to continue", o.out)
	}
	return fail(walkErr)
}

// check validates every flag of calls export, before any file is read or
// written, and returns the list options.
func (o *exportOptions) check(a *app) (*omicall.TransactionListOptions, error) {
	lo, err := o.options(a)
	if err != nil {
		return nil, err
	}
	if o.format == "" {
		o.format = "csv"
		if e := strings.ToLower(filepath.Ext(o.out)); e == ".jsonl" || e == ".json" || e == ".ndjson" {
			o.format = "jsonl"
		}
	}
	switch {
	case o.format != "csv" && o.format != "jsonl":
		return nil, usageErrorf("--format %q: want csv or jsonl", o.format)
	case o.resume && (o.out == "" || o.out == "-"):
		return nil, usageErrorf("--resume needs --out FILE")
	case o.pageSize <= 0:
		return nil, usageErrorf("--page-size must be positive")
	case o.out != "" && o.out != "-":
		return lo, checkOut(o.out)
	}
	return lo, nil
}

// maxPageSize is the most records one request of walkHistory returns.
func maxPageSize(lo *omicall.TransactionListOptions) int {
	if len(lo.SIPNumbers) > 0 {
		return omicall.MaxTransactionPageSize
	}
	return omicall.MaxSearchSize
}

// restartAt is where a resumed export of from..to starts again: the start
// of the 30-day window (counted from from) of the latest record it has in
// the range (last; zero: none), so that the window is read again and its
// records already written are skipped. Records outside the range do not
// move it.
func restartAt(from, to, last time.Time) time.Time {
	if last.IsZero() {
		return from
	}
	at := from.Add(last.Sub(from) / window * window)
	if !at.Before(to) {
		at = at.Add(-window)
	}
	return at
}

func (a *app) note(format string, args ...any) { a.tell("export: "+format, args...) }

// csvTimeLayout keeps milliseconds, so a resumed export finds its place.
const csvTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// csvHeader names the CSV columns; durations are seconds.
var csvHeader = []string{"transaction_id", "created_date", "direction", "disposition", "source_number",
	"destination_number", "sip_user", "hotline", "duration", "bill_sec", "record_seconds", "time_end_call",
	"call_out_price", "provider", "hangup_cause", "recording_file", "note", "tags"}

// newRecordWriter returns the writer of one record and its flush. With
// header, a CSV starts with its header: written with the first record, or
// by the flush of a complete run that had none.
func newRecordWriter(w io.Writer, format string, loc *time.Location, header bool) (func(*omicall.Transaction) error, func(complete bool) error) {
	if format == "jsonl" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return func(tx *omicall.Transaction) error { return enc.Encode(tx) }, func(bool) error { return nil }
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
	flush := func(complete bool) error {
		if complete && header {
			header = false
			_ = cw.Write(csvHeader)
		}
		cw.Flush()
		return cw.Error()
	}
	return write, flush
}
