package callsync

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Store is the database callsync keeps calls in: the table omicall_calls,
// one row per call keyed by transaction_id, and omicall_sync_state, the
// cursors of backfills and reconciles. Open one with Open; it is safe for
// concurrent use, by several Syncers and by several processes (replicas on
// one Postgres).
type Store struct {
	db  *sql.DB
	d   *dialect
	dsn dsn

	upsert *upserter // upsert.go
}

// Open connects to the database named by dsn and brings its schema up to
// date. dsn is one of:
//
//   - sqlite:PATH, e.g. sqlite:/var/lib/crm/calls.db — a file, created if
//     missing (pure Go, nothing to install). Driver parameters may follow
//     PATH after "?", e.g. ?_busy_timeout=1000; by default a writer waits
//     up to 5 s for a lock, and the journal is write-ahead.
//   - postgres://USER:PASSWORD@HOST:PORT/DB?sslmode=… (or postgresql://) —
//     for several replicas writing at once.
//
// The schema is versioned and embedded in this package; Open applies the
// migrations it lacks, one process at a time (on Postgres under an
// advisory lock). A database whose schema is newer than this package's
// (migrated by a newer binary) is refused with an error matching
// ErrSchemaTooNew before anything is written. An unknown scheme matches
// ErrUnsupportedDSN. Errors never contain the DSN's password.
func Open(ctx context.Context, dsn string) (*Store, error) {
	p, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open(p.dialect.driver, p.driver)
	if err != nil {
		return nil, seal(fmt.Errorf("callsync: open %s: %w", p.redacted, err), p.password)
	}
	db.SetMaxOpenConns(p.dialect.maxConns)
	db.SetMaxIdleConns(p.dialect.maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &Store{db: db, d: p.dialect, dsn: p}
	if err := ping(ctx, db); err != nil {
		_ = db.Close()
		return nil, s.fail("connect to "+p.redacted, err)
	}
	if err := s.migrate(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.upsert = newUpserter(p.dialect)
	return s, nil
}

// Close closes the database connections. Writes after Close fail.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the connection pool, for your own queries (of omicall_calls,
// say). Do not write to the tables of this package yourself: the rules of
// which copy of a call wins live in its statements.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// fail wraps a database error with what was being done, with the DSN's
// password scrubbed from the message.
func (s *Store) fail(doing string, err error) error {
	return seal(fmt.Errorf("callsync: %s: %w", doing, err), s.dsn.password)
}

// ping connects once. A SQLite connection that sets up write-ahead logging
// while another process creates the same new file can be refused at once
// with SQLITE_BUSY, whatever the busy timeout (SQLite does not wait for
// that lock, to avoid a deadlock): such a refusal is tried again, for up to
// five seconds.
func ping(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(5 * time.Second)
	for wait := 10 * time.Millisecond; ; wait = min(2*wait, 250*time.Millisecond) {
		err := db.PingContext(ctx)
		if err == nil || !strings.Contains(err.Error(), "SQLITE_BUSY") || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}
