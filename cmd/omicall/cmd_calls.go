package main

import (
	"strconv"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

// callFilters are the filters calls list and calls export share.
type callFilters struct {
	from, to    string
	direction   []string
	disposition string
	extension   string
	keyword     string
	hotlines    []string
}

func (f *callFilters) add(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.from, "from", "", "first day, YYYY-MM-DD in --tz (or an RFC 3339 time)")
	fl.StringVar(&f.to, "to", "", "last day, included, YYYY-MM-DD in --tz (or an RFC 3339 time)")
	fl.StringSliceVar(&f.direction, "direction", nil, "only these directions: inbound, outbound, local")
	fl.StringVar(&f.disposition, "disposition", "", "only answered or cancelled calls")
	fl.StringVar(&f.extension, "extension", "", "only the calls of this agent extension")
	fl.StringVar(&f.keyword, "keyword", "", "free-text search")
	fl.StringSliceVar(&f.hotlines, "hotline", nil, "only calls on these hotlines")
	_ = cmd.RegisterFlagCompletionFunc("direction", fixedCompletion("inbound", "outbound", "local"))
	_ = cmd.RegisterFlagCompletionFunc("disposition", fixedCompletion("answered", "cancelled"))
}

// options turns the filters into the SDK's list options.
func (f *callFilters) options(a *app) (*omicall.TransactionListOptions, error) {
	from, to, err := a.parseRange(f.from, f.to)
	if err != nil {
		return nil, err
	}
	o := &omicall.TransactionListOptions{From: from, To: to, SIPUser: f.extension, Keyword: f.keyword, SIPNumbers: f.hotlines}
	for _, d := range f.direction {
		switch omicall.Direction(d) {
		case omicall.DirectionInbound, omicall.DirectionOutbound, omicall.DirectionLocal:
			o.Directions = append(o.Directions, omicall.Direction(d))
		default:
			return nil, usageErrorf("--direction %q: want inbound, outbound or local", d)
		}
	}
	switch omicall.Disposition(f.disposition) {
	case "", omicall.DispositionAnswered, omicall.DispositionCancelled:
		o.Disposition = omicall.Disposition(f.disposition)
	default:
		return nil, usageErrorf("--disposition %q: want answered or cancelled", f.disposition)
	}
	return o, nil
}

func (a *app) callsCmd() *cobra.Command {
	calls := &cobra.Command{Use: "calls", Short: "List, show and export the call history"}
	calls.AddCommand(a.callsListCmd(), a.callsGetCmd(), a.exportCmd())
	return calls
}

var callColumns = []string{"time", "id", "direction", "disposition", "from", "to", "extension", "duration", "billsec"}

func (a *app) callRow(tx *omicall.Transaction) []string {
	disposition := tx.Disposition // a v3 record may carry none: Answered tells
	if disposition == "" && tx.Answered() {
		disposition = omicall.DispositionAnswered
	} else if disposition == "" {
		disposition = omicall.DispositionCancelled
	}
	return []string{a.fmtOTime(tx.CreatedDate), tx.TransactionID, string(tx.Direction), string(disposition),
		tx.SourceNumber, tx.DestinationNumber, tx.AgentExtension(), strconv.Itoa(tx.Duration), strconv.Itoa(tx.BillSec)}
}

func (a *app) callsListCmd() *cobra.Command {
	var f callFilters
	var limit int
	cmd := &cobra.Command{
		Use:   "list [--from DAY --to DAY] [filters]",
		Short: "List calls of a date range (default: the last 7 days), oldest first, in Vietnam time (--tz to change)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if limit <= 0 {
				return usageErrorf("--limit must be positive")
			}
			if f.from == "" && f.to == "" {
				now := time.Now().In(a.loc)
				f.from, f.to = now.AddDate(0, 0, -6).Format(time.DateOnly), now.Format(time.DateOnly)
				a.tell("calls list: no --from/--to: showing the last 7 days, %s to %s, oldest first", f.from, f.to)
			}
			o, err := f.options(a)
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			o.Size = min(limit+1, omicall.MaxSearchSize) // one more tells whether more exist
			t := table{header: callColumns}
			txs := []omicall.Transaction{}
			for tx, err := range walkHistory(cmd.Context(), c, o) {
				if err != nil {
					return fail(err)
				}
				if len(txs) == limit {
					a.tell("calls list: showed the first %d calls; more exist: raise --limit, narrow --from/--to, or use calls export", limit)
					break
				}
				txs = append(txs, tx)
				t.rows = append(t.rows, a.callRow(&tx))
			}
			t.json = txs
			return a.print(t)
		},
	}
	f.add(cmd)
	cmd.Flags().IntVar(&limit, "limit", 50, "print at most this many calls")
	return cmd
}

func (a *app) callsGetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "get ID",
		Short: "Show one call",
		Args:  exactArgs(1, "calls get needs a call (transaction) id"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			tx, err := c.Transactions.Get(ctx, args[0])
			if err != nil {
				return fail(err)
			}
			return a.printFields([][2]string{
				{"id", tx.TransactionID}, {"created", a.fmtOTime(tx.CreatedDate)}, {"direction", string(tx.Direction)},
				{"disposition", string(tx.Disposition)}, {"from", tx.SourceNumber}, {"to", tx.DestinationNumber},
				{"extension", tx.SIPUser}, {"hotline", firstNonEmpty(tx.Hotline, tx.SIPNumber)},
				{"duration", strconv.Itoa(tx.Duration)}, {"billsec", strconv.Itoa(tx.BillSec)},
				{"ended", a.fmtOTime(tx.TimeEndCall)}, {"hangup cause", tx.HangupCause}, {"provider", tx.Provider},
				{"recording", firstNonEmpty(tx.RecordingFile, tx.RecordingFileURL)}, {"note", tx.Note},
				{"tags", strings.Join(tx.Tags, ";")},
			}, tx)
		},
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
