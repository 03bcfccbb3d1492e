// Command history-export streams the call history of a date range to CSV or
// JSON Lines, one record per line, through Transactions.SearchAll (the v3
// search OMICall keeps current): any range, with memory that does not grow
// with the range.
//
//	go run ./examples/history-export -from 2026-01-01 -to 2026-06-30 -format csv > calls.csv
//	go run ./examples/history-export -from 2026-11-01 -to 2026-11-26 -format jsonl -o calls.jsonl -progress
//
// -from and -to are dates (both days included, local time). A progress line
// (records, share of the range done, rate) goes to stderr when stderr is a terminal or
// with -progress. Ctrl-C stops the export; what was written is flushed.
//
// Without OMICALL_API_KEY it runs against the built-in simulator, seeded with
// -sim-calls calls spread over the range; with it, against OMICall
// (OMICALL_BASE_URL picks the host, staging by default). stderr's first line
// says which.
package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

type options struct {
	from, to time.Time      // to is the last millisecond of the last day
	loc      *time.Location // days and printed times are in this zone (-tz)
	format   string         // csv or jsonl
	output   string         // file, or "" for stdout
	progress bool
	simCalls int
}

func main() {
	opts, err := parseFlags(os.Args[1:], isTerminal(os.Stderr))
	if err != nil {
		fmt.Fprintln(os.Stderr, "history-export:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, opts, os.Getenv("OMICALL_API_KEY"), os.Getenv("OMICALL_BASE_URL"), os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "history-export:", err)
		if errors.Is(err, context.Canceled) {
			os.Exit(130)
		}
		os.Exit(1)
	}
}

func parseFlags(args []string, stderrIsTerminal bool) (options, error) {
	fs := flag.NewFlagSet("history-export", flag.ContinueOnError)
	from := fs.String("from", time.Now().AddDate(0, 0, -30).Format(time.DateOnly), "first day, YYYY-MM-DD")
	to := fs.String("to", time.Now().Format(time.DateOnly), "last day (included), YYYY-MM-DD")
	format := fs.String("format", "csv", "csv or jsonl")
	output := fs.String("o", "", "output file (default stdout)")
	progress := fs.Bool("progress", false, "print a progress line on stderr even when it is not a terminal")
	simCalls := fs.Int("sim-calls", 20000, "simulator only: calls to seed over the range")
	tz := fs.String("tz", "ICT", "time zone of the days and the CSV times: ICT (Vietnam, UTC+7), UTC, Local or an IANA name")
	if err := fs.Parse(args); err != nil {
		return options{}, err
	}
	o := options{format: *format, output: *output, progress: *progress || stderrIsTerminal, simCalls: *simCalls, loc: omicall.Vietnam}
	var err error
	if *tz != "ICT" {
		if o.loc, err = time.LoadLocation(*tz); err != nil {
			return o, fmt.Errorf("-tz: %w", err)
		}
	}
	if o.from, err = time.ParseInLocation(time.DateOnly, *from, o.loc); err != nil {
		return o, fmt.Errorf("-from: %w", err)
	}
	last, err := time.ParseInLocation(time.DateOnly, *to, o.loc)
	if err != nil {
		return o, fmt.Errorf("-to: %w", err)
	}
	o.to = last.AddDate(0, 0, 1).Add(-time.Millisecond)
	if !o.from.Before(o.to) {
		return o, errors.New("-from must not be after -to")
	}
	if o.format != "csv" && o.format != "jsonl" {
		return o, fmt.Errorf("-format %q: want csv or jsonl", o.format)
	}
	return o, nil
}

func run(ctx context.Context, o options, apiKey, baseURL string, stdout, stderr io.Writer) error {
	if apiKey == "" {
		fmt.Fprintf(stderr, "OMICALL_API_KEY is not set: exporting from the built-in simulator (%d calls seeded over the range).\n", o.simCalls)
		sim := omicalltest.NewServer(omicalltest.WithHistory(o.simCalls, o.to.Sub(o.from), o.to))
		url, stop := sim.Start()
		defer stop()
		apiKey, baseURL = sim.APIKey(), url
	} else {
		if baseURL == "" {
			baseURL = omicall.DefaultBaseURL
		}
		fmt.Fprintf(stderr, "Exporting from OMICall at %s (OMICALL_API_KEY is set).\n", baseURL)
	}
	c, err := omicall.NewClient(apiKey, omicall.WithBaseURL(baseURL))
	if err != nil {
		return err
	}

	out := stdout
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			return err
		}
		defer f.Close()
		out = f
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	n, exportErr := export(ctx, c, o, bw, stderr)
	if err := bw.Flush(); err != nil && exportErr == nil {
		exportErr = err
	}
	fmt.Fprintf(stderr, "exported %d records\n", n)
	return exportErr
}

// export writes every call of the range and returns how many it wrote.
func export(ctx context.Context, c *omicall.Client, o options, w io.Writer, stderr io.Writer) (int, error) {
	write, flush := jsonlWriter(w)
	if o.format == "csv" {
		write, flush = csvWriter(w, o.loc)
	}
	span := max(o.to.Sub(o.from), time.Millisecond)
	start, lastReport := time.Now(), time.Time{}
	n := 0
	for tx, err := range c.Transactions.SearchAll(ctx, &omicall.SearchRequest{From: o.from, To: o.to}) {
		if err != nil {
			endProgress(stderr, lastReport)
			flush()
			return n, err
		}
		if err := write(&tx); err != nil {
			endProgress(stderr, lastReport)
			return n, err
		}
		n++
		if o.progress && time.Since(lastReport) > 250*time.Millisecond {
			lastReport = time.Now()
			done := 100 * float64(tx.CreatedDate.Sub(o.from)) / float64(span)
			rate := float64(n) / time.Since(start).Seconds()
			fmt.Fprintf(stderr, "\r%d records, %.0f%% of the range, %.0f records/s ", n, min(done, 100), rate)
		}
	}
	if o.progress {
		fmt.Fprintf(stderr, "\r%d records, 100%% of the range, %.1fs%20s\n", n, time.Since(start).Seconds(), "")
	}
	return n, flush()
}

// endProgress ends the progress line, if one was printed, so that what
// follows starts on a line of its own.
func endProgress(stderr io.Writer, lastReport time.Time) {
	if !lastReport.IsZero() {
		fmt.Fprintln(stderr)
	}
}

// csvHeader names the CSV columns; times are RFC 3339, durations seconds.
var csvHeader = []string{"transaction_id", "created_date", "direction", "disposition", "customer_number",
	"hotline", "extension", "duration", "bill_sec", "record_seconds", "time_answer_start",
	"call_out_price", "provider", "recording_url", "note", "tags"}

func csvWriter(w io.Writer, loc *time.Location) (func(*omicall.Transaction) error, func() error) {
	cw := csv.NewWriter(w)
	header := false
	write := func(tx *omicall.Transaction) error {
		if !header {
			header = true
			if err := cw.Write(csvHeader); err != nil {
				return err
			}
		}
		return cw.Write([]string{tx.TransactionID, formatTime(tx.CreatedDate, loc), string(tx.Direction),
			answered(tx), tx.CustomerNumber(), tx.HotlineNumber(), tx.AgentExtension(),
			strconv.Itoa(tx.Duration), strconv.Itoa(tx.BillSec), strconv.Itoa(tx.RecordSeconds),
			formatTime(tx.TimeAnswerStart, loc), strconv.FormatFloat(float64(tx.CallOutPrice), 'f', -1, 64),
			tx.Provider, tx.RecordingURL(), tx.Note, strings.Join(tx.Tags, ";")})
	}
	flush := func() error {
		cw.Flush()
		return cw.Error()
	}
	return write, flush
}

func jsonlWriter(w io.Writer) (func(*omicall.Transaction) error, func() error) {
	enc := json.NewEncoder(w)
	return func(tx *omicall.Transaction) error { return enc.Encode(tx) }, func() error { return nil }
}

func formatTime(t omicall.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(time.RFC3339)
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// answered is the disposition column: the record's, else what Answered
// tells (a v3 record may carry no disposition).
func answered(tx *omicall.Transaction) string {
	switch {
	case tx.Disposition != "":
		return string(tx.Disposition)
	case tx.Answered():
		return string(omicall.DispositionAnswered)
	}
	return string(omicall.DispositionCancelled)
}
