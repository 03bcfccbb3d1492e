package callsync

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// outage is a database of a backend that a test can stop and start again.
type outage struct {
	dsn         string
	stop, start func()
}

// newOutage makes one. SQLite is "stopped" by another connection holding
// its write lock (the store's writers give up after 10 ms); Postgres by
// refusing connections to the database and ending those open.
func newOutage(t *testing.T, b backend) outage {
	t.Helper()
	if b.name == "sqlite" {
		path := strings.TrimPrefix(sqliteDB(t), "sqlite:")
		o := outage{dsn: "sqlite:" + path + "?_busy_timeout=10"}
		var tx *sql.Tx
		o.stop = func() {
			db, err := sql.Open("sqlite", "file:"+path+"?_txlock=exclusive")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = db.Close() })
			if tx, err = db.Begin(); err != nil {
				t.Fatal(err)
			}
		}
		o.start = func() { _ = tx.Rollback() }
		return o
	}
	dsn := postgresDatabase(t)
	u, _ := url.Parse(dsn)
	name := strings.TrimPrefix(u.Path, "/")
	admin := adminDB(t, os.Getenv(postgresEnv))
	t.Cleanup(func() { _ = admin.Close() })
	exec := func(q string) {
		if _, err := admin.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return outage{dsn: dsn,
		stop: func() {
			exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false")
			exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'")
		},
		start: func() { exec("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true") },
	}
}

// TestDatabaseDown: while the database is down, hooks are answered non-2xx
// (so OMICall delivers them again, then gives up); no hook answered 2xx
// lacks its row; once it is back, a reconcile leaves no call missing.
func TestDatabaseDown(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		o := newOutage(t, b)
		clk := newClock(simEnd)
		c, srv := simulated(t, clk)
		s, err := New(c, openStore(t, o.dsn), WithClock(clk.Now))
		if err != nil {
			t.Fatal(err)
		}
		rcv := newReceiver(t, s.Handler())
		register(t, c, rcv.URL)
		from := clk.Now()
		place(t, srv, clk, 5)
		o.stop()
		down := place(t, srv, clk, 5)
		o.start()
		place(t, srv, clk, 5)

		acked, refused := checkAcked(t, s.Store(), srv)
		downSet := map[string]bool{}
		for _, id := range down {
			downSet[id] = true
		}
		for _, d := range srv.Deliveries() {
			if downSet[d.CallID] && d.Status == http.StatusOK {
				t.Errorf("a hook of call %s (%s) was answered 200 while the database was down", d.CallID, d.State)
			}
		}
		if refused == 0 || acked == 0 {
			t.Fatalf("%d hooks acknowledged, %d refused: the outage did not show", acked, refused)
		}
		ctx := context.Background()
		if _, err := s.Reconcile(ctx, 2*time.Hour); err != nil {
			t.Fatal(err)
		}
		if m := missing(t, s.Store(), srv, from, clk.Now()); len(m) > 0 {
			t.Fatalf("%d calls missing after the database came back and a reconcile", len(m))
		}
	})
}

// checkAcked checks every hook the receiver answered 2xx against the
// store: its call is stored, at its state or further. It returns how many
// deliveries were acknowledged and refused.
func checkAcked(t *testing.T, st *Store, srv *omicalltest.Server) (acked, refused int) {
	t.Helper()
	for _, d := range srv.Deliveries() {
		if d.Status < 200 || d.Status > 299 {
			refused++
			continue
		}
		acked++
		c, err := st.Get(context.Background(), d.CallID)
		if err != nil {
			t.Fatal(err)
		}
		if c == nil || rank(c.State) < rank(string(d.State)) {
			t.Errorf("hook %s of call %s was acknowledged but is not stored (row %+v)", d.State, d.CallID, c)
		}
	}
	return acked, refused
}
