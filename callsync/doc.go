// Package callsync keeps every OMICall call, exactly once and newest, in
// your database, from both doors OMICall has: the webhook (live states and
// CDRs, through Syncer.Handler) and the call history (the v3 search,
// through Syncer.Backfill, Syncer.Reconcile and Syncer.Run).
//
//	store, _ := callsync.Open(ctx, "sqlite:calls.db") // or postgres://…
//	syncer, _ := callsync.New(client, store)
//	http.Handle("/omicall/hook", syncer.Handler(omicall.WithWebhookSecret(secret)))
//	go syncer.Run(ctx)                                // re-read the last 2 h every 10 min
//	_, err := syncer.Backfill(ctx, from, time.Now())  // resumable
//
// # The table
//
// omicall_calls holds one row per call, keyed by transaction_id (never by
// a leg's call_uuid): direction, state (StateFinal once the call's record
// is stored, else the furthest live state seen), extension,
// customer_number, hotline, started_at, answered_at, ended_at (UTC),
// duration_sec, bill_sec, disposition, recording_url, source ("hook" or
// "history"), source_updated_at, synced_at, and record, the last full
// record as JSON. It is indexed by extension and started_at, by
// customer_number and started_at, and by started_at. On SQLite times are
// text (2026-12-01T09:00:00.000Z, which sorts and which SQLite's date
// functions read); on Postgres they are timestamptz and record is json.
// omicall_sync_state holds the backfill cursor and the last reconcile's
// report; omicall_schema_version the schema version (goose).
//
// # Which copy wins
//
// Every copy of a call — a live event, a CDR (sent more than once, per
// leg), a history record — goes through one INSERT … ON CONFLICT DO
// UPDATE … WHERE statement, so any number of writers (replicas, a backfill,
// a reconcile) agree without reading first:
//
//   - a final record (a CDR or a history record) beats every live state,
//     and no live event changes a final row;
//   - between finals, the later last_updated_date wins, and on a tie the
//     later arrival (the one written last);
//   - an older copy never overwrites a newer one: it is counted as
//     skipped;
//   - between live states the furthest wins (create, early, ringing,
//     answered, hangup), keeping what earlier events told.
//
// # What recovers what
//
// A hook is answered 200 only once its row is committed, so a database
// outage makes OMICall deliver it again. What OMICall gave up on — the
// receiver or the database was down, a CDR never came — Reconcile fills
// from the history; Run reconciles on a schedule and, after downtime
// longer than its window, reaches back to the last reconcile. Backfill
// commits its cursor with its rows, so a killed backfill goes on where it
// stopped. Backfill and Reconcile read windows in parallel, within
// OMICall's rate limits (halving their concurrency and waiting when told,
// growing it back slowly), with one writer batching rows into
// transactions; their memory does not grow with the range.
package callsync
