package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress reports an export on stderr: a bar on a terminal, plain lines
// otherwise. from..to is the whole range, windows its 30-day windows.
type progress struct {
	w         io.Writer
	from, to  time.Time
	windows   int
	start     time.Time
	bar       *progressbar.ProgressBar // nil: plain lines
	every     time.Duration            // plain lines: at most one per this, plus one per window
	lastLine  time.Time
	lastWin   int
	lastDescr time.Time
}

// window is the length of one call-history request's range.
const window = 30 * 24 * time.Hour

func windowsOf(from, to time.Time) int { return int((to.Sub(from) + window - 1) / window) }

// windowOf returns the 1-based window of at.
func windowOf(from, at time.Time) int { return int(at.Sub(from)/window) + 1 }

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func newProgress(w io.Writer, from, to time.Time, every time.Duration) *progress {
	p := &progress{w: w, from: from, to: to, windows: windowsOf(from, to), start: time.Now(), every: every}
	if isTerminal(w) {
		p.bar = progressbar.NewOptions64(max(int64(to.Sub(from)/time.Second), 1),
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription("starting"),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)
	}
	return p
}

func (p *progress) rate(n int) float64 {
	s := time.Since(p.start).Seconds()
	if s <= 0 {
		return 0
	}
	return float64(n) / s
}

// update is called after each record written; at is its created time.
func (p *progress) update(n int, at time.Time) {
	win := min(max(windowOf(p.from, at), 1), p.windows)
	if p.bar != nil {
		if now := time.Now(); now.Sub(p.lastDescr) > 100*time.Millisecond {
			p.lastDescr = now
			p.bar.Describe(fmt.Sprintf("%d records · %.0f records/s · window %d/%d", n, p.rate(n), win, p.windows))
		}
		_ = p.bar.Set64(int64(at.Sub(p.from) / time.Second)) // drawn at most every 100 ms
		return
	}
	now := time.Now()
	if p.lastWin == 0 {
		p.lastWin, p.lastLine = win, now
	}
	switch {
	case win != p.lastWin: // the previous window is done
		p.line(n-1, fmt.Sprintf("window %d/%d done", p.lastWin, p.windows), at)
	case now.Sub(p.lastLine) >= p.every:
		p.line(n, fmt.Sprintf("window %d/%d", win, p.windows), at)
	default:
		return
	}
	p.lastWin, p.lastLine = win, now
}

// line prints one plain progress line.
func (p *progress) line(n int, what string, at time.Time) {
	eta := "?"
	if done := at.Sub(p.from); done > 0 {
		left := time.Duration(float64(time.Since(p.start)) * float64(p.to.Sub(at)) / float64(done))
		eta = left.Round(time.Second).String()
	}
	fmt.Fprintf(p.w, "export: %s, %d records, %.0f records/s, eta %s\n", what, n, p.rate(n), eta)
}

// finish ends the bar and prints the summary line.
func (p *progress) finish(n int, dest string, err error) {
	if p.bar != nil {
		_ = p.bar.Finish()
		fmt.Fprintln(p.w)
	}
	el := time.Since(p.start)
	what := "exported"
	if err != nil {
		what = "stopped after"
	}
	fmt.Fprintf(p.w, "export: %s %d records to %s in %s (%.0f records/s)\n", what, n, dest, el.Round(time.Millisecond), p.rate(n))
}
