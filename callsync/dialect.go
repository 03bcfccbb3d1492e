package callsync

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pressly/goose/v3"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// dialect is what differs between the two databases.
type dialect struct {
	name     string // "sqlite" or "postgres"
	driver   string // database/sql driver name
	goose    goose.Dialect
	maxConns int  // connection pool size
	dollar   bool // placeholders are $1, $2, … instead of ?
	timeText bool // times are stored as text (timeLayout), not as timestamptz
}

var (
	// sqliteDialect keeps one connection: SQLite has one writer at a time,
	// and queueing in the pool is cheaper than waiting on the file lock.
	sqliteDialect   = &dialect{name: "sqlite", driver: "sqlite", goose: goose.DialectSQLite3, maxConns: 1, timeText: true}
	postgresDialect = &dialect{name: "postgres", driver: "pgx", goose: goose.DialectPostgres, maxConns: 16, dollar: true}
)

// timeLayout is how SQLite stores a time: UTC, milliseconds, fixed width, so
// that text order is time order and SQLite's date functions read it.
const timeLayout = "2006-01-02T15:04:05.000Z"

// bind rewrites the ? placeholders of q for the dialect. The statements of
// this package hold no ? inside literals.
func (d *dialect) bind(q string) string {
	if !d.dollar {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + len(q)/4)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// ts is the value a time is written as: NULL for the zero time, else UTC to
// the millisecond (the API's resolution).
func (d *dialect) ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	t = t.UTC().Truncate(time.Millisecond)
	if d.timeText {
		return t.Format(timeLayout)
	}
	return t
}

// dbTime scans a time stored by either dialect; NULL is the zero time.
type dbTime struct{ time.Time }

// Scan implements sql.Scanner.
func (t *dbTime) Scan(v any) error {
	t.Time = time.Time{}
	switch v := v.(type) {
	case nil:
		return nil
	case time.Time:
		t.Time = v.UTC()
		return nil
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	}
	return fmt.Errorf("callsync: cannot read a time from %T", v)
}

func (t *dbTime) parse(s string) error {
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("callsync: cannot read the time %q", s)
	}
	t.Time = v.UTC()
	return nil
}
