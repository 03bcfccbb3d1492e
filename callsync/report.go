package callsync

import (
	"fmt"
	"strings"
	"time"
)

// Report is what a Backfill or Reconcile did; WithProgress receives one
// after each batch it commits, and Backfill and Reconcile return the last.
type Report struct {
	Job         string    // OriginBackfill or OriginReconcile
	From, To    time.Time // the range read (both inclusive, UTC)
	Windows     int       // windows the range is cut into
	WindowsDone int       // windows read to the end (a resumed backfill counts those done before)
	Pages       int       // pages read and written (this run)
	Seen        int       // records read (this run)
	Written     int       // rows inserted or updated
	Skipped     int       // records not written: the store held a newer copy
	// Filled counts, for a reconcile, the calls it wrote that were missing
	// or had no final record: hooks that never came, CDRs that came late
	// or not at all. FilledIDs names up to 100 of them.
	Filled      int
	FilledIDs   []string
	RateLimited int           // rate-limit answers met
	Concurrency int           // the request limit at the end (see WithConcurrency)
	Resumed     bool          // a backfill that went on from a stored cursor
	Started     time.Time     // by the Syncer's clock
	Elapsed     time.Duration // time so far
	Done        bool          // the range was read to its end
}

// Rate returns the records read per second so far.
func (r Report) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Seen) / r.Elapsed.Seconds()
}

// String reads like "backfill 2026-09-01T00:00:00Z..2026-12-01T00:00:00Z:
// 64/64 windows, 20000 read, 19990 written, 10 skipped, 0 filled, 2480/s,
// done".
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s..%s: %d/%d windows, %d read, %d written, %d skipped, %d filled, %.0f/s",
		r.Job, r.From.Format(time.RFC3339), r.To.Format(time.RFC3339), r.WindowsDone, r.Windows,
		r.Seen, r.Written, r.Skipped, r.Filled, r.Rate())
	if r.RateLimited > 0 {
		fmt.Fprintf(&b, ", %d rate-limited", r.RateLimited)
	}
	if r.Resumed {
		b.WriteString(", resumed")
	}
	if r.Done {
		b.WriteString(", done")
	}
	return b.String()
}
