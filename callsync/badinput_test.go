package callsync

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// openFails opens dsn, expecting an error that holds none of secrets.
func openFails(t *testing.T, dsn string, secrets ...string) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st, err := Open(ctx, dsn)
	if err == nil {
		_ = st.Close()
		t.Fatalf("Open(%q) succeeded", dsn)
	}
	for _, s := range secrets {
		if strings.Contains(err.Error(), s) {
			t.Errorf("the error names a secret: %v", err)
		}
	}
	t.Logf("Open: %v", err)
	return err
}

func TestOpenRefusesBadDSNs(t *testing.T) {
	t.Parallel()
	for _, dsn := range []string{"", "mysql://app:hunter2pw@db/calls", "calls.db", "sqlite:", "sqlite3:/tmp/x.db"} {
		if err := openFails(t, dsn, "hunter2pw"); !errors.Is(err, ErrUnsupportedDSN) {
			t.Errorf("Open(%q): %v, want ErrUnsupportedDSN", dsn, err)
		}
	}
	// A postgres DSN whose server is not there: the error says so, without the password.
	openFails(t, "postgres://app:hunter2pw@127.0.0.1:1/calls?connect_timeout=2", "hunter2pw")
	// A sqlite file in a directory that does not exist.
	openFails(t, "sqlite:"+filepath.Join(t.TempDir(), "no", "such", "dir", "calls.db"))
}

func TestOpenWithoutPermission(t *testing.T) {
	t.Parallel()
	t.Run("sqlite read-only", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ro.db")
		db, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec("CREATE TABLE other (x)"); err != nil {
			t.Fatal(err)
		}
		_ = db.Close()
		openFails(t, "sqlite:"+path+"?mode=ro")
		if tables := sqliteTables(t, path); tables != "other" {
			t.Errorf("tables after the refused Open: %s", tables)
		}
	})
	t.Run("postgres without CREATE", func(t *testing.T) {
		if os.Getenv(postgresEnv) == "" {
			backends(t) // fails under CI
			t.Skip(postgresEnv + " is not set")
		}
		dsn := postgresDB(t)
		u, _ := url.Parse(dsn)
		schema := u.Query().Get("search_path")
		role := schema + "_ro"
		admin := adminDB(t, os.Getenv(postgresEnv))
		defer admin.Close()
		for _, q := range []string{"CREATE ROLE " + role + " LOGIN PASSWORD 'hunter2pw'", "GRANT USAGE ON SCHEMA " + schema + " TO " + role} {
			if _, err := admin.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(func() { _, _ = admin.Exec("DROP OWNED BY " + role + " CASCADE; DROP ROLE " + role) })
		u.User = url.UserPassword(role, "hunter2pw")
		openFails(t, u.String(), "hunter2pw")
		var n int
		if err := admin.QueryRow("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1", schema).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d tables written by the refused Open (%v)", n, err)
		}
	})
}

// sqliteTables lists the tables of a SQLite file, comma-separated.
func sqliteTables(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s sql.NullString
	if err := db.QueryRow("SELECT group_concat(name, ',') FROM sqlite_master WHERE type = 'table'").Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s.String
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		dsn := b.newDB(t)
		st := openStore(t, dsn)
		s, _ := newSyncerOn(t, st)
		hook(t, s, cdr("kept", simEnd, 5, ""))
		// A newer binary migrated the database further.
		if _, err := st.DB().Exec(st.d.bind("INSERT INTO "+versionTable+" (version_id, is_applied) VALUES (?, ?)"), 2, true); err != nil {
			t.Fatal(err)
		}
		before := dump(t, st)
		err := openFails(t, dsn)
		if !errors.Is(err, ErrSchemaTooNew) {
			t.Fatalf("Open: %v, want ErrSchemaTooNew", err)
		}
		if !strings.Contains(err.Error(), "version 2") {
			t.Errorf("the error does not name the versions: %v", err)
		}
		if after := dump(t, st); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("rows changed: %v → %v", before, after)
		}
		if v, err := st.SchemaVersion(context.Background()); err != nil || v != 2 {
			t.Errorf("schema version %d (%v) after the refused Open, want 2 untouched", v, err)
		}
	})
}
