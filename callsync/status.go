package callsync

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// StatusReport is the state of a store: what `omicall sync status` prints.
type StatusReport struct {
	Dialect       string // "sqlite" or "postgres"
	SchemaVersion int64
	Calls         int64     // rows of omicall_calls
	Final         int64     // rows holding a final record (state StateFinal)
	LiveOnly      int64     // rows holding live states only: the call's record has not come yet
	FromHooks     int64     // rows last written from the webhook
	FromHistory   int64     // rows last written from the call history
	NewestCall    time.Time // the latest started_at
	LastWrite     time.Time // the latest synced_at
	// Backfill is the backfill cursor, nil when no backfill ran.
	Backfill *BackfillStatus
	// LastReconcile is the last reconcile's report (what it filled
	// included), nil when none ran.
	LastReconcile *Report
}

// BackfillStatus is the stored cursor of the last backfill.
type BackfillStatus struct {
	From, To    time.Time
	Windows     int
	WindowsDone int
	Done        bool
	UpdatedAt   time.Time
}

// Status reads the state of the store: row counts, the backfill cursor and
// the last reconcile.
func (s *Store) Status(ctx context.Context) (StatusReport, error) {
	r := StatusReport{Dialect: s.d.name}
	var err error
	if r.SchemaVersion, err = s.SchemaVersion(ctx); err != nil {
		return r, err
	}
	var newest, last dbTime
	err = s.db.QueryRowContext(ctx, "SELECT COUNT(*),"+
		" COALESCE(SUM(CASE WHEN state = '"+StateFinal+"' THEN 1 ELSE 0 END), 0),"+
		" COALESCE(SUM(CASE WHEN source = '"+SourceHook+"' THEN 1 ELSE 0 END), 0),"+
		" MAX(started_at), MAX(synced_at) FROM omicall_calls").Scan(&r.Calls, &r.Final, &r.FromHooks, &newest, &last)
	if err != nil {
		return r, s.fail("count the calls", err)
	}
	r.LiveOnly, r.FromHistory, r.NewestCall, r.LastWrite = r.Calls-r.Final, r.Calls-r.FromHooks, newest.Time, last.Time
	var cur cursor
	var updated dbTime
	if found, err := s.getState(ctx, s.db, stateBackfill, &cur); err != nil {
		return r, s.fail("read the backfill cursor", err)
	} else if found {
		_ = s.db.QueryRowContext(ctx, s.d.bind("SELECT updated_at FROM omicall_sync_state WHERE name = ?"), stateBackfill).Scan(&updated)
		r.Backfill = &BackfillStatus{From: time.UnixMilli(cur.From).UTC(), To: time.UnixMilli(cur.To).UTC(),
			Windows: cur.windows(), WindowsDone: cur.doneWindows(), Done: cur.Done, UpdatedAt: updated.Time}
		if cur.Done {
			r.Backfill.WindowsDone = r.Backfill.Windows
		}
	}
	var rec Report
	if found, err := s.getState(ctx, s.db, stateReconcile, &rec); err != nil {
		return r, s.fail("read the last reconcile", err)
	} else if found {
		r.LastReconcile = &rec
	}
	return r, nil
}

// Status reads the state of the Syncer's store (see Store.Status).
func (s *Syncer) Status(ctx context.Context) (StatusReport, error) { return s.store.Status(ctx) }

// String renders the report as aligned lines, times in UTC.
func (r StatusReport) String() string {
	var b strings.Builder
	line := func(k, format string, a ...any) {
		fmt.Fprintf(&b, "%-15s "+format+"\n", append([]any{k + ":"}, a...)...)
	}
	line("calls", "%d (%d final, %d live only; %d from hooks, %d from history)", r.Calls, r.Final, r.LiveOnly, r.FromHooks, r.FromHistory)
	line("newest call", "%s", stamp(r.NewestCall))
	line("last write", "%s", stamp(r.LastWrite))
	switch bf := r.Backfill; {
	case bf == nil:
		line("backfill", "none")
	default:
		state := "in progress"
		if bf.Done {
			state = "done"
		}
		line("backfill", "%s .. %s, %d/%d windows, %s (updated %s)", stamp(bf.From), stamp(bf.To), bf.WindowsDone, bf.Windows, state, stamp(bf.UpdatedAt))
	}
	switch rc := r.LastReconcile; {
	case rc == nil:
		line("last reconcile", "none")
	default:
		line("last reconcile", "%s over %s .. %s: %d read, %d written, %d filled", stamp(rc.Started), stamp(rc.From), stamp(rc.To), rc.Seen, rc.Written, rc.Filled)
		if shown := rc.FilledIDs[:min(len(rc.FilledIDs), 3)]; len(shown) > 0 {
			more := ""
			if rc.Filled > len(shown) {
				more = fmt.Sprintf(" and %d more", rc.Filled-len(shown))
			}
			line("filled", "%s%s", strings.Join(shown, ", "), more)
		}
	}
	line("schema", "version %d (%s)", r.SchemaVersion, r.Dialect)
	return b.String()
}

// stamp formats a time for the status, "-" when unknown.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}
