package main

import (
	"cmp"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/omicall-go/omicall/callsync/cmdsync"
)

// envWebhookSecret holds the webhook secret of sync --listen (a flag is
// seen by every user of the machine in the process list).
const envWebhookSecret = "OMICALL_WEBHOOK_SECRET"

// syncCmd is `omicall sync` and `omicall sync status`: every call in a
// database (callsync), from the call history and the webhook together.
func (a *app) syncCmd() *cobra.Command {
	var db, from, to, listen, secret string
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "sync --db DSN [--from DAY [--to DAY]] [--listen ADDR] [--reconcile-every D]",
		Short: "Keep every call in a database: backfill the history, then receive hooks and reconcile",
		Long: `Keep a table of every call (omicall_calls) complete and current in --db
(sqlite:PATH, or postgres://... for several replicas).

With --from it backfills --from..--to (default: today) from the v3 search, with a
progress bar on stderr, resuming a backfill that was killed. With --listen it serves
the webhook at /omicall/hook on ADDR (register https://<your host>/omicall/hook?secret=...
with OMICall), and re-reads the last 2 hours every --reconcile-every to fill calls
whose hooks never came, until SIGINT or SIGTERM, which exit 0. The webhook secret
comes from $` + envWebhookSecret + ` (or --secret).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			o := cmdsync.Options{DB: db, Listen: listen, Secret: cmp.Or(secret, os.Getenv(envWebhookSecret)),
				ReconcileEvery: every, Out: a.stderr}
			if db == "" {
				return usageErrorf("--db is required (sqlite:PATH or postgres://...)")
			}
			if from != "" {
				f, t, err := a.parseRange(from, cmp.Or(to, time.Now().In(a.loc).Format(time.DateOnly)))
				if err != nil {
					return err
				}
				o.From, o.To = f, t
			} else if to != "" {
				return usageErrorf("--to needs --from")
			}
			if every < 0 {
				return usageErrorf("--reconcile-every must not be negative")
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			return fail(cmdsync.Sync(cmd.Context(), c, o))
		},
	}
	cmd.PersistentFlags().StringVar(&db, "db", "", "the database: sqlite:PATH or postgres://user:pass@host/db")
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "first day to backfill (YYYY-MM-DD, in --tz)")
	f.StringVar(&to, "to", "", "last day to backfill (default today)")
	f.StringVar(&listen, "listen", "", "serve the webhook at /omicall/hook on this address, e.g. :8090")
	f.StringVar(&secret, "secret", "", "the webhook secret (default $"+envWebhookSecret+"; prefer the variable)")
	f.DurationVar(&every, "reconcile-every", 10*time.Minute, "with --listen, re-read the last 2 hours this often")
	cmd.AddCommand(&cobra.Command{
		Use:   "status --db DSN",
		Short: "Print row counts, the backfill cursor and the last reconcile of --db",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if db == "" {
				return usageErrorf("--db is required")
			}
			return fail(cmdsync.Status(cmd.Context(), db, a.stdout))
		},
	})
	return cmd
}
