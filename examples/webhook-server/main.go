// Command webhook-server receives OMICall's call hooks and prints one line
// per event.
//
// Without OMICALL_API_KEY (or with -simulate) it runs the whole flow against
// the in-process simulator, with no account: it serves its handler on a
// loopback port, registers it, places a click-to-call and exits once the
// call's record (CDR) has arrived:
//
//	go run ./examples/webhook-server -simulate
//
// With OMICALL_API_KEY set it serves the handler on -addr (default :8080) at
// -path and, given -register (the public https URL that reaches -path,
// optionally with ?secret=...), registers it with OMICall first:
//
//	OMICALL_API_KEY=... go run ./examples/webhook-server -secret s3cret \
//	    -register 'https://crm.example/omicall/events?secret=s3cret'
//
// OMICALL_BASE_URL overrides the API host.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func main() {
	addr := flag.String("addr", ":8080", "address to serve the webhook handler on")
	path := flag.String("path", "/omicall/events", "URL path of the webhook handler")
	secret := flag.String("secret", os.Getenv("OMICALL_WEBHOOK_SECRET"), "shared secret expected in ?secret= or the X-Omicall-Secret header (empty: none)")
	register := flag.String("register", "", "public https URL to register with OMICall (live mode)")
	simulate := flag.Bool("simulate", false, "run against the in-process simulator and exit after one call")
	timeout := flag.Duration("timeout", 30*time.Second, "with -simulate: how long to wait for the call's record")
	flag.Parse()

	apiKey := os.Getenv("OMICALL_API_KEY")
	var err error
	switch {
	case *simulate || apiKey == "":
		why := "-simulate"
		if apiKey == "" {
			why = "OMICALL_API_KEY is unset"
		}
		fmt.Printf("webhook-server: running against the in-process OMICall simulator (%s)\n", why)
		err = runSimulated(omicalltest.NewServer(), *path, *timeout)
	default:
		base := os.Getenv("OMICALL_BASE_URL")
		if base == "" {
			base = omicall.DefaultBaseURL
		}
		fmt.Printf("webhook-server: running against OMICall at %s (OMICALL_API_KEY is set)\n", base)
		err = runLive(apiKey, base, *addr, *path, *secret, *register)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "webhook-server:", err)
		os.Exit(1)
	}
}

// newHandler returns the call-hook handler: it prints each event, then calls
// then (if not nil).
func newHandler(secret string, then func(*omicall.CallEvent)) http.Handler {
	opts := []omicall.WebhookOption{
		omicall.WithDedup(10 * time.Minute),
		omicall.WithWebhookLogger(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))),
	}
	if secret != "" {
		opts = append(opts, omicall.WithWebhookSecret(secret))
	}
	records := newCallRecords() // records.go: the newest CDR per transaction_id
	return omicall.NewWebhookHandler(func(_ context.Context, ev *omicall.CallEvent) error {
		fmt.Println(describe(ev))
		if ev.CDR != nil {
			if kept, first := records.upsert(ev.CDR); kept && !first {
				fmt.Printf("         call=%s record updated (a later copy with new data)\n", ev.CallID)
			}
		}
		if then != nil {
			then(ev)
		}
		return nil
	}, opts...)
}

// describe is the one line printed per event.
func describe(ev *omicall.CallEvent) string {
	at := "-"
	if !ev.Time.IsZero() {
		at = ev.Time.Format(time.RFC3339)
	}
	line := fmt.Sprintf("%-8s call=%s %s from=%s to=%s hotline=%s at=%s",
		ev.State, ev.CallID, ev.Direction, ev.From, ev.To, ev.Hotline, at)
	if cdr := ev.CDR; cdr != nil {
		line += fmt.Sprintf(" duration=%ds billsec=%ds price=%.3f attempt=%d recording=%t",
			cdr.Duration, cdr.BillSec, float64(cdr.CallOutPrice), cdr.SendNumRetry, cdr.RecordingFileURL != "")
	}
	return line
}

// newServer wraps h in an http.Server with timeouts, so that slow clients
// cannot hold connections.
func newServer(path string, h http.Handler) *http.Server {
	mux := http.NewServeMux()
	mux.Handle(path, h)
	return &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
}

// runLive serves the handler for OMICall until interrupted.
func runLive(apiKey, base, addr, path, secret, register string) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if register != "" {
		c, err := omicall.NewClient(apiKey, omicall.WithBaseURL(base))
		if err != nil {
			return err
		}
		hooks, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: register})
		if err != nil {
			return fmt.Errorf("registering the webhook: %w", err)
		}
		fmt.Printf("webhook-server: %d webhook(s) registered\n", len(hooks))
	}
	srv := newServer(path, newHandler(secret, nil))
	srv.Addr = addr
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	fmt.Printf("webhook-server: listening on %s%s\n", addr, path)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shut)
	}
}

// runSimulated plays one click-to-call on sim and returns once its CDR has
// been received and answered.
func runSimulated(sim *omicalltest.Server, path string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	apiURL, stopSim := sim.Start()
	defer stopSim()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(apiURL))
	if err != nil {
		return err
	}

	secret := randomSecret()
	cdrs := make(chan string, 16)
	srv := newServer(path, newHandler(secret, func(ev *omicall.CallEvent) {
		if ev.State == omicall.StateCDR {
			cdrs <- ev.CallID
		}
	}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = srv.Serve(ln) }()
	defer func() {
		// Shutdown, not Close: the handler may still be answering the CDR,
		// and a cut connection would make OMICall deliver it again.
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shut)
	}()

	hookURL := "http://" + ln.Addr().String() + path + "?secret=" + secret
	hooks, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: hookURL})
	if err != nil {
		return fmt.Errorf("registering the webhook: %w", err)
	}
	fmt.Printf("webhook-server: handler on http://%s%s registered (%d webhook(s))\n", ln.Addr(), path, len(hooks))

	fmt.Println("webhook-server: placing a click-to-call to 0901234567")
	ext, hotline := sim.DemoCaller() // an agent's extension and a hotline of the simulated tenant
	id, err := c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0901234567"})
	if err != nil {
		return fmt.Errorf("click-to-call: %w", err)
	}
	for {
		select {
		case got := <-cdrs:
			if got == id {
				fmt.Printf("webhook-server: record of call %s received, done\n", id)
				return nil
			}
		case <-ctx.Done():
			return errors.New("no call record within the timeout")
		}
	}
}

func randomSecret() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
