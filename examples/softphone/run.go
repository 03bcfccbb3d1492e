package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"

	"github.com/omicall-go/omicall"
)

// run serves the softphone until ctx ends: on the simulator with -simulate
// or without OMICALL_API_KEY, else for OMICall.
func run(ctx context.Context, o options, out io.Writer) error {
	if o.logger == nil {
		o.logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	cfg := config{Hotline: o.hotline, Invite: o.invite, Logger: o.logger, CallsDB: o.db}
	if o.simulate || o.apiKey == "" {
		why := "-simulate"
		if !o.simulate {
			why = envAPIKey + " is unset"
		}
		fmt.Fprintf(out, "softphone: running against the in-process OMICall simulator (%s)\n", why)
		s, err := startSimulation(o.addr, cfg, nil)
		if err != nil {
			return err
		}
		defer s.close()
		fmt.Fprintf(out, "softphone: open %s and sign in as one of %v\n", s.url, s.app.cfg.DemoAgents)
		<-ctx.Done()
		return nil
	}
	return runLive(ctx, o, cfg, out)
}

// runLive serves the page for OMICall until ctx ends. It checks the whole
// configuration, the authenticator first, before it calls OMICall or
// listens.
func runLive(ctx context.Context, o options, cfg config, out io.Writer) error {
	auth, err := liveAuthenticator(o)
	if err != nil {
		return err
	}
	if o.hookSecret == "" {
		return fmt.Errorf("set %s: OMICall signs nothing, so the hook URL carries a secret", envHookSecret)
	}
	switch o.sdkIntegrity {
	case "":
		return errors.New("set -sdk-integrity to the Web SDK script's hash (openssl dgst -sha384 -binary sdk.min.js | openssl base64 -A), or to none to load it unchecked")
	case "none":
		o.sdkIntegrity = ""
	}
	cfg.Auth, cfg.HookSecret, cfg.Origin = auth, o.hookSecret, o.origin
	cfg.SDKURL, cfg.SDKIntegrity, cfg.CSPConnect = o.sdkURL, o.sdkIntegrity, o.cspConnect
	base := o.baseURL
	if base == "" {
		base = omicall.DefaultBaseURL
	}
	c, err := omicall.NewClient(o.apiKey, omicall.WithBaseURL(base), omicall.WithLogger(cfg.Logger))
	if err != nil {
		return err
	}
	a, err := newApp(c, cfg)
	if err != nil {
		return err
	}
	defer a.closeCalls()
	go a.runCalls(ctx) // with -db: fills what the hooks missed, every 10 minutes
	ln, err := listen(o.addr, cfg.Auth)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "softphone: running against OMICall at %s\n", base)
	if o.register != "" {
		hookURL := o.register + "?secret=" + url.QueryEscape(o.hookSecret)
		if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: hookURL}); err != nil {
			ln.Close()
			return fmt.Errorf("registering the webhook: %w", err)
		}
		fmt.Fprintln(out, "softphone: call webhook registered")
	}
	srv, cancel := serve(ln, a.routes())
	fmt.Fprintf(out, "softphone: listening on http://%s\n", ln.Addr())
	<-ctx.Done()
	shutdown(srv, cancel)
	return nil
}

// liveAuthenticator is the authenticator of live mode: the proxy's, with
// SOFTPHONE_PROXY_SECRET, or the demo login, with -insecure-demo-login.
// There is no default: without either the server does not start.
func liveAuthenticator(o options) (Authenticator, error) {
	switch {
	case o.proxySecret != "" && o.demoLogin:
		return nil, fmt.Errorf("choose one: %s (a reverse proxy signs the users in) or -insecure-demo-login", envProxySecret)
	case o.proxySecret != "":
		return NewProxyHeaderAuth(o.authHeader, proxySecretHeader, o.proxySecret)
	case o.demoLogin && o.invite:
		return nil, errors.New("-invite with -insecure-demo-login would let anyone on this machine create OMICall agents")
	case o.demoLogin:
		return DemoLogin{}, nil
	}
	return nil, fmt.Errorf("no authenticator: the page hands each agent their SIP password, so it must know who signs in. "+
		"Put it behind a reverse proxy that signs your users in and set %s (see the README), "+
		"or try it on this machine with -insecure-demo-login", envProxySecret)
}

// listen listens on addr; with the demo login, only on a loopback address.
func listen(addr string, auth Authenticator) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	if _, demo := auth.(DemoLogin); demo {
		if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
			ln.Close()
			return nil, fmt.Errorf("the demo login signs in anyone who knows an agent's e-mail, so it serves on loopback only: use -addr 127.0.0.1:%d", ln.Addr().(*net.TCPAddr).Port)
		}
	}
	return ln, nil
}
