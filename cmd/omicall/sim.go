package main

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/spf13/cobra"
)

type simOptions struct {
	addr     string
	calls    int
	days     int
	seed     uint64
	latency  time.Duration
	failRate float64
	apiKey   string
	webhooks []string
}

func (a *app) simCmd() *cobra.Command {
	var o simOptions
	cmd := &cobra.Command{
		Use:   "sim [--addr 127.0.0.1:8080] [--calls N] [--seed S] [--latency D] [--fail-rate F] [--api-key K] [--webhook URL]",
		Short: "Run the OMICall simulator as an HTTP server for apps in any language",
		Long: `sim serves the OMICall simulator (package omicalltest) on --addr until Ctrl-C or
SIGTERM: the documented REST API with tokens that expire, agents, extensions, a
call history of --calls seeded calls over the last --days days, webhooks, and
click-to-call, which posts ringing, answered, hangup and cdr call hooks to the
registered call webhooks (and to --webhook). It accepts any non-empty API key
unless --api-key is given. It prints its base URL and a key to use.

It bounds what clients can make it spend: a request body of at most 1 MiB
(10 MiB for a multipart upload; more is answered 413), 64 requests served at
once (2 with a body over 64 KiB; a request that waits 5s for its turn is
answered 503 with Retry-After), 5s to send the headers and 30s the whole
request.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.sim(cmd.Context(), &o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on (port 0: any free port)")
	f.IntVar(&o.calls, "calls", 1000, "calls to seed in the history")
	f.IntVar(&o.days, "days", 90, "the seeded calls spread over this many days up to now")
	f.Uint64Var(&o.seed, "seed", 1, "seed of every random choice (same seed, same data)")
	f.DurationVar(&o.latency, "latency", 0, "delay every answer by this much, e.g. 10ms")
	f.Float64Var(&o.failRate, "fail-rate", 0, "share of requests (0..1) answered HTTP 503")
	f.StringSliceVar(&o.webhooks, "webhook", nil, "call webhook URL to register at start (repeatable)")
	// --api-key is the global flag: for sim it is the one key accepted;
	// -v logs every request (method, path, status, time).
	return cmd
}

func (a *app) sim(ctx context.Context, o *simOptions) error {
	if o.calls < 0 || o.days <= 0 {
		return usageErrorf("--calls must not be negative and --days must be positive")
	}
	if o.failRate < 0 || o.failRate > 1 {
		return usageErrorf("--fail-rate %v: want a share from 0 to 1", o.failRate)
	}
	if o.latency < 0 {
		return usageErrorf("--latency must not be negative")
	}
	opts := []omicalltest.Option{omicalltest.WithSeed(o.seed),
		omicalltest.WithHistory(o.calls, time.Duration(o.days)*24*time.Hour, time.Time{})}
	key := a.apiKey // only the flag: $OMICALL_API_KEY is the client's key, not the simulator's
	if key != "" {
		opts = append(opts, omicalltest.WithAPIKey(key))
	} else {
		opts = append(opts, omicalltest.WithAnyAPIKey())
	}
	srv := omicalltest.NewServer(opts...)
	var wrap []func(http.Handler) http.Handler
	if a.verbose {
		wrap = append(wrap, a.requestLog)
	}
	l, err := listenAt("--addr", o.addr)
	if err != nil {
		return err
	}
	url := "http://" + l.Addr().String()
	lim := defaultSimLimits()
	lim.write += o.latency
	hs := serveSim(l, srv.Handler(), lim, wrap...)
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = shutdownSim(sctx, hs, srv.WaitCalls)
		fmt.Fprintln(a.stderr, "sim: stopped")
	}()

	useKey := key
	if useKey == "" {
		useKey = omicalltest.DefaultAPIKey
	}
	if len(o.webhooks) > 0 {
		c, err := omicall.NewClient(useKey, omicall.WithBaseURL(url))
		if err != nil {
			return fail(err)
		}
		for _, h := range o.webhooks {
			if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: h}); err != nil {
				return fail(fmt.Errorf("--webhook %s: %w", redactURL(h), err))
			}
		}
	}
	srv.SetLatency(o.latency)
	if o.failRate > 0 {
		srv.SetErrorRate(o.failRate, 503)
	}
	ext, hotline := srv.DemoCaller()
	w := a.stdout
	fmt.Fprintf(w, "OMICall simulator listening on %s\n", url)
	if key == "" {
		fmt.Fprintf(w, "  API key:     any non-empty key, e.g. %s\n", useKey)
	} else {
		fmt.Fprintf(w, "  API key:     the one given with --api-key\n")
	}
	fmt.Fprintf(w, "  history:     %d calls over the last %d days (seed %d)\n", o.calls, o.days, o.seed)
	fmt.Fprintf(w, "  caller:      extension %s, hotline %s (for click-to-call)\n", ext, hotline)
	if o.latency > 0 || o.failRate > 0 {
		fmt.Fprintf(w, "  faults:      latency %s, fail rate %.2f\n", o.latency, o.failRate)
	}
	for _, h := range o.webhooks {
		fmt.Fprintf(w, "  webhook:     %s\n", redactURL(h))
	}
	fmt.Fprintf(w, "  try:         export OMICALL_BASE_URL=%s OMICALL_API_KEY=%s; omicall tenant\n", url, useKey)
	fmt.Fprintln(w, "Ctrl-C to stop.")
	<-ctx.Done()
	return nil
}

// requestLog writes one line per request to stderr (sim -v): method, path
// (never the query, which carries the API key on /api/auth), status and
// time taken.
func (a *app) requestLog(next http.Handler) http.Handler {
	var mu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(a.stderr, "sim: %s %s %d %s\n", r.Method, r.URL.Path, rec.status, time.Since(start).Round(time.Microsecond))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
