package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
)

// Environment variables that hold the secrets.
const (
	envAPIKey      = "OMICALL_API_KEY"
	envBaseURL     = "OMICALL_BASE_URL"
	envHookSecret  = "OMICALL_WEBHOOK_SECRET"
	envProxySecret = "SOFTPHONE_PROXY_SECRET"
)

// proxySecretHeader is where the reverse proxy puts SOFTPHONE_PROXY_SECRET.
const proxySecretHeader = "X-Softphone-Proxy-Secret"

// options is the command line and the environment.
type options struct {
	addr         string
	simulate     bool
	demoLogin    bool // -insecure-demo-login
	invite       bool
	hotline      string
	register     string // the public hook URL, without its secret
	authHeader   string
	origin       string
	sdkURL       string
	sdkIntegrity string
	cspConnect   []string
	db           string // -db: a callsync DSN

	apiKey, baseURL, hookSecret, proxySecret string // from the environment

	logger *slog.Logger // nil: text on stderr
}

// parseOptions reads the flags in args and the secrets from getenv.
func parseOptions(args []string, getenv func(string) string) (options, error) {
	var o options
	fs := flag.NewFlagSet("softphone", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to serve the page, the API and the hook on")
	fs.BoolVar(&o.simulate, "simulate", false, "run offline against the in-process simulator, with a stand-in Web SDK (loopback only)")
	fs.BoolVar(&o.demoLogin, "insecure-demo-login", false, "live mode: sign in by e-mail alone, no password (loopback only)")
	fs.BoolVar(&o.invite, "invite", false, "invite an agent who signs in with an e-mail OMICall does not know (not with the demo login)")
	fs.StringVar(&o.hotline, "hotline", "", "hotline that click-to-call goes out on (default: the tenant's first)")
	fs.StringVar(&o.db, "db", "", "keep every call in this database (sqlite:PATH or postgres://...) and read the recent calls from it")
	fs.StringVar(&o.register, "register", "", "public https URL of /omicall/hook to register with OMICall, without the secret (live mode)")
	fs.StringVar(&o.authHeader, "auth-header", "X-Forwarded-Email", "header in which the reverse proxy passes the user's e-mail")
	fs.StringVar(&o.origin, "origin", "", "the page's public origin, e.g. https://crm.example (default: the Host of each request)")
	fs.StringVar(&o.sdkURL, "sdk-url", omiSDKURL, "the Web SDK script (live mode)")
	fs.StringVar(&o.sdkIntegrity, "sdk-integrity", "", `the script's integrity hash, "sha384-..."; "none" to load it unchecked (live mode)`)
	connect := fs.String("csp-connect", "wss:", "space-separated sources the page may connect to besides itself: the SDK's SIP WebSocket (live mode)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return o, errors.New(usage(fs))
		}
		return o, fmt.Errorf("%w\n%s", err, usage(fs))
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	o.cspConnect = strings.Fields(*connect)
	o.apiKey, o.baseURL = getenv(envAPIKey), getenv(envBaseURL)
	o.hookSecret, o.proxySecret = getenv(envHookSecret), getenv(envProxySecret)
	if o.register != "" {
		u, err := url.Parse(o.register)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return o, errors.New("-register takes the public https URL of /omicall/hook")
		}
		if u.RawQuery != "" || u.User != nil {
			return o, fmt.Errorf("-register takes the URL without a query: the server adds ?secret= from %s, so that no secret is in its command line", envHookSecret)
		}
	}
	return o, nil
}

// usage lists the flags.
func usage(fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString("usage: softphone [flags]; secrets from " + envAPIKey + ", " + envHookSecret + ", " + envProxySecret + "\n")
	fs.SetOutput(&b)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	return b.String()
}
