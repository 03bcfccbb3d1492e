package callsync

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// postgresEnv names the environment variable holding the DSN of a Postgres
// the tests may create databases in (as a superuser), e.g.
// postgres://postgres@127.0.0.1:55432/callsync?sslmode=disable.
const postgresEnv = "OMICALL_TEST_POSTGRES"

// backend is a database the scenario tests run on.
type backend struct {
	name  string
	newDB func(t testing.TB) string // a fresh, empty database's DSN
}

// backends returns SQLite, and Postgres when postgresEnv is set. Without
// it the Postgres case is skipped with a message, or fails under CI=true.
func backends(t testing.TB) []backend {
	out := []backend{{"sqlite", sqliteDB}}
	if os.Getenv(postgresEnv) != "" {
		return append(out, backend{"postgres", postgresDB})
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not set: CI must test Postgres", postgresEnv)
	}
	t.Logf("%s is not set: Postgres cases skipped", postgresEnv)
	return out
}

// forEachBackend runs fn as a subtest per backend.
func forEachBackend(t *testing.T, fn func(t *testing.T, b backend)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			fn(t, b)
		})
	}
}

// sqliteDB returns the DSN of a new SQLite file in the test's directory.
func sqliteDB(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "calls.db")
}

var dbSeq atomic.Int64

// postgresDB creates a schema for the test (dropped at its end) and
// returns a DSN whose search_path is that schema: as separate as a
// database of its own, and much quicker to make.
func postgresDB(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("cs_%d_%d", os.Getpid(), dbSeq.Add(1))
	return postgresScoped(t, "SCHEMA", name, func(u *url.URL) {
		q := u.Query()
		q.Set("search_path", name)
		u.RawQuery = q.Encode()
	})
}

// postgresDatabase creates a database for the test (dropped at its end)
// and returns its DSN, for tests that stop the database.
func postgresDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("csdb_%d_%d", os.Getpid(), dbSeq.Add(1))
	return postgresScoped(t, "DATABASE", name, func(u *url.URL) { u.Path = "/" + name })
}

// postgresScoped creates the object kind name on the server of
// postgresEnv, drops it at the end of the test, and returns that DSN as
// scope rewrites it.
func postgresScoped(t testing.TB, kind, name string, scope func(*url.URL)) string {
	t.Helper()
	admin := os.Getenv(postgresEnv)
	db := adminDB(t, admin)
	if _, err := db.Exec("CREATE " + kind + " " + name); err != nil {
		t.Fatalf("create %s: %v", kind, err)
	}
	t.Cleanup(func() {
		drop := "DROP SCHEMA IF EXISTS " + name + " CASCADE"
		if kind == "DATABASE" {
			drop = "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
		}
		_, _ = db.Exec(drop)
		_ = db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	scope(u)
	return u.String()
}

// adminDB connects to the DSN as is (no migrations).
func adminDB(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// openStore opens dsn for the test and closes it at its end.
func openStore(t testing.TB, dsn string) *Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	st, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// dump returns every row of omicall_calls as text, ordered by id, without
// synced_at (when a copy was written differs from run to run).
func dump(t testing.TB, st *Store) []string {
	t.Helper()
	var cols []string
	for _, c := range columns {
		if c != "synced_at" {
			cols = append(cols, "COALESCE(CAST("+c+" AS TEXT), 'NULL')")
		}
	}
	rows, err := st.DB().Query("SELECT " + strings.Join(cols, " || '|' || ") + " FROM omicall_calls ORDER BY transaction_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// mustGet returns the stored call id, failing the test when it is missing.
func mustGet(t testing.TB, st *Store, id string) *Call {
	t.Helper()
	c, err := st.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if c == nil {
		t.Fatalf("call %s is not stored", id)
	}
	return c
}
