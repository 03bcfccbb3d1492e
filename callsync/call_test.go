package callsync

import (
	"context"
	"testing"
	"time"
)

// Recent lists an extension's calls newest first, at most limit, and
// refuses a query without an extension or with a limit out of range.
func TestRecent(t *testing.T) {
	t.Parallel()
	forEachBackend(t, func(t *testing.T, b backend) {
		c, srv := seeded(t, 300)
		s, err := New(c, openStore(t, b.newDB(t)))
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := s.Backfill(ctx, simEnd.Add(-8*24*time.Hour), simEnd); err != nil {
			t.Fatal(err)
		}
		ext, _ := srv.DemoCaller()
		calls, err := s.Store().Recent(ctx, ext, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(calls) == 0 || len(calls) > 5 {
			t.Fatalf("%d calls", len(calls))
		}
		for i, call := range calls {
			if call.Extension != ext {
				t.Errorf("call %d of extension %q", i, call.Extension)
			}
			if i > 0 && call.StartedAt.After(calls[i-1].StartedAt) {
				t.Errorf("call %d is newer than call %d", i, i-1)
			}
		}
		for _, bad := range []struct {
			ext   string
			limit int
		}{{"", 5}, {ext, 0}, {ext, 1001}} {
			if _, err := s.Store().Recent(ctx, bad.ext, bad.limit); err == nil {
				t.Errorf("Recent(%q, %d) accepted", bad.ext, bad.limit)
			}
		}
	})
}
