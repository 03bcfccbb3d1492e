package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// simulation is the softphone served on the in-process simulator.
type simulation struct {
	sim   *omicalltest.Server
	app   *app
	url   string // the page, e.g. http://127.0.0.1:8080
	close func()
}

// startSimulation starts the simulator and the softphone on addr (a
// loopback address, with the demo login: the default authenticator), with
// the stand-in Web SDK, and registers the softphone's hook URL (with a random
// secret) with the simulator. wrap, if not nil, wraps the whole handler
// (tests use it to watch or hold the hooks).
func startSimulation(addr string, cfg config, wrap func(http.Handler) http.Handler) (*simulation, error) {
	sim := omicalltest.NewServer()
	apiURL, stopSim := sim.Start()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(apiURL))
	if err != nil {
		stopSim()
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for a, err := range c.Agents.All(ctx, nil) {
		if err != nil {
			stopSim()
			return nil, fmt.Errorf("listing the simulator's agents: %w", err)
		}
		cfg.DemoAgents = append(cfg.DemoAgents, a.Email)
	}
	if cfg.Auth == nil {
		cfg.Auth = DemoLogin{}
	}
	cfg.HookSecret = randomHex(16)
	cfg.SDKURL = standInSDKURL
	a, err := newApp(c, cfg)
	if err != nil {
		stopSim()
		return nil, err
	}
	ln, err := listen(addr, cfg.Auth)
	if err != nil {
		a.closeCalls()
		stopSim()
		return nil, err
	}
	var h http.Handler = a.routes()
	if wrap != nil {
		h = wrap(h)
	}
	srv, cancelStreams := serve(ln, h)
	base := "http://" + ln.Addr().String()
	hookURL := base + "/omicall/hook?secret=" + cfg.HookSecret
	if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: hookURL}); err != nil {
		shutdown(srv, cancelStreams)
		stopSim()
		return nil, fmt.Errorf("registering the hook: %w", err)
	}
	callsCtx, stopCalls := context.WithCancel(context.Background())
	callsDone := make(chan struct{})
	go func() { defer close(callsDone); a.runCalls(callsCtx) }()
	return &simulation{sim: sim, app: a, url: base, close: func() {
		cancelStreams()
		stopSim() // delivers the hooks in flight while the softphone still answers
		shutdown(srv, cancelStreams)
		stopCalls()
		<-callsDone
		a.closeCalls()
	}}, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
