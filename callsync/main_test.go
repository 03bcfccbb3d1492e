package callsync

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
)

// childEnv, when set, makes the test binary a child process of a test
// instead of running tests: "backfill" runs childBackfill.
const childEnv = "CALLSYNC_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "backfill" {
		os.Exit(childBackfill())
	}
	os.Exit(m.Run())
}

// childBackfill backfills CHILD_FROM..CHILD_TO (Unix ms) from the simulator
// at CHILD_BASE (key CHILD_KEY) into CHILD_DSN, printing "progress N" after
// each batch it commits and "done resumed=B" at the end. It returns the
// exit code.
func childBackfill() int {
	from, _ := strconv.ParseInt(os.Getenv("CHILD_FROM"), 10, 64)
	to, _ := strconv.ParseInt(os.Getenv("CHILD_TO"), 10, 64)
	ctx := context.Background()
	c, err := omicall.NewClient(os.Getenv("CHILD_KEY"), omicall.WithBaseURL(os.Getenv("CHILD_BASE")),
		omicall.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	st, err := Open(ctx, os.Getenv("CHILD_DSN"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer st.Close()
	s, err := New(c, st, WithWindow(6*time.Hour), WithBatchSize(50),
		WithProgress(func(r Report) { fmt.Printf("progress %d\n", r.Written) }))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	rep, err := s.Backfill(ctx, time.UnixMilli(from), time.UnixMilli(to))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Printf("done resumed=%v\n", rep.Resumed)
	return 0
}
