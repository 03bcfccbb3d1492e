package callsync

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
)

// cursor is the layout and progress of a walk of the call history over
// From..To (Unix ms, both inclusive): windows of Window ms from From, the
// last one running to To (between one and two windows long); every window
// before Low is done; Next holds, for a started window from Low on, the
// next page to read, or -1 when done.
type cursor struct {
	From   int64       `json:"from"`
	To     int64       `json:"to"`
	Window int64       `json:"window_ms"`
	Low    int         `json:"low"`
	Next   map[int]int `json:"next,omitempty"`
	Done   bool        `json:"done"`
}

// windows returns how many windows the range holds.
func (c *cursor) windows() int { return max(1, int((c.To-c.From+1)/c.Window)) }

// bounds returns window k's first and last millisecond.
func (c *cursor) bounds(k int) (time.Time, time.Time) {
	lo, hi := c.From+int64(k)*c.Window, c.To
	if k < c.windows()-1 {
		hi = lo + c.Window - 1
	}
	return time.UnixMilli(lo).UTC(), time.UnixMilli(hi).UTC()
}

// extend moves To later. Records are read in created_date order, so the
// pages read of a window stay read when it grows at its end; but the last
// window, which may have been read to its old end, is read again.
func (c *cursor) extend(to int64) {
	if to <= c.To {
		return
	}
	k := c.windows() - 1
	c.To = to
	c.Low = min(c.Low, k)
	delete(c.Next, k)
}

// advance records that page of window k was written (last: the window is
// done) and moves Low past the done windows.
func (c *cursor) advance(k, page int, last bool) {
	if c.Next == nil {
		c.Next = map[int]int{}
	}
	c.Next[k] = page + 1
	if last {
		c.Next[k] = -1
	}
	for c.Next[c.Low] == -1 {
		delete(c.Next, c.Low)
		c.Low++
	}
}

// doneWindows counts the windows done.
func (c *cursor) doneWindows() int {
	n := c.Low
	for _, p := range c.Next {
		if p == -1 {
			n++
		}
	}
	return n
}

// newCursor lays out from..to in windows of w, or of a length chosen for
// the range: enough windows for the requests in flight to overlap, none
// shorter than a minute or longer than a day.
func newCursor(from, to time.Time, w time.Duration, concurrency int) cursor {
	if w <= 0 {
		w = min(max(to.Sub(from)/time.Duration(2*concurrency), time.Minute), 24*time.Hour)
	}
	return cursor{From: from.UnixMilli(), To: to.UnixMilli(), Window: max(w.Milliseconds(), 1)}
}

// job is one walk of the call history: a backfill or a reconcile.
type job struct {
	cur      cursor
	origin   string // OriginBackfill or OriginReconcile
	persist  bool   // save cur with every batch (under stateBackfill)
	classify bool   // report the calls filled
	rep      Report
}

// page is one page of a window, ready to write.
type page struct {
	win, n int
	last   bool
	calls  []Call
}

// maxFilledIDs bounds Report.FilledIDs.
const maxFilledIDs = 100

// run walks every window of j that is not done: windows in parallel, pages
// of a window in order, one writer batching pages into transactions. On
// return, j.rep says what was done, even on an error.
func (s *Syncer) run(ctx context.Context, j *job) error {
	start := time.Now()
	j.rep.From, j.rep.To = time.UnixMilli(j.cur.From).UTC(), time.UnixMilli(j.cur.To).UTC()
	j.rep.Windows, j.rep.Job, j.rep.Started = j.cur.windows(), j.origin, s.cfg.now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	g := newGate(s.cfg.concurrency, s.cfg.waitBase, s.cfg.waitMax)
	wins := make(chan [2]int) // window, first page
	pages := make(chan page, s.cfg.concurrency)
	lay := j.cur // the workers' copy: the writer moves j.cur on
	lay.Next = maps.Clone(j.cur.Next)
	go func() {
		defer close(wins)
		for k := lay.Low; k < lay.windows(); k++ {
			if p := lay.Next[k]; p != -1 {
				select {
				case wins <- [2]int{k, max(p, 1)}:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	var workers sync.WaitGroup
	for range s.cfg.concurrency {
		workers.Go(func() {
			for w := range wins {
				if err := s.walk(ctx, g, &lay, w[0], w[1], pages); err != nil {
					cancel(err)
				}
			}
		})
	}
	go func() { workers.Wait(); close(pages) }()
	if err := s.write(ctx, j, g, pages, start); err != nil {
		cancel(err)
	}
	for range pages { // let the workers end
	}
	var err error
	if ctx.Err() != nil {
		err = context.Cause(ctx) // the first failure, or the caller's end
	}
	j.rep.Concurrency, j.rep.RateLimited = g.state()
	j.rep.Elapsed = time.Since(start)
	return err
}

// walk reads window k from page n on and hands each page to the writer.
func (s *Syncer) walk(ctx context.Context, g *gate, cur *cursor, k, n int, out chan<- page) error {
	from, to := cur.bounds(k)
	var prev []string
	for ; ; n++ {
		p, err := s.fetch(ctx, g, from, to, n)
		if err != nil {
			return err
		}
		ids := make([]string, len(p.Items))
		calls := make([]Call, 0, len(p.Items))
		now := s.cfg.now()
		for i := range p.Items {
			ids[i] = p.Items[i].TransactionID
			if c, ok := callFromRecord(&p.Items[i], SourceHistory, recordJSON(&p.Items[i]), now); ok {
				calls = append(calls, c)
			}
		}
		if len(ids) > 0 && slices.Equal(ids, prev) {
			return fmt.Errorf("%w: page %d of %s..%s", ErrPagingStuck, n, from.Format(time.RFC3339), to.Format(time.RFC3339))
		}
		prev = ids
		last := !p.HasNext || len(p.Items) == 0 || (p.TotalPages > 0 && n >= p.TotalPages)
		select {
		case out <- page{win: k, n: n, last: last, calls: calls}:
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		if last {
			return nil
		}
	}
}

// fetch reads one page through the gate, waiting out rate limits and
// asking again as often as they come (until ctx ends).
func (s *Syncer) fetch(ctx context.Context, g *gate, from, to time.Time, n int) (*omicall.Page[omicall.Transaction], error) {
	for {
		epoch, err := g.acquire(ctx)
		if err != nil {
			return nil, context.Cause(ctx)
		}
		p, err := s.client.Transactions.Search(ctx, &omicall.SearchRequest{From: from, To: to, Page: n, Size: omicall.MaxSearchSize})
		wait, limited := rateLimit(err)
		if !limited {
			wait = -1
		}
		g.release(epoch, wait)
		if !limited {
			return p, err
		}
	}
}

// write batches the pages into transactions until pages is closed: the
// rows, and (for a backfill) the cursor, commit together.
func (s *Syncer) write(ctx context.Context, j *job, g *gate, pages <-chan page, start time.Time) error {
	for {
		var batch []page
		rows := 0
		select {
		case p, ok := <-pages:
			if !ok {
				return nil
			}
			batch, rows = append(batch, p), len(p.calls)
		case <-ctx.Done():
			return context.Cause(ctx)
		}
	more:
		for rows < s.cfg.batchRows {
			select {
			case p, ok := <-pages:
				if !ok {
					break more
				}
				batch, rows = append(batch, p), rows+len(p.calls)
			default:
				break more
			}
		}
		if err := s.commit(ctx, j, batch); err != nil {
			return err
		}
		j.rep.Concurrency, j.rep.RateLimited = g.state()
		j.rep.Elapsed = time.Since(start)
		s.progress(j.rep)
	}
}

// commit writes one batch of pages and moves the cursor past them.
func (s *Syncer) commit(ctx context.Context, j *job, batch []page) error {
	begin := time.Now()
	var calls []Call
	for _, p := range batch {
		calls = append(calls, p.calls...)
	}
	next := j.cur
	next.Next = maps.Clone(j.cur.Next)
	for _, p := range batch {
		next.advance(p.win, p.n, p.last)
	}
	var res writeResult
	err := s.store.inTx(ctx, "store the call history", func(tx *sql.Tx) error {
		var err error
		if res, err = s.store.writeCalls(ctx, tx, calls, j.classify); err != nil {
			return err
		}
		if j.persist {
			return s.store.putState(ctx, tx, stateBackfill, next, s.cfg.now())
		}
		return nil
	})
	s.cfg.observeWrite(ctx, j.origin, res, time.Since(begin), err)
	if err != nil {
		return err
	}
	j.cur = next
	j.rep.Pages += len(batch)
	j.rep.Seen += len(calls)
	j.rep.Written += res.Written
	j.rep.Skipped += res.Skipped
	j.rep.Filled += len(res.Filled)
	j.rep.FilledIDs = append(j.rep.FilledIDs, res.Filled[:min(len(res.Filled), maxFilledIDs-len(j.rep.FilledIDs))]...)
	j.rep.WindowsDone = j.cur.doneWindows()
	return nil
}

// progress hands a copy of r to the progress callback.
func (s *Syncer) progress(r Report) {
	if s.cfg.progress != nil {
		r.FilledIDs = slices.Clone(r.FilledIDs)
		s.cfg.progress(r)
	}
}
