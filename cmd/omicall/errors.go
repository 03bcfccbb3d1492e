package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/omicall-go/omicall"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1 // the API answered an error, or the network failed
	exitUsage       = 2 // bad flags, arguments or input
	exitInterrupted = 130
)

// usageError is a bad command line or bad input: exit 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// failure is an API, network or I/O error: exit 1. Commands wrap what the
// SDK returns with fail.
type failure struct{ err error }

func (e *failure) Error() string { return e.err.Error() }
func (e *failure) Unwrap() error { return e.err }

// fail marks err as a failure (exit 1), unless it is nil or already a
// usage error (the SDK's ValidationError is bad input: exit 2).
func fail(err error) error {
	if err == nil {
		return nil
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return err
	}
	if errors.Is(err, omicall.ErrValidation) {
		return &usageError{msg: trimPrefix(err)}
	}
	return &failure{err: err}
}

// report prints err as one line on stderr, in the CLI's words and without
// a secret, and returns the exit code.
func (a *app) report(ctx context.Context, err error) int {
	if err == nil {
		return exitOK
	}
	line, code := explain(ctx, err)
	fmt.Fprintf(a.stderr, "omicall: %s\n", a.scrub(cliWords(line)))
	return code
}

// explain returns the line that describes err and the exit code.
func explain(ctx context.Context, err error) (string, int) {
	var ue *usageError
	var fe *failure
	switch {
	case errors.As(err, &ue):
		return ue.msg, exitUsage
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		return "interrupted", exitInterrupted
	case errors.As(err, &fe):
		return describe(fe.err), exitFailure
	}
	// cobra's own errors: unknown commands, wrong argument counts.
	return err.Error() + " (see --help)", exitUsage
}

// hints says what to do about the documented failures, by sentinel.
var hints = []struct {
	err  error
	hint string
}{
	{omicall.ErrAPIKeyInvalid, "keys are per environment: try --staging (or --base-url for another host)"},
	{omicall.ErrAPIKeyRequired, "set $OMICALL_API_KEY or pass --api-key"},
	{omicall.ErrUnauthorized, "the key or token was refused: check the key and the host (--staging?)"},
	{omicall.ErrRateLimited, "OMICall limits the call history per 30 minutes: wait, then resume (calls export --resume)"},
	{omicall.ErrDateRangeTooLong, "ask for at most 30 days, or use calls export (it splits the range)"},
	{omicall.ErrAgentExists, "the agent is already invited: agents list shows it"},
	{omicall.ErrAgentLimit, "the service package allows no more agents: delete one or upgrade the package"},
	{omicall.ErrPasswordInvalid, "use at least 8 characters with upper and lower case, digits and a special character"},
	{omicall.ErrEmailInvalid, "give a valid email"},
	{omicall.ErrExtensionInvalid, "extensions list shows the valid extensions"},
	{omicall.ErrUserNotRegistered, "the agent's softphone must be registered (online) to take a click-to-call"},
	{omicall.ErrHotlineInvalid, "pick a hotline of the tenant (omicall tenant lists them)"},
	{omicall.ErrServiceLimit, "the service package does not allow this"},
	{omicall.ErrInsufficientBalance, "top up the tenant's balance"},
	{omicall.ErrNotFound, "check the id"},
	{omicall.ErrMalformedResponse, "that host does not answer like OMICall: check --base-url"},
	{context.DeadlineExceeded, "no answer in time: raise --timeout or check the host"},
}

// describe writes a failure as one line: what failed (the SDK's message,
// which carries the code) and a hint. Only a failure of the HTTP exchange
// is called a network error: a file's error is not.
func describe(err error) string {
	msg := strings.TrimSpace(trimPrefix(err))
	for _, h := range hints {
		if errors.Is(err, h.err) {
			return msg + ": " + h.hint
		}
	}
	var ue *url.Error
	var oe *net.OpError
	if errors.As(err, &ue) || errors.As(err, &oe) {
		return msg + ": network error: check --base-url and that the host is reachable"
	}
	return msg
}

// goNames turns the SDK's Go names in its messages into the CLI's words.
var goNames = strings.NewReplacer(
	"(WithBaseURL)", "(--base-url)",
	"(WithTimeout)", "(--timeout)",
	"invalid baseURL:", "invalid --base-url:",
	"invalid apiKey:", "invalid API key (--api-key, $"+envAPIKey+"):",
	"invalid From:", "invalid --from:",
	"invalid To:", "invalid --to:",
	"invalid Size:", "invalid --page-size:",
	"invalid Directions", "invalid --direction",
	"invalid SIPUsers", "invalid --extension",
	"invalid Email:", "invalid --email:",
	"invalid Password:", "invalid --password:",
	"invalid URL:", "invalid URL argument:",
)

// cliWords rewrites a message for the command line.
func cliWords(msg string) string { return goNames.Replace(msg) }
