package callsync

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// Call is one row of omicall_calls: the newest that callsync knows of one
// call, whichever door it came through. Times are UTC; a zero time is
// unknown (NULL).
type Call struct {
	TransactionID  string
	Direction      string // inbound, outbound or local
	State          string // StateFinal, or the furthest live state seen (create … hangup)
	Extension      string // the agent's extension
	CustomerNumber string
	Hotline        string
	StartedAt      time.Time
	AnsweredAt     time.Time // zero when not answered (or not known yet)
	EndedAt        time.Time
	DurationSec    int
	BillSec        int    // > 0: the call was answered
	Disposition    string // answered or cancelled; "" until the final record
	RecordingURL   string // "" means "not yet" as much as "none"
	Source         string // SourceHook or SourceHistory
	// SourceUpdatedAt is the record's last_updated_date for a final
	// record, else when the live event happened (or arrived, when it
	// carries no time).
	SourceUpdatedAt time.Time
	SyncedAt        time.Time // when this copy was written
	// Record is the last full record as JSON, as received: a CDR's body,
	// a live event's body (until the record comes), or a history record
	// (Transaction.Raw).
	Record json.RawMessage
}

// StateFinal is Call.State once the call's record (a CDR or a history
// record) is stored: it ended, and no live event changes it any more.
const StateFinal = "cdr"

// The values of Call.Source.
const (
	SourceHook    = "hook"    // the webhook
	SourceHistory = "history" // the call history (v3 search)
)

// columns are the columns of omicall_calls, in the order of Call's fields.
var columns = []string{"transaction_id", "direction", "state", "extension", "customer_number", "hotline",
	"started_at", "answered_at", "ended_at", "duration_sec", "bill_sec", "disposition", "recording_url",
	"source", "source_updated_at", "synced_at", "record"}

// args appends c's values, in column order, as d writes them.
func (c *Call) args(d *dialect, out []any) []any {
	return append(out, c.TransactionID, c.Direction, c.State, c.Extension, c.CustomerNumber, c.Hotline,
		d.ts(c.StartedAt), d.ts(c.AnsweredAt), d.ts(c.EndedAt), c.DurationSec, c.BillSec, c.Disposition,
		c.RecordingURL, c.Source, d.ts(c.SourceUpdatedAt), d.ts(c.SyncedAt), string(c.Record))
}

// scan reads a row selected with every column, in order.
func (c *Call) scan(row interface{ Scan(...any) error }) error {
	var started, answered, ended, updated, synced dbTime
	var rec []byte
	err := row.Scan(&c.TransactionID, &c.Direction, &c.State, &c.Extension, &c.CustomerNumber, &c.Hotline,
		&started, &answered, &ended, &c.DurationSec, &c.BillSec, &c.Disposition, &c.RecordingURL,
		&c.Source, &updated, &synced, &rec)
	c.StartedAt, c.AnsweredAt, c.EndedAt = started.Time, answered.Time, ended.Time
	c.SourceUpdatedAt, c.SyncedAt, c.Record = updated.Time, synced.Time, json.RawMessage(rec)
	return err
}

// Recent returns the latest calls of an agent's extension, newest first,
// at most limit (1 to 1000) of them: the query a softphone's or a CRM's
// "recent calls" runs, served by the index on (extension, started_at).
func (s *Store) Recent(ctx context.Context, extension string, limit int) ([]Call, error) {
	if extension == "" || limit < 1 || limit > 1000 {
		return nil, errors.New("callsync: Recent needs an extension and a limit from 1 to 1000")
	}
	q := s.d.bind("SELECT " + joinCols(columns) + " FROM omicall_calls WHERE extension = ? ORDER BY started_at DESC LIMIT ?")
	rows, err := s.db.QueryContext(ctx, q, extension, limit)
	if err != nil {
		return nil, s.fail("read calls", err)
	}
	defer rows.Close()
	var out []Call
	for rows.Next() {
		var c Call
		if err := c.scan(rows); err != nil {
			return nil, s.fail("read calls", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("read calls", err)
	}
	return out, nil
}

// Get returns the stored call with this transaction id, or (nil, nil)
// when there is none.
func (s *Store) Get(ctx context.Context, transactionID string) (*Call, error) {
	q := s.d.bind("SELECT " + joinCols(columns) + " FROM omicall_calls WHERE transaction_id = ?")
	c := new(Call)
	err := c.scan(s.db.QueryRowContext(ctx, q, transactionID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.fail("read a call", err)
	}
	return c, nil
}
