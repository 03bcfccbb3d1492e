package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

// Environment variables read for the global flags' defaults.
const (
	envAPIKey  = "OMICALL_API_KEY"
	envBaseURL = "OMICALL_BASE_URL"
)

// app holds the global flags and the output streams of one run.
type app struct {
	stdout, stderr io.Writer

	apiKey  string
	baseURL string
	staging bool
	output  string
	timeout time.Duration
	verbose bool
	tz      string

	loc *time.Location // from tz, set before a command runs
}

func newApp(stdout, stderr io.Writer) *app {
	return &app{stdout: stdout, stderr: stderr, loc: omicall.Vietnam}
}

// rootCmd builds the command tree.
func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "omicall",
		Short: "Operate an OMICall tenant and run the OMICall simulator",
		Long: `omicall talks to the OMICall REST API: check a key, read the tenant, manage agents,
extensions and webhooks, list and export the call history, receive call hooks
(listen), place a click-to-call (trigger) and keep every call in a database
(sync). "omicall sim" runs the OMICall
simulator as an HTTP server that apps in any language can use.

The API key comes from --api-key or $OMICALL_API_KEY, the host from --base-url,
$OMICALL_BASE_URL or --staging (default: production). The key and the access
token are never printed, not even with -v.`,
		Version:           omicall.Version,
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return a.validateGlobals() },
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageErrorf("%v", err) })

	pf := root.PersistentFlags()
	pf.StringVar(&a.apiKey, "api-key", "", "API key (default $"+envAPIKey+")")
	pf.StringVar(&a.baseURL, "base-url", "", "API host (default $"+envBaseURL+", else production "+omicall.DefaultBaseURL+")")
	pf.BoolVar(&a.staging, "staging", false, "use OMICall's staging host "+omicall.StagingBaseURL)
	pf.StringVarP(&a.output, "output", "o", "table", "output format: table, json or csv")
	pf.DurationVar(&a.timeout, "timeout", 30*time.Second, "timeout of each HTTP request")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log each request (method, path, status) to stderr; never the key or token")
	pf.StringVar(&a.tz, "tz", "ICT", "time zone of dates and printed times: ICT (Vietnam, UTC+7), UTC, Local or an IANA name")
	_ = root.RegisterFlagCompletionFunc("output", fixedCompletion("table", "json", "csv"))
	_ = root.RegisterFlagCompletionFunc("tz", fixedCompletion("ICT", "UTC", "Local", "Asia/Ho_Chi_Minh"))

	root.AddCommand(a.authCmd(), a.tenantCmd(), a.agentsCmd(), a.extensionsCmd(), a.callsCmd(),
		a.webhooksCmd(), a.listenCmd(), a.simCmd(), a.triggerCmd(), a.syncCmd())
	for _, c := range root.Commands() {
		requireSubcommand(c)
	}
	return root
}

// requireSubcommand makes a group command ("agents") refuse to run without,
// or with an unknown, subcommand: a usage error rather than silent help.
func requireSubcommand(c *cobra.Command) {
	if !c.HasSubCommands() || c.RunE != nil { // a command that runs itself too (sync, beside sync status)
		return
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		if len(args) > 0 {
			return usageErrorf("unknown command %q for %q", args[0], cmd.CommandPath())
		}
		return usageErrorf("%s needs a subcommand: %s", cmd.CommandPath(), strings.Join(subNames(cmd), ", "))
	}
	c.RunE = func(*cobra.Command, []string) error { return nil }
	for _, s := range c.Commands() {
		requireSubcommand(s)
	}
}

func subNames(c *cobra.Command) []string {
	var out []string
	for _, s := range c.Commands() {
		if s.IsAvailableCommand() {
			out = append(out, s.Name())
		}
	}
	return out
}

func fixedCompletion(values ...string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// validateGlobals checks the global flags before any command runs.
func (a *app) validateGlobals() error {
	switch a.output {
	case "table", "json", "csv":
	default:
		return usageErrorf("--output %q: want table, json or csv", a.output)
	}
	if a.timeout <= 0 {
		return usageErrorf("--timeout must be positive")
	}
	if a.staging && a.baseURL != "" {
		return usageErrorf("--staging and --base-url both name the host: give one")
	}
	switch a.tz {
	case "ICT", "":
		a.loc = omicall.Vietnam
	default:
		loc, err := time.LoadLocation(a.tz)
		if err != nil {
			return usageErrorf("--tz %q: unknown time zone", a.tz)
		}
		a.loc = loc
	}
	return nil
}

// host returns the API host: --base-url, --staging, $OMICALL_BASE_URL,
// else production.
func (a *app) host() string {
	switch {
	case a.baseURL != "":
		return a.baseURL
	case a.staging:
		return omicall.StagingBaseURL
	case os.Getenv(envBaseURL) != "":
		return os.Getenv(envBaseURL)
	}
	return omicall.DefaultBaseURL
}

// key returns the API key: --api-key, else $OMICALL_API_KEY.
func (a *app) key() string {
	if a.apiKey != "" {
		return a.apiKey
	}
	return os.Getenv(envAPIKey)
}

// client returns a client for the host and key; a missing key is a usage
// error.
func (a *app) client() (*omicall.Client, error) {
	key := a.key()
	if key == "" {
		return nil, usageErrorf("no API key: set $%s or pass --api-key", envAPIKey)
	}
	opts := []omicall.Option{omicall.WithBaseURL(a.host()), omicall.WithTimeout(a.timeout),
		omicall.WithUserAgent("omicall-cli/" + omicall.Version)}
	if a.verbose {
		opts = append(opts, omicall.WithLogger(a.logger()))
		fmt.Fprintf(a.stderr, "using %s\n", a.host())
	}
	c, err := omicall.NewClient(key, opts...)
	if err != nil {
		return nil, usageErrorf("%v", trimPrefix(err))
	}
	return c, nil
}

// logger is the -v request log: the SDK logs method, path, status and
// timing, never a query string, key or token.
func (a *app) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// session returns a client and a context for a command that makes a few
// requests (see ctxTimeout).
func (a *app) session(cmd *cobra.Command) (context.Context, *omicall.Client, context.CancelFunc, error) {
	c, err := a.client()
	if err != nil {
		return nil, nil, func() {}, err
	}
	ctx, cancel := a.ctxTimeout(cmd.Context())
	return ctx, c, cancel, nil
}

// ctxTimeout is for commands that make a few requests: the whole command
// gets a generous multiple of --timeout.
func (a *app) ctxTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 4*a.timeout)
}

func trimPrefix(err error) string { return strings.TrimPrefix(err.Error(), "omicall: ") }
