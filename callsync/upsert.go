package callsync

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Which copy of a call wins is decided inside the INSERT … ON CONFLICT …
// DO UPDATE … WHERE statement, never by reading first, so that any number
// of writers (hooks on several replicas, a backfill, a reconcile) agree:
//
//   - a final record (state "cdr": a CDR hook or a history record) beats
//     every live state, and no live event changes a final row;
//   - between finals, the one with the later source_updated_at
//     (last_updated_date) wins; on a tie, the later write (arrival) wins;
//   - between live events, the furthest state wins (create < early <
//     ringing < answered < hangup; an unknown state ranks below them), an
//     equal one is applied again, and fields it lacks are kept.

// liveRanks orders the live states.
var liveRanks = []string{"create", "early", "ringing", "answered", "hangup"}

// rankSQL is the SQL expression of the rank of the state in col.
func rankSQL(col string) string {
	var b strings.Builder
	b.WriteString("CASE " + col)
	for i, s := range liveRanks {
		fmt.Fprintf(&b, " WHEN '%s' THEN %d", s, i+1)
	}
	b.WriteString(" ELSE 0 END")
	return b.String()
}

// rank is rankSQL in Go (the final state ranks above all).
func rank(state string) int {
	if state == StateFinal {
		return len(liveRanks) + 1
	}
	return slices.Index(liveRanks, state) + 1
}

// finalSet and liveSet are the DO UPDATE clauses of the two kinds of row.
var (
	finalSet = func() string {
		set := make([]string, 0, len(columns)-1)
		for _, c := range columns[1:] {
			set = append(set, c+" = excluded."+c)
		}
		return strings.Join(set, ", ") + " WHERE c.state <> '" + StateFinal + "' OR excluded.source_updated_at >= c.source_updated_at"
	}()
	liveSet = "direction = " + keepEmpty("direction") + ", state = excluded.state, extension = " + keepEmpty("extension") +
		", customer_number = " + keepEmpty("customer_number") + ", hotline = " + keepEmpty("hotline") +
		", started_at = COALESCE(c.started_at, excluded.started_at), answered_at = COALESCE(c.answered_at, excluded.answered_at)" +
		", ended_at = COALESCE(c.ended_at, excluded.ended_at), source = excluded.source" +
		", source_updated_at = excluded.source_updated_at, synced_at = excluded.synced_at, record = excluded.record" +
		" WHERE c.state <> '" + StateFinal + "' AND " + rankSQL("excluded.state") + " >= " + rankSQL("c.state")
)

// keepEmpty is the SET expression that keeps col when the new value is "".
func keepEmpty(col string) string {
	return "CASE WHEN excluded." + col + " <> '' THEN excluded." + col + " ELSE c." + col + " END"
}

// chunkRows is the most rows one statement carries (17 parameters each,
// well within SQLite's and Postgres's limits).
const chunkRows = 500

// upserter builds and caches the upsert statements of a dialect.
type upserter struct {
	d     *dialect
	cache sync.Map // key{final, n} → SQL
}

type stmtKey struct {
	final, returning bool
	n                int
}

func newUpserter(d *dialect) *upserter { return &upserter{d: d} }

// sql returns the statement that upserts n rows of one kind, returning
// the ids of those it wrote when asked.
func (u *upserter) sql(final, returning bool, n int) string {
	k := stmtKey{final, returning, n}
	if q, ok := u.cache.Load(k); ok {
		return q.(string)
	}
	set := liveSet
	if final {
		set = finalSet
	}
	q := insertSQL(n) + " ON CONFLICT (transaction_id) DO UPDATE SET " + set
	if returning {
		q += " RETURNING transaction_id"
	}
	q = u.d.bind(q)
	u.cache.Store(k, q)
	return q
}

// insertSQL is the plain multi-row INSERT of n rows (with ? placeholders).
func insertSQL(n int) string {
	row := "(" + strings.Repeat("?, ", len(columns)-1) + "?)"
	var b strings.Builder
	b.Grow(60 + n*(len(row)+2))
	b.WriteString("INSERT INTO omicall_calls AS c (" + joinCols(columns) + ") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

func joinCols(cols []string) string { return strings.Join(cols, ", ") }

// writeResult is what one write did.
type writeResult struct {
	Written int      // rows inserted or updated
	Skipped int      // rows not written: the database (or the batch) held a newer copy
	Filled  []string // with classify: calls written that were missing or not final before
}

func (r *writeResult) add(o writeResult) {
	r.Written += o.Written
	r.Skipped += o.Skipped
	r.Filled = append(r.Filled, o.Filled...)
}

// writeCalls upserts rows in tx. With classify it also reports which final
// rows filled a gap (a call that was missing or held only live states).
func (s *Store) writeCalls(ctx context.Context, tx *sql.Tx, rows []Call, classify bool) (writeResult, error) {
	var res writeResult
	finals, lives := winners(rows, &res)
	for _, kind := range []struct {
		final bool
		rows  []Call
	}{{true, finals}, {false, lives}} {
		for chunk := range slices.Chunk(kind.rows, chunkRows) {
			r, err := s.writeChunk(ctx, tx, kind.final, chunk, classify && kind.final)
			if err != nil {
				return res, err
			}
			res.add(r)
		}
	}
	return res, nil
}

// winners splits rows into finals and live rows, keeps one row per call in
// each (the one the statement would keep: a later final on a tie, the
// furthest live state), and sorts each by transaction id, so that
// concurrent batches lock rows in one order and never deadlock.
func winners(rows []Call, res *writeResult) (finals, lives []Call) {
	var fi, li map[string]int
	for _, r := range rows {
		list, idx := &lives, &li
		if r.State == StateFinal {
			list, idx = &finals, &fi
		}
		if *idx == nil {
			*idx = make(map[string]int, len(rows))
		}
		if i, ok := (*idx)[r.TransactionID]; ok {
			res.Skipped++
			old := (*list)[i]
			better := rank(r.State) >= rank(old.State)
			if r.State == StateFinal {
				better = !r.SourceUpdatedAt.Before(old.SourceUpdatedAt)
			}
			if better {
				(*list)[i] = r
			}
			continue
		}
		(*idx)[r.TransactionID] = len(*list)
		*list = append(*list, r)
	}
	byID := func(a, b Call) int { return strings.Compare(a.TransactionID, b.TransactionID) }
	slices.SortFunc(finals, byID)
	slices.SortFunc(lives, byID)
	return finals, lives
}

// writeChunk runs one upsert statement. Without classify it only counts
// the rows written; with it, it reads which rows existed (and in which
// state) first, and which ids the statement wrote.
func (s *Store) writeChunk(ctx context.Context, tx *sql.Tx, final bool, rows []Call, classify bool) (writeResult, error) {
	args := make([]any, 0, len(rows)*len(columns))
	for i := range rows {
		args = rows[i].args(s.d, args)
	}
	if !classify {
		r, err := tx.ExecContext(ctx, s.upsert.sql(final, false, len(rows)), args...)
		if err != nil {
			return writeResult{}, err
		}
		n, err := r.RowsAffected()
		return writeResult{Written: int(n), Skipped: len(rows) - int(n)}, err
	}
	before, err := s.states(ctx, tx, rows)
	if err != nil {
		return writeResult{}, err
	}
	q, err := tx.QueryContext(ctx, s.upsert.sql(final, true, len(rows)), args...)
	if err != nil {
		return writeResult{}, err
	}
	defer q.Close()
	res := writeResult{Skipped: len(rows)}
	for q.Next() {
		var id string
		if err := q.Scan(&id); err != nil {
			return writeResult{}, err
		}
		res.Written++
		res.Skipped--
		if st, ok := before[id]; !ok || st != StateFinal {
			res.Filled = append(res.Filled, id)
		}
	}
	return res, q.Err()
}

// states returns the stored state of those rows that exist.
func (s *Store) states(ctx context.Context, tx *sql.Tx, rows []Call) (map[string]string, error) {
	args := make([]any, len(rows))
	for i := range rows {
		args[i] = rows[i].TransactionID
	}
	q := s.d.bind("SELECT transaction_id, state FROM omicall_calls WHERE transaction_id IN (" +
		strings.TrimSuffix(strings.Repeat("?, ", len(rows)), ", ") + ")")
	r, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := make(map[string]string, len(rows))
	for r.Next() {
		var id, st string
		if err := r.Scan(&id, &st); err != nil {
			return nil, err
		}
		out[id] = st
	}
	return out, r.Err()
}
