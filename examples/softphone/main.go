// Command softphone is an agent's softphone page on the OMICall Web SDK,
// wired to a Go backend: OMICall's whole integration flow in one program.
//
//   - An agent signs in (a demo login by e-mail; the session is a signed,
//     HttpOnly cookie).
//   - The page loads the Web SDK and registers it with the agent's own SIP
//     credentials from GET /api/me/sip (LookupExtension by e-mail).
//   - The Call button places a click-to-call from the agent's extension.
//   - OMICall's call hooks reach /omicall/hook (with a secret) and stream to
//     that agent's page as Server-Sent Events: ringing, answered, hangup and
//     the call's record; a page that reconnects gets what it missed.
//   - The agent's recent calls come from the call history, in Vietnam time.
//
// With -simulate (or without OMICALL_API_KEY) everything runs offline: the
// in-process simulator plays OMICall, the server registers its own hook URL
// with it, and the page loads a local stand-in for the Web SDK script:
//
//	go run ./examples/softphone -simulate
//	# open http://127.0.0.1:8080 and sign in as an.nguyen@democo.example
//
// Against OMICall, serve it behind HTTPS (browsers open the microphone only
// on HTTPS or localhost) and register the public hook URL:
//
//	OMICALL_API_KEY=... go run ./examples/softphone -addr :8080 -hook-secret s3cret \
//	    -register 'https://crm.example/omicall/hook?secret=s3cret'
//
// OMICALL_BASE_URL overrides the API host.
package main

import (
	"context"
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
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to serve the page, the API and the hook on")
	simulate := flag.Bool("simulate", false, "run offline against the in-process simulator, with a stand-in Web SDK")
	invite := flag.Bool("invite", false, "invite an agent who signs in with an e-mail OMICall does not know")
	hotline := flag.String("hotline", "", "hotline that click-to-call goes out on (default: the tenant's first)")
	secret := flag.String("hook-secret", os.Getenv("OMICALL_WEBHOOK_SECRET"), "secret expected in ?secret= of the call hooks (live mode)")
	register := flag.String("register", "", "public https URL of /omicall/hook to register with OMICall (live mode)")
	flag.Parse()

	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg := config{Hotline: *hotline, Invite: *invite, HookSecret: *secret, Logger: log}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	apiKey := os.Getenv("OMICALL_API_KEY")
	var err error
	if *simulate || apiKey == "" {
		why := "-simulate"
		if apiKey == "" {
			why = "OMICALL_API_KEY is unset"
		}
		fmt.Printf("softphone: running against the in-process OMICall simulator (%s)\n", why)
		err = runSimulated(ctx, *addr, cfg)
	} else {
		err = runLive(ctx, apiKey, *addr, *register, cfg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "softphone:", err)
		os.Exit(1)
	}
}

// runSimulated serves the page on the simulator until ctx ends.
func runSimulated(ctx context.Context, addr string, cfg config) error {
	s, err := startSimulation(addr, cfg, nil)
	if err != nil {
		return err
	}
	defer s.close()
	fmt.Printf("softphone: open %s and sign in as one of %v\n", s.url, s.app.cfg.DemoAgents)
	<-ctx.Done()
	return nil
}

// runLive serves the page for OMICall until ctx ends.
func runLive(ctx context.Context, apiKey, addr, register string, cfg config) error {
	base := os.Getenv("OMICALL_BASE_URL")
	if base == "" {
		base = omicall.DefaultBaseURL
	}
	fmt.Printf("softphone: running against OMICall at %s (OMICALL_API_KEY is set)\n", base)
	if cfg.HookSecret == "" {
		return errors.New("set -hook-secret (or OMICALL_WEBHOOK_SECRET): OMICall signs nothing, so the hook URL carries a secret")
	}
	c, err := omicall.NewClient(apiKey, omicall.WithBaseURL(base), omicall.WithLogger(cfg.Logger))
	if err != nil {
		return err
	}
	if register != "" {
		if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: register}); err != nil {
			return fmt.Errorf("registering the webhook: %w", err)
		}
		fmt.Println("softphone: call webhook registered")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv, cancel := serve(ln, newApp(c, cfg).routes())
	fmt.Printf("softphone: listening on http://%s\n", ln.Addr())
	<-ctx.Done()
	shutdown(srv, cancel)
	return nil
}

// serve serves h on ln in the background. The cancel func ends the event
// streams (call it before Shutdown).
func serve(ln net.Listener, h http.Handler) (*http.Server, context.CancelFunc) {
	base, cancel := context.WithCancel(context.Background())
	srv := newHTTPServer(h, base)
	go func() { _ = srv.Serve(ln) }()
	return srv, cancel
}

// shutdown ends the event streams, then the server.
func shutdown(srv *http.Server, cancel context.CancelFunc) {
	cancel()
	ctx, stop := context.WithTimeout(context.Background(), 5*time.Second)
	defer stop()
	_ = srv.Shutdown(ctx)
}
