package callsync

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Reconcile re-reads the last window of the call history (now-window..now
// by the Syncer's clock) and writes what the store lacks: calls whose
// hooks never came (the receiver was down, OMICall gave up) and records
// newer than the stored copy (a CDR that came late, or a recording added
// later). The Report counts and names (FilledIDs) the calls it filled; it
// is also stored, for Status. A call recorded while the window is read may
// wait for the next reconcile.
func (s *Syncer) Reconcile(ctx context.Context, window time.Duration) (Report, error) {
	if window < time.Millisecond {
		return Report{Job: OriginReconcile}, fmt.Errorf("callsync: Reconcile: window must be at least a millisecond")
	}
	now := s.cfg.now().UTC()
	j := &job{origin: OriginReconcile, classify: true, cur: newCursor(now.Add(-window), now, s.cfg.window, s.cfg.concurrency)}
	if err := s.run(ctx, j); err != nil {
		return j.rep, err
	}
	j.rep.Done, j.rep.WindowsDone = true, j.rep.Windows
	if err := s.store.putState(ctx, s.store.db, stateReconcile, j.rep, s.cfg.now()); err != nil {
		return j.rep, s.store.fail("store the reconcile report", err)
	}
	s.progress(j.rep)
	return j.rep, nil
}

// Run reconciles until ctx ends, then returns nil: at once, then every
// period of WithReconcile (default: the last 2 hours every 10 minutes).
// When the last stored reconcile ended longer ago than the window (this
// process, or every replica, was down), the first reconcile reaches back
// to it, so downtime leaves no gap. On several replicas sharing a store,
// a replica skips its turn when another reconciled less than half a
// period before. A failed reconcile is logged (WithLogger), reported to
// Observer.Reconcile, and tried again at the next turn.
func (s *Syncer) Run(ctx context.Context) error {
	for {
		if err := s.turn(ctx); err != nil && ctx.Err() == nil {
			s.cfg.log().LogAttrs(ctx, slog.LevelError, "callsync: reconcile failed", slog.String("error", err.Error()))
		}
		t := time.NewTimer(s.cfg.recEvery)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// turn is one reconcile of Run.
func (s *Syncer) turn(ctx context.Context) error {
	window := s.cfg.recWindow
	var last Report
	found, err := s.store.getState(ctx, s.store.db, stateReconcile, &last)
	if err != nil {
		return s.store.fail("read the last reconcile", err)
	}
	now := s.cfg.now()
	if found {
		if now.Sub(last.Started) < s.cfg.recEvery/2 {
			return nil // another replica just did
		}
		window = max(window, now.Sub(last.To)+time.Minute)
	}
	rep, err := s.Reconcile(ctx, window)
	if o := s.cfg.observer; o != nil && o.Reconcile != nil {
		o.Reconcile(ctx, rep, err)
	}
	if err == nil {
		s.cfg.log().LogAttrs(ctx, slog.LevelInfo, "callsync: reconciled", slog.String("report", rep.String()))
	}
	return err
}
