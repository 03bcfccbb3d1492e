package callsync

import (
	"fmt"
	"net/url"
	"strings"
)

// dsn is a parsed Open argument.
type dsn struct {
	dialect  *dialect
	driver   string // what the database/sql driver is opened with
	redacted string // safe to print
	password string // to scrub from errors; "" when none
}

// parseDSN reads sqlite:PATH[?params] or postgres://… / postgresql://….
func parseDSN(raw string) (dsn, error) {
	switch {
	case strings.HasPrefix(raw, "sqlite:"):
		return sqliteDSN(strings.TrimPrefix(raw, "sqlite:"))
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return dsn{}, fmt.Errorf("%w: the postgres URL does not parse", ErrUnsupportedDSN)
		}
		pw, _ := u.User.Password()
		return dsn{dialect: postgresDialect, driver: raw, redacted: u.Redacted(), password: pw}, nil
	}
	scheme, _, ok := strings.Cut(raw, ":")
	if !ok || strings.ContainsAny(scheme, "/@ ") {
		scheme = ""
	}
	return dsn{}, fmt.Errorf("%w (got scheme %q)", ErrUnsupportedDSN, scheme)
}

// sqliteDefaults are the connection settings a sqlite DSN gets unless it
// sets them: wait for a lock rather than fail at once, write-ahead logging
// (readers do not block the writer), and transactions that take the write
// lock when they begin, so two writers never deadlock on an upgrade.
var sqliteDefaults = [][2]string{
	{"_busy_timeout", "5000"}, {"_journal_mode", "WAL"}, {"_synchronous", "NORMAL"}, {"_txlock", "immediate"},
}

// sqliteDSN builds the driver's DSN from PATH[?params].
func sqliteDSN(rest string) (dsn, error) {
	path, query, _ := strings.Cut(rest, "?")
	path = strings.TrimPrefix(path, "file:")
	if path == "" {
		return dsn{}, fmt.Errorf("%w: sqlite: needs a path", ErrUnsupportedDSN)
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		return dsn{}, fmt.Errorf("%w: sqlite: the parameters do not parse", ErrUnsupportedDSN)
	}
	for _, kv := range sqliteDefaults {
		if !q.Has(kv[0]) {
			q.Set(kv[0], kv[1])
		}
	}
	return dsn{dialect: sqliteDialect, driver: "file:" + path + "?" + q.Encode(), redacted: "sqlite:" + rest}, nil
}
