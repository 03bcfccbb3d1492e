package main

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/callsync"
)

//go:embed web
var webFiles embed.FS

// The Web SDK's script (docs/api.md §15) and the path of the local stand-in
// served with -simulate.
const (
	omiSDKURL     = "https://cdn.omicrm.com/sdk/2.0.0/sdk.min.js"
	standInSDKURL = "/static/sdk-standin.js"
)

// config is what the server needs besides the OMICall client.
type config struct {
	Auth         Authenticator // who signs in; required (DemoLogin only on loopback)
	HookSecret   string        // required in ?secret= of the call hooks
	Hotline      string        // the hotline click-to-call goes out on ("" = the tenant's first)
	Invite       bool          // invite an agent that signs in with an unknown e-mail
	SDKURL       string        // the Web SDK script the page loads
	SDKIntegrity string        // its Subresource Integrity hash, e.g. "sha384-..." ("" = none)
	CSPConnect   []string      // sources the page may connect to besides itself (the SDK's SIP WebSocket)
	Origin       string        // the page's public origin, e.g. https://crm.example ("" = the request's Host)
	DemoAgents   []string      // e-mails shown on the sign-in form (simulator only)
	DirectoryTTL time.Duration // how long the agent directory is trusted (default directoryTTL)
	MaxStreams   int           // open event streams in all (default defaultStreams)
	// CallsDB, when set, keeps every call in this database (a callsync
	// DSN: sqlite:PATH or postgres://...): each call hook is stored there
	// before it is answered, and the recent calls are read from it instead
	// of the call history.
	CallsDB string
	Logger  *slog.Logger
}

// app is the softphone backend.
type app struct {
	c        *omicall.Client
	cfg      config
	sessions *sessions
	signIns  *limiter
	dir      *directory
	streams  *streamGate
	events   *broker
	log      *slog.Logger
	page     *template.Template
	csp      string
	hook     http.Handler

	recent recentCache
	calls  *callsync.Syncer // nil without config.CallsDB

	hotlineMu sync.Mutex
	hotlineV  string // the tenant's first hotline, once looked up
}

// Sign-in attempts per client address: a burst of 10, then one every 6 s.
const (
	signInBurst    = 10
	signInInterval = 6 * time.Second
)

// newApp returns the backend. It refuses a config without an
// authenticator.
func newApp(c *omicall.Client, cfg config) (*app, error) {
	if cfg.Auth == nil {
		return nil, errors.New("no authenticator: the softphone hands out SIP passwords, so it must know who signs in")
	}
	if cfg.SDKURL == "" {
		cfg.SDKURL = omiSDKURL
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.DirectoryTTL <= 0 {
		cfg.DirectoryTTL = directoryTTL
	}
	if cfg.MaxStreams <= 0 {
		cfg.MaxStreams = defaultStreams
	}
	if cfg.SDKIntegrity != "" {
		if err := checkIntegrity(cfg.SDKIntegrity); err != nil {
			return nil, err
		}
	}
	csp, err := contentSecurityPolicy(cfg.SDKURL, cfg.CSPConnect)
	if err != nil {
		return nil, err
	}
	a := &app{
		c: c, cfg: cfg, log: cfg.Logger, csp: csp,
		sessions: newSessions(12 * time.Hour),
		signIns:  newLimiter(signInBurst, signInInterval),
		dir:      newDirectory(c, cfg.DirectoryTTL),
		streams:  newStreamGate(defaultStreamsPerSession, cfg.MaxStreams),
		events:   newBroker(64, 32),
		page:     template.Must(template.ParseFS(webFiles, "web/index.html")),
	}
	if cfg.CallsDB != "" {
		store, err := callsync.Open(context.Background(), cfg.CallsDB)
		if err != nil {
			return nil, err
		}
		if a.calls, err = callsync.New(c, store, callsync.WithLogger(cfg.Logger)); err != nil {
			_ = store.Close()
			return nil, err
		}
	}
	a.hook = a.newHookHandler()
	return a, nil
}

// runCalls reconciles the call database (CallsDB) until ctx ends, filling
// what the hooks missed; it returns at once without one.
func (a *app) runCalls(ctx context.Context) {
	if a.calls != nil {
		_ = a.calls.Run(ctx)
	}
}

// closeCalls closes the call database, if any.
func (a *app) closeCalls() {
	if a.calls != nil {
		_ = a.calls.Store().Close()
	}
}

// routes returns the HTTP API, the page and the webhook. The API refuses
// cross-site requests; the routes that change state take JSON only.
func (a *app) routes() http.Handler {
	static, _ := fs.Sub(webFiles, "web")
	api := http.NewServeMux()
	api.HandleFunc("POST /api/session", jsonOnly(a.handleSignIn))
	api.HandleFunc("DELETE /api/session", a.handleSignOut)
	api.HandleFunc("GET /api/me", a.signedIn(a.handleMe))
	api.HandleFunc("GET /api/me/sip", a.signedIn(a.handleSIP))
	api.HandleFunc("POST /api/calls", jsonOnly(a.onExtension(a.handleCall)))
	api.HandleFunc("GET /api/calls/recent", a.onExtension(a.handleRecent))
	api.HandleFunc("GET /api/events", a.onExtension(a.handleEvents))

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.handlePage)
	mux.Handle("GET /static/", http.StripPrefix("/static/", noStore(http.FileServerFS(static))))
	mux.Handle("/api/", sameOrigin(a.cfg.Origin, api))
	mux.Handle("/omicall/hook", a.hook)
	return securityHeaders(a.csp, mux)
}

// handlePage serves the page with the Web SDK script it should load.
func (a *app) handlePage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, demo := a.cfg.Auth.(DemoLogin)
	err := a.page.Execute(w, struct {
		SDKURL       string
		SDKIntegrity string
		DemoLogin    bool
		DemoAgents   []string
	}{a.cfg.SDKURL, a.cfg.SDKIntegrity, demo, a.cfg.DemoAgents})
	if err != nil {
		a.log.Error("page", "err", err)
	}
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(csp string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("X-Frame-Options", "DENY")
		h.ServeHTTP(w, r)
	})
}

func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

// writeJSON answers v as JSON, never cached (it may hold credentials).
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError answers {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// newHTTPServer wraps h with timeouts. There is no WriteTimeout: the event
// stream sets a deadline per write instead. Cancelling base ends the event
// streams, so that Shutdown does not wait for them.
func newHTTPServer(h http.Handler, base context.Context) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
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
