package callsync

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// TestBackfillKilledAndResumed kills a backfilling process (SIGKILL) at
// random points, runs it again until it finishes, and compares the rows
// with those of an uninterrupted backfill: they must be the same, byte for
// byte (synced_at aside).
func TestBackfillKilledAndResumed(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("spawns processes")
	}
	srv := omicalltest.NewServer(omicalltest.WithHistory(500, 7*24*time.Hour, simEnd))
	base, stop := srv.Start()
	t.Cleanup(stop)
	srv.SetLatency(2 * time.Millisecond)
	from, to := simEnd.Add(-7*24*time.Hour), simEnd
	forEachBackend(t, func(t *testing.T, b backend) {
		want := dump(t, backfillOnce(t, b, srv, from, to))
		if len(want) != 500 {
			t.Fatalf("the uninterrupted backfill stored %d rows", len(want))
		}
		kills, resumed := 0, 0
		for run := range 5 {
			rng := rand.New(rand.NewPCG(uint64(run), 7))
			dsn := b.newDB(t)
			for attempt := 0; ; attempt++ {
				k := -1 // let the last attempt finish
				if attempt < 2 {
					k = 1 + rng.IntN(3)
				}
				out, killed := runChild(t, base, srv.APIKey(), dsn, from, to, k, time.Duration(rng.IntN(15))*time.Millisecond)
				if strings.Contains(out, "resumed=true") {
					resumed++
				}
				if !killed {
					break
				}
				kills++
			}
			st := openStore(t, dsn)
			if got := dump(t, st); !slices.Equal(got, want) {
				t.Fatalf("run %d: %d rows differ from the uninterrupted backfill's %d (first: %s)", run, len(got), len(want), firstDiff(got, want))
			}
		}
		t.Logf("%d kills; %d runs went on from a cursor", kills, resumed)
		if kills < 5 || resumed < 5 {
			t.Errorf("%d kills, %d resumed runs: the kills did not land mid-backfill", kills, resumed)
		}
	})
}

// backfillOnce backfills from..to into a fresh database of b, uninterrupted.
func backfillOnce(t *testing.T, b backend, srv *omicalltest.Server, from, to time.Time) *Store {
	t.Helper()
	st := openStore(t, b.newDB(t))
	s, err := New(srv.Client(t), st, WithWindow(6*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backfill(context.Background(), from, to); err != nil {
		t.Fatal(err)
	}
	return st
}

// runChild runs childBackfill in a process and, when k >= 0, kills it with
// SIGKILL wait after its k-th progress line (so somewhere in the middle of
// its next batch), unless it ended first. It returns the child's output and
// whether it was killed.
func runChild(t *testing.T, base, key, dsn string, from, to time.Time, k int, wait time.Duration) (string, bool) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0", childEnv+"=backfill", "CHILD_BASE="+base, "CHILD_KEY="+key, "CHILD_DSN="+dsn,
		fmt.Sprintf("CHILD_FROM=%d", from.UnixMilli()), fmt.Sprintf("CHILD_TO=%d", to.UnixMilli()))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(stdout)
	for n := 0; sc.Scan(); {
		out.WriteString(sc.Text() + "\n")
		if strings.HasPrefix(sc.Text(), "progress ") {
			if n++; n == k {
				time.AfterFunc(wait, func() { _ = cmd.Process.Signal(syscall.SIGKILL) })
			}
		}
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
		return out.String(), true
	}
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, stderr.String())
	}
	return out.String(), false
}

// firstDiff describes the first row where got and want differ.
func firstDiff(got, want []string) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("row %d:\n got %.300s\nwant %.300s", i, got[i], want[i])
		}
	}
	return "one is a prefix of the other"
}
