package callsync

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// The names of the rows of omicall_sync_state.
const (
	stateBackfill  = "backfill"       // the backfill cursor (backfill.go)
	stateReconcile = "reconcile.last" // the last reconcile's report (reconcile.go)
)

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// getState decodes the value of the state row name into v and reports
// whether the row exists.
func (s *Store) getState(ctx context.Context, q querier, name string, v any) (bool, error) {
	var raw string
	err := q.QueryRowContext(ctx, s.d.bind("SELECT value FROM omicall_sync_state WHERE name = ?"), name).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal([]byte(raw), v)
}

// putState stores v as the value of the state row name.
func (s *Store) putState(ctx context.Context, q querier, name string, v any, now time.Time) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = q.ExecContext(ctx, s.d.bind("INSERT INTO omicall_sync_state (name, value, updated_at) VALUES (?, ?, ?)"+
		" ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"), name, string(b), s.d.ts(now))
	return err
}
