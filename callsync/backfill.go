package callsync

import (
	"context"
	"fmt"
	"time"
)

// Backfill reads the call history of from..to (both inclusive; any
// length) into the store, through the v3 search: the range is cut into
// windows (see WithWindow) read several at once, page by page in
// created_date order, within OMICall's rate limits (see WithConcurrency),
// and one writer commits the records in batches (WithBatchSize). A record
// older than the stored copy of its call is skipped (see the package
// documentation for which copy wins).
//
// It is resumable: the cursor commits with each batch, in the row "backfill"
// of omicall_sync_state, so a Backfill killed at any point and run again
// with the same from (and a to not earlier) goes on where the last commit
// left off — with the windows it started with — and ends with the same
// rows. A finished backfill, or one of another range, starts over. Run one
// backfill at a time per store.
//
// The Report says what this run read and wrote; on an error it says how
// far it got. Progress is reported through WithProgress.
func (s *Syncer) Backfill(ctx context.Context, from, to time.Time) (Report, error) {
	if from.IsZero() || to.IsZero() || from.UnixMilli() >= to.UnixMilli() {
		return Report{Job: OriginBackfill}, fmt.Errorf("callsync: Backfill: from must be before to, both set")
	}
	j := &job{origin: OriginBackfill, persist: true}
	var old cursor
	found, err := s.store.getState(ctx, s.store.db, stateBackfill, &old)
	if err != nil {
		return Report{Job: OriginBackfill}, s.store.fail("read the backfill cursor", err)
	}
	if toMs := to.UnixMilli(); found && !old.Done && old.From == from.UnixMilli() && toMs >= old.To && old.Window > 0 {
		old.extend(toMs)
		j.cur, j.rep.Resumed = old, true
	} else {
		j.cur = newCursor(from, to, s.cfg.window, s.cfg.concurrency)
	}
	j.rep.WindowsDone = j.cur.doneWindows()
	if err := s.run(ctx, j); err != nil {
		return j.rep, err
	}
	j.cur.Done = true
	if err := s.store.putState(ctx, s.store.db, stateBackfill, j.cur, s.cfg.now()); err != nil {
		return j.rep, s.store.fail("store the backfill cursor", err)
	}
	j.rep.Done, j.rep.WindowsDone = true, j.rep.Windows
	s.progress(j.rep)
	return j.rep, nil
}
