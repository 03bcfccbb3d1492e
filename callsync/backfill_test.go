package callsync

import (
	"context"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// simEnd is where the seeded histories of the tests end.
var simEnd = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// seeded returns a simulator holding n calls over the week before simEnd,
// and a client of it.
func seeded(t testing.TB, n int, opts ...omicalltest.Option) (*omicall.Client, *omicalltest.Server) {
	t.Helper()
	return omicalltest.NewClient(t, append([]omicalltest.Option{omicalltest.WithHistory(n, 7*24*time.Hour, simEnd)}, opts...)...)
}

// missing returns the ids of the calls of from..to that the store lacks
// or holds without a final record.
func missing(t testing.TB, st *Store, srv *omicalltest.Server, from, to time.Time) []string {
	t.Helper()
	var out []string
	for _, id := range srv.CallIDs(from, to) {
		c, err := st.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if c == nil || c.State != StateFinal {
			out = append(out, id)
		}
	}
	return out
}

func TestBackfill(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		c, srv := seeded(t, 1000)
		var reports []Report
		s, err := New(c, openStore(t, b.newDB(t)), WithProgress(func(r Report) { reports = append(reports, r) }))
		if err != nil {
			t.Fatal(err)
		}
		from := simEnd.Add(-8 * 24 * time.Hour)
		rep, err := s.Backfill(context.Background(), from, simEnd)
		if err != nil {
			t.Fatal(err)
		}
		if m := missing(t, s.Store(), srv, from, simEnd); len(m) > 0 {
			t.Fatalf("%d calls missing after the backfill, e.g. %s", len(m), m[0])
		}
		if rep.Seen != 1000 || rep.Written != 1000 || !rep.Done || rep.WindowsDone != rep.Windows {
			t.Errorf("report: %v", rep)
		}
		if len(reports) < 2 || !reports[len(reports)-1].Done {
			t.Errorf("%d progress reports, the last done=%v", len(reports), len(reports) > 0 && reports[len(reports)-1].Done)
		}
		st, err := s.Status(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Calls != 1000 || st.FromHistory != 1000 || st.Backfill == nil || !st.Backfill.Done {
			t.Errorf("status:\n%s", st)
		}
		t.Logf("report: %v\nstatus:\n%s", rep, st)
		// Again: a finished backfill starts over, and every copy ties.
		rep, err = s.Backfill(context.Background(), from, simEnd)
		if err != nil || rep.Resumed || rep.Written != 1000 {
			t.Errorf("second backfill: %v, %v", rep, err)
		}
	})
}
