package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
)

// checkOut refuses an --out that cannot be a file: a directory, or a path
// in a directory that does not exist. It touches nothing.
func checkOut(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usageErrorf("--out %s: is a directory: name a file", path)
	}
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return usageErrorf("--out %s: directory %s does not exist", path, dir)
	}
	return nil
}

// outFile is --out, opened at its first write: a run that fails before it
// has a record to write leaves the file as it was. A fresh export
// replaces the file; a resumed one keeps its first keep bytes (the
// complete records) and appends.
type outFile struct {
	path   string
	resume bool
	keep   int64
	f      *os.File
}

func (o *outFile) Write(p []byte) (int, error) {
	if err := o.open(); err != nil {
		return 0, err
	}
	n, err := o.f.Write(p)
	if err != nil {
		err = fmt.Errorf("--out %s: %w", o.path, err)
	}
	return n, err
}

// open opens the file once: truncated, or cut to keep bytes to append.
func (o *outFile) open() error {
	if o.f != nil {
		return nil
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if o.resume {
		flag = os.O_WRONLY | os.O_CREATE
	}
	f, err := os.OpenFile(o.path, flag, 0o644)
	if err == nil && o.resume {
		if err = f.Truncate(o.keep); err == nil {
			_, err = f.Seek(o.keep, io.SeekStart)
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", o.path, err)
	}
	o.f = f
	return nil
}

// opened reports whether the run has written to the file.
func (o *outFile) opened() bool { return o.f != nil }

// Close closes the file if it was opened.
func (o *outFile) Close() error {
	if o.f == nil {
		return nil
	}
	if err := o.f.Close(); err != nil {
		return fmt.Errorf("--out %s: %w", o.path, err)
	}
	return nil
}

// resumeState is what an export file holds for --resume: the ids of its
// complete records, the latest created time of those in the range asked
// for (zero if none), and the length of its complete part.
type resumeState struct {
	seen map[string]struct{}
	last time.Time
	keep int64
}

// readResume reads the export file at path for --resume: a missing or
// empty file starts afresh. A file that is not an export of format (a
// CSV's header, a JSON object with a transaction_id per line) is a usage
// error, and nothing is changed. Only a cut last record, left by a killed
// run, is not counted.
func readResume(path, format string, from, to time.Time) (resumeState, error) {
	st := resumeState{seen: map[string]struct{}{}}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fail(fmt.Errorf("--out %s: %w", path, err))
	}
	defer f.Close()
	line := 0
	rec := func(b []byte) error {
		line += bytes.Count(b, []byte{'\n'})
		id, at, err := parseRecord(b, format, st.keep == 0)
		if err != nil {
			return usageErrorf("--resume: %s is not a %s export of calls export (line %d: %v): give another --out, or drop --resume to replace it",
				path, formatName(format), line, err)
		}
		if id != "" {
			st.seen[id] = struct{}{}
			if !at.Before(from) && !at.After(to) && at.After(st.last) {
				st.last = at
			}
		}
		st.keep += int64(len(b))
		return nil
	}
	tail, err := eachRecord(bufio.NewReaderSize(f, 64<<10), format == "csv", rec)
	if err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			return st, err
		}
		return st, fail(fmt.Errorf("--out %s: %w", path, err))
	}
	if st.keep == 0 && len(tail) > 0 && !cutOfFirst(tail, format) {
		return st, usageErrorf("--resume: %s is not a %s export of calls export: give another --out, or drop --resume to replace it",
			path, formatName(format))
	}
	return st, nil
}

// eachRecord calls fn with each complete record of r: a line, or with
// inQuotes (CSV) the lines up to one that closes every quoted field. It
// returns the unfinished tail.
func eachRecord(r *bufio.Reader, inQuotes bool, fn func([]byte) error) ([]byte, error) {
	var rec []byte
	open := false // inside a quoted field
	for {
		line, err := r.ReadBytes('\n')
		rec = append(rec, line...)
		if err == io.EOF {
			return rec, nil
		}
		if err != nil {
			return nil, err
		}
		if inQuotes && bytes.Count(line, []byte{'"'})%2 == 1 {
			open = !open
		}
		if open {
			continue
		}
		if err := fn(rec); err != nil {
			return nil, err
		}
		rec = rec[:0]
	}
}

// parseRecord reads one complete record of an export: its id and created
// time, or, for the first record of a CSV, the header (id "").
func parseRecord(b []byte, format string, first bool) (string, time.Time, error) {
	if format == "jsonl" {
		var r struct {
			ID      string       `json:"transaction_id"`
			Created omicall.Time `json:"created_date"`
		}
		if err := json.Unmarshal(b, &r); err != nil || r.ID == "" {
			return "", time.Time{}, errors.New("not a JSON object with a transaction_id")
		}
		return r.ID, r.Created.Time, nil
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = len(csvHeader)
	fields, err := cr.Read()
	switch {
	case first && (err != nil || !slices.Equal(fields, csvHeader)):
		return "", time.Time{}, errors.New("not the header " + strings.Join(csvHeader[:3], ",") + ",…")
	case first:
		return "", time.Time{}, nil
	case err != nil:
		return "", time.Time{}, err
	}
	at, err := time.Parse(csvTimeLayout, fields[1])
	if err != nil || fields[0] == "" {
		return "", time.Time{}, errors.New("not a record: no transaction_id or created_date")
	}
	return fields[0], at, nil
}

// cutOfFirst reports whether tail, a file without one complete record,
// is the start of an export's first record cut by a killed run.
func cutOfFirst(tail []byte, format string) bool {
	if format == "jsonl" {
		return tail[0] == '{'
	}
	return strings.HasPrefix(strings.Join(csvHeader, ",")+"\n", string(tail))
}

func formatName(format string) string {
	if format == "jsonl" {
		return "JSON Lines"
	}
	return "CSV"
}
