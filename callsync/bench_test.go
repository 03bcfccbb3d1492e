package callsync

import (
	"context"
	"database/sql"
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// BenchmarkBackfill20k backfills 20,000 calls from the simulator answering
// each page after 10 ms, into each backend, and reports the speed-up over
// the sequential bound: pages × latency, what reading the pages one after
// the other would take at the least. Target: ≥ 2.5.
func BenchmarkBackfill20k(b *testing.B) {
	const n, latency = 20000, 10 * time.Millisecond
	srv := omicalltest.NewServer(omicalltest.WithHistory(n, 7*24*time.Hour, simEnd))
	srv.SetLatency(latency)
	c := srv.Client(b)
	from := simEnd.Add(-7 * 24 * time.Hour)
	bound := time.Duration(math.Ceil(n/float64(omicall.MaxSearchSize))) * latency
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			var elapsed time.Duration
			for b.Loop() {
				b.StopTimer()
				s, err := New(c, openStore(b, be.newDB(b)))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				start := time.Now()
				rep, err := s.Backfill(context.Background(), from, simEnd)
				elapsed += time.Since(start)
				if err != nil || rep.Written != n {
					b.Fatalf("%v, %v", rep, err)
				}
			}
			per := elapsed / time.Duration(b.N)
			speedup := bound.Seconds() / per.Seconds()
			b.ReportMetric(speedup, "x_sequential_bound")
			b.ReportMetric(n/per.Seconds(), "calls/s")
			if speedup < 2.5 {
				b.Errorf("%.2f× the sequential bound (%v for %v of pages), want ≥ 2.5×", speedup, per, bound)
			}
		})
	}
}

// BenchmarkUpsert writes 20,000 realistic rows in batches of 500, one
// transaction each, with the upsert (new rows, then the same rows again)
// and with a plain multi-row INSERT, and reports the rates and the ratio.
// Targets: ≥ 20,000 rows/s into SQLite, ≥ 10,000 into Postgres.
func BenchmarkUpsert(b *testing.B) {
	rows := benchRows(b, 20000)
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) {
			var ins, up, again time.Duration
			for b.Loop() {
				ins += timeBatches(b, openStore(b, be.newDB(b)), rows, plainInsert)
				st := openStore(b, be.newDB(b))
				up += timeBatches(b, st, rows, upsertBatch)
				again += timeBatches(b, st, rows, upsertBatch)
			}
			rate := func(d time.Duration) float64 { return float64(len(rows)*b.N) / d.Seconds() }
			b.ReportMetric(rate(up), "upsert_rows/s")
			b.ReportMetric(rate(again), "reupsert_rows/s")
			b.ReportMetric(rate(ins), "insert_rows/s")
			b.ReportMetric(rate(up)/rate(ins), "upsert/insert")
			if want := map[string]float64{"sqlite": 20000, "postgres": 10000}[be.name]; rate(up) < want {
				b.Errorf("%.0f upserted rows/s, want ≥ %.0f", rate(up), want)
			}
		})
	}
}

// BenchmarkBackfill1MMemory backfills a generated history of 1,000,000
// calls into SQLite and reports the peak live heap: it must stay that of
// the pages in flight (compare TestBackfillMemoryFlat's few MiB).
func BenchmarkBackfill1MMemory(b *testing.B) {
	for b.Loop() {
		peak, rep := peakLive(b, 1_000_000)
		b.ReportMetric(mib(peak), "peak_live_MiB")
		b.ReportMetric(rep.Rate(), "calls/s")
	}
}

// benchRows decodes n generated history records into rows.
func benchRows(b *testing.B, n int) []Call {
	b.Helper()
	rows := make([]Call, n)
	now := time.Now()
	for i := range rows {
		raw := genRecord(int64(i), simEnd.Add(time.Duration(i)*time.Second))
		var tx omicall.Transaction
		if err := json.Unmarshal(raw, &tx); err != nil {
			b.Fatal(err)
		}
		rows[i], _ = callFromRecord(&tx, SourceHistory, recordJSON(&tx), now)
	}
	return rows
}

// batchWriter writes one batch in tx.
type batchWriter func(st *Store, tx *sql.Tx, rows []Call) error

func upsertBatch(st *Store, tx *sql.Tx, rows []Call) error {
	_, err := st.writeCalls(context.Background(), tx, rows, false)
	return err
}

func plainInsert(st *Store, tx *sql.Tx, rows []Call) error {
	args := make([]any, 0, len(rows)*len(columns))
	for i := range rows {
		args = rows[i].args(st.d, args)
	}
	_, err := tx.Exec(st.d.bind(insertSQL(len(rows))), args...)
	return err
}

// timeBatches writes rows in batches of DefaultBatchRows, one transaction
// each, and returns the time taken.
func timeBatches(b *testing.B, st *Store, rows []Call, w batchWriter) time.Duration {
	b.Helper()
	start := time.Now()
	for batch := range slices.Chunk(rows, DefaultBatchRows) {
		if err := st.inTx(context.Background(), "bench", func(tx *sql.Tx) error { return w(st, tx, batch) }); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(start)
}
