package main

import (
	"context"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
)

//go:embed web
var webFiles embed.FS

// The Web SDK's script (REFERENCE §15) and the path of the local stand-in
// served with -simulate.
const (
	omiSDKURL     = "https://cdn.omicrm.com/sdk/2.0.0/sdk.min.js"
	standInSDKURL = "/static/sdk-standin.js"
)

// config is what the server needs besides the OMICall client.
type config struct {
	HookSecret string   // required in ?secret= of the call hooks
	Hotline    string   // the hotline click-to-call goes out on ("" = the tenant's first)
	Invite     bool     // invite an agent that signs in with an unknown e-mail
	SDKURL     string   // the Web SDK script the page loads
	DemoAgents []string // e-mails shown on the sign-in form (simulator only)
	Logger     *slog.Logger
}

// app is the softphone backend.
type app struct {
	c        *omicall.Client
	cfg      config
	sessions *sessions
	events   *broker
	log      *slog.Logger
	page     *template.Template
	hook     http.Handler

	recent recentCache

	hotlineMu sync.Mutex
	hotlineV  string // the tenant's first hotline, once looked up
}

// newApp returns the backend.
func newApp(c *omicall.Client, cfg config) *app {
	if cfg.SDKURL == "" {
		cfg.SDKURL = omiSDKURL
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	a := &app{
		c: c, cfg: cfg, log: cfg.Logger,
		sessions: newSessions(12 * time.Hour),
		events:   newBroker(64, 32),
		page:     template.Must(template.ParseFS(webFiles, "web/index.html")),
	}
	a.hook = a.newHookHandler()
	return a
}

// routes returns the HTTP API, the page and the webhook.
func (a *app) routes() http.Handler {
	static, _ := fs.Sub(webFiles, "web")
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.handlePage)
	mux.Handle("GET /static/", http.StripPrefix("/static/", noStore(http.FileServerFS(static))))
	mux.HandleFunc("POST /api/session", a.handleSignIn)
	mux.HandleFunc("DELETE /api/session", a.handleSignOut)
	mux.HandleFunc("GET /api/me", a.sessions.require(a.handleMe))
	mux.HandleFunc("GET /api/me/sip", a.sessions.require(a.handleSIP))
	mux.HandleFunc("POST /api/calls", a.sessions.require(a.handleCall))
	mux.HandleFunc("GET /api/calls/recent", a.sessions.require(a.handleRecent))
	mux.HandleFunc("GET /api/events", a.sessions.require(a.handleEvents))
	mux.Handle("/omicall/hook", a.hook)
	return securityHeaders(mux)
}

// handlePage serves the page with the Web SDK script it should load.
func (a *app) handlePage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	err := a.page.Execute(w, struct {
		SDKURL     string
		DemoAgents []string
	}{a.cfg.SDKURL, a.cfg.DemoAgents})
	if err != nil {
		a.log.Error("page", "err", err)
	}
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
