package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/omicall-go/omicall"
)

// table is what a command prints: columns and rows for table and csv, and
// the value to marshal for json.
type table struct {
	header []string
	rows   [][]string
	json   any
}

// print writes t in the --output format.
func (a *app) print(t table) error {
	switch a.output {
	case "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(t.json)
	case "csv":
		w := csv.NewWriter(a.stdout)
		_ = w.Write(t.header)
		_ = w.WriteAll(t.rows)
		return w.Error()
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.header, "\t")))
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

// tell writes a line for the operator on stderr: what a command chose for
// them, kept out of the output.
func (a *app) tell(format string, args ...any) {
	fmt.Fprintf(a.stderr, format+"\n", args...)
}

// printFields writes one record as FIELD/VALUE rows (table, csv) or as
// its JSON value.
func (a *app) printFields(fields [][2]string, v any) error {
	t := table{header: []string{"field", "value"}, json: v}
	for _, f := range fields {
		t.rows = append(t.rows, []string{f[0], f[1]})
	}
	return a.print(t)
}

// timeLayout is how times are printed in tables: to the second, with the
// zone offset.
const timeLayout = "2006-01-02 15:04:05 -07:00"

// fmtTime prints t in the --tz zone ("" for the zero time).
func (a *app) fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(a.loc).Format(timeLayout)
}

func (a *app) fmtOTime(t omicall.Time) string { return a.fmtTime(t.Time) }

// epoch is the first moment a range can start: OMICall counts time in
// Unix milliseconds and reads 0 as a missing date.
var epoch = time.UnixMilli(1)

// parseDay reads a --from/--to value: a date (YYYY-MM-DD, in --tz) or an
// RFC 3339 time. With endOfDay, a date means its last millisecond. A day
// of 1970 or later is taken in any zone: the part of it before the Unix
// epoch (1970-01-01 in UTC+7 starts 7 hours before it) is left out.
func (a *app) parseDay(flag, v string, endOfDay bool) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		if t, err = time.ParseInLocation(time.DateOnly, v, a.loc); err != nil {
			return time.Time{}, usageErrorf("--%s %q: want a date YYYY-MM-DD or an RFC 3339 time", flag, v)
		}
		if endOfDay {
			t = t.AddDate(0, 0, 1).Add(-time.Millisecond)
		}
	}
	if t.Year() < 1970 {
		return time.Time{}, usageErrorf("--%s %s: the call history starts on 1970-01-01", flag, v)
	}
	if t.Before(epoch) {
		t = epoch.In(t.Location())
	}
	return t, nil
}

// parseRange reads --from and --to, both required.
func (a *app) parseRange(from, to string) (time.Time, time.Time, error) {
	if from == "" || to == "" {
		return time.Time{}, time.Time{}, usageErrorf("--from and --to are required (YYYY-MM-DD)")
	}
	f, err := a.parseDay("from", from, false)
	if err != nil {
		return f, f, err
	}
	t, err := a.parseDay("to", to, true)
	if err != nil {
		return f, t, err
	}
	if !f.Before(t) {
		return f, t, usageErrorf("--to (%s) is before --from (%s)", to, from)
	}
	return f, t, nil
}
