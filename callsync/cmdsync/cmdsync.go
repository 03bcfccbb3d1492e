// Package cmdsync is what the omicall CLI runs for `omicall sync` and
// `omicall sync status`, as plain functions, so that the command stays a
// few lines of flag wiring and this module needs no CLI framework:
//
//	omicall sync --db DSN [--from T --to T] [--listen ADDR --secret S] [--reconcile-every D]
//	omicall sync status --db DSN
//
// wired as
//
//	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
//	defer stop()
//	return cmdsync.Sync(ctx, client, cmdsync.Options{DB: db, From: from, To: to, Listen: addr,
//		Secret: secret, ReconcileEvery: every, Out: cmd.ErrOrStderr()})
//
// and cmdsync.Status(ctx, db, cmd.OutOrStdout()).
package cmdsync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/callsync"
)

// HookPath is the path the webhook is served at on Options.Listen.
const HookPath = "/omicall/hook"

// Options are the flags of `omicall sync`.
type Options struct {
	DB string // --db: sqlite:PATH or postgres://… (required)
	// From and To (--from, --to) are the range to backfill, both
	// inclusive; a zero To is now. A zero From backfills nothing.
	From, To time.Time
	// Listen (--listen ADDR) serves the webhook at HookPath on ADDR and
	// keeps reconciling until the context ends; Secret (--secret) is then
	// required: the webhook URL to register is
	// https://<your host>/omicall/hook?secret=<S>.
	Listen, Secret string
	// ReconcileEvery (--reconcile-every) is the period of the reconcile
	// with Listen (0: callsync.DefaultReconcileEvery).
	ReconcileEvery time.Duration
	// Out receives the progress bar and one line per event (listening,
	// backfill done, reconcile); nil discards them.
	Out io.Writer
}

// check refuses options that would do nothing or listen unprotected.
func (o *Options) check() error {
	switch {
	case o.DB == "":
		return errors.New("sync: --db is required")
	case o.From.IsZero() && o.Listen == "":
		return errors.New("sync: nothing to do: give --from to backfill, or --listen to receive hooks, or both")
	case o.Listen != "" && o.Secret == "":
		return errors.New("sync: --listen needs --secret: OMICall signs nothing, the secret in the URL keeps strangers out")
	case !o.From.IsZero() && !o.To.IsZero() && !o.From.Before(o.To):
		return errors.New("sync: --from must be before --to")
	}
	return nil
}

// Sync runs `omicall sync`: with Listen it first binds ADDR (so a busy
// port fails before a long backfill) and serves the webhook; with From it
// backfills From..To (resuming a backfill killed before) with a progress
// bar on Out; with Listen it then reconciles every ReconcileEvery until
// ctx ends, shuts the server down gracefully and returns nil (SIGINT and
// SIGTERM end with status 0). Errors never contain the DSN's password.
func Sync(ctx context.Context, client *omicall.Client, o Options) error {
	if err := o.check(); err != nil {
		return err
	}
	out := o.Out
	if out == nil {
		out = io.Discard
	}
	store, err := callsync.Open(ctx, o.DB)
	if err != nil {
		return err
	}
	defer store.Close()
	syncer, err := callsync.New(client, store, callsync.WithProgress(ProgressPrinter(out)),
		callsync.WithReconcile(0, o.ReconcileEvery), callsync.WithLogger(slog.New(slog.NewTextHandler(out, nil))))
	if err != nil {
		return err
	}
	var serve func(context.Context) error
	if o.Listen != "" {
		if serve, err = listen(syncer, o, out); err != nil {
			return err
		}
	}
	if !o.From.IsZero() {
		to := o.To
		if to.IsZero() {
			to = time.Now()
		}
		if _, err := syncer.Backfill(ctx, o.From, to); err != nil && ctx.Err() == nil {
			return err
		}
	}
	if serve == nil || ctx.Err() != nil {
		return nil
	}
	return serve(ctx)
}

// listen binds o.Listen and starts serving the webhook; the function it
// returns reconciles until ctx ends, then shuts the server down.
func listen(syncer *callsync.Syncer, o Options, out io.Writer) (func(context.Context) error, error) {
	l, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return nil, fmt.Errorf("sync: listen: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle(HookPath, syncer.Handler(omicall.WithWebhookSecret(o.Secret)))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	fmt.Fprintf(out, "listening on http://%s%s\n", l.Addr(), HookPath)
	return func(ctx context.Context) error {
		var wg sync.WaitGroup
		wg.Go(func() { _ = syncer.Run(ctx) })
		var err error
		select {
		case <-ctx.Done():
		case err = <-served:
		}
		shut, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
		wg.Wait()
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		return err
	}, nil
}

// Status runs `omicall sync status`: it writes the state of the store
// named by dsn (row counts, the backfill cursor, the last reconcile and
// what it filled) to w.
func Status(ctx context.Context, dsn string, w io.Writer) error {
	store, err := callsync.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Status(ctx)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, st.String())
	return err
}

// ProgressPrinter returns a progress callback (callsync.WithProgress) that
// draws one line on w, redrawn in place, ended when the job is done:
//
//	backfill [##########..........] 32/64 windows  10400 read  2480/s
func ProgressPrinter(w io.Writer) func(callsync.Report) {
	return func(r callsync.Report) {
		const width = 20
		done := 0
		if r.Windows > 0 {
			done = r.WindowsDone * width / r.Windows
		}
		bar := strings.Repeat("#", done) + strings.Repeat(".", width-done)
		fmt.Fprintf(w, "\r%s [%s] %d/%d windows  %d read  %.0f/s", r.Job, bar, r.WindowsDone, r.Windows, r.Seen, r.Rate())
		if r.RateLimited > 0 {
			fmt.Fprintf(w, "  %d rate-limited", r.RateLimited)
		}
		if r.Done {
			fmt.Fprintf(w, "\n%s\n", r)
		}
	}
}
