package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/spf13/cobra"
)

// defaultSimURL is where listen --sim and trigger look for omicall sim
// when no host is given.
const defaultSimURL = "http://127.0.0.1:8080"

func (a *app) listenCmd() *cobra.Command {
	var addr, forwardTo, secret string
	var sim bool
	cmd := &cobra.Command{
		Use:   "listen [--addr 127.0.0.1:8090] [--forward-to URL] [--secret S] [--sim]",
		Short: "Receive call hooks and print each event as a line (or JSON with --output json)",
		Long: `listen serves the SDK's webhook handler on --addr and prints each call event on
stdout: a line, or the event's JSON body with --output json. With --forward-to it
also posts the body to that URL (the hook fails if the forward does). With --sim
it registers itself as the call webhook of the API host (default ` + defaultSimURL + `,
a running "omicall sim"). Ctrl-C stops it.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if forwardTo != "" {
				if u, err := url.Parse(forwardTo); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					return usageErrorf("--forward-to %q: want an http(s) URL", forwardTo)
				}
			}
			return a.listen(cmd.Context(), addr, forwardTo, secret, sim)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8090", "address to listen on")
	f.StringVar(&forwardTo, "forward-to", "", "also POST each hook's body to this URL")
	f.StringVar(&secret, "secret", "", "accept only hooks carrying this secret (?secret= or X-Omicall-Secret)")
	f.BoolVar(&sim, "sim", false, "register this listener as the call webhook of the simulator (or --base-url)")
	return cmd
}

func (a *app) listen(ctx context.Context, addr, forwardTo, secret string, sim bool) error {
	l, err := listenAt("--addr", addr)
	if err != nil {
		return err
	}
	hookURL := "http://" + l.Addr().String() + "/"
	var mu sync.Mutex
	fwd := &http.Client{Timeout: a.timeout}
	handle := func(ctx context.Context, ev *omicall.CallEvent) error {
		mu.Lock()
		a.printEvent(ev)
		mu.Unlock()
		if forwardTo == "" {
			return nil
		}
		return forward(ctx, fwd, forwardTo, secret, ev.Raw)
	}
	var opts []omicall.WebhookOption
	if secret != "" {
		opts = append(opts, omicall.WithWebhookSecret(secret))
	}
	hs := &http.Server{Handler: omicall.NewWebhookHandler(handle, opts...), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 30 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(l) }()
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	fmt.Fprintf(a.stderr, "listen: receiving call hooks on %s\n", hookURL)

	if sim {
		if a.baseURL == "" && !a.staging && os.Getenv(envBaseURL) == "" {
			a.baseURL = defaultSimURL
		}
		if a.key() == "" {
			a.apiKey = omicalltest.DefaultAPIKey // omicall sim takes any non-empty key
		}
		c, err := a.client()
		if err != nil {
			return err
		}
		reg := hookURL
		if secret != "" {
			reg += "?secret=" + url.QueryEscape(secret)
		}
		rctx, cancel := a.ctxTimeout(ctx)
		_, err = c.Webhooks.Register(rctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: reg})
		cancel()
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(a.stderr, "listen: registered %s as the call webhook of %s\n", hookURL, a.host())
	}
	fmt.Fprintln(a.stderr, "listen: ready; Ctrl-C to stop")
	select {
	case <-ctx.Done():
		return nil
	case err := <-done:
		return fail(err)
	}
}

// printEvent writes one event: a line (time, state, direction, from -> to,
// the agent's extension and the customer's number as the 2026 hooks name
// them), or its JSON body (--output json).
func (a *app) printEvent(ev *omicall.CallEvent) {
	if a.output == "json" {
		var buf bytes.Buffer
		if json.Compact(&buf, ev.Raw) == nil {
			buf.WriteByte('\n')
			_, _ = a.stdout.Write(buf.Bytes())
			return
		}
	}
	at := ev.Time
	if at.IsZero() {
		at = time.Now()
	}
	line := fmt.Sprintf("%s  %-8s  %-9s  %s -> %s", at.In(a.loc).Format(timeLayout), ev.State, ev.Direction, ev.From, ev.To)
	if ev.Extension != "" {
		line += "  ext " + ev.Extension
	}
	if ev.PhoneNumber != "" {
		line += "  customer " + ev.PhoneNumber
	}
	if ev.Hotline != "" {
		line += "  hotline " + ev.Hotline
	}
	line += "  call " + ev.CallID
	if ev.CDR != nil {
		line += fmt.Sprintf("  billsec %d", ev.CDR.BillSec)
	}
	fmt.Fprintln(a.stdout, line)
}

// forward posts body to target, with the secret header if one is set.
func forward(ctx context.Context, hc *http.Client, target, secret string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(omicall.WebhookSecretHeader, secret)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("forward: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("forward: %s answered HTTP %d", target, resp.StatusCode)
	}
	return nil
}
