package omicall

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-resty/resty/v2"
)

// engine is the one path every request and every response takes: the
// host, the credentials, retries, the bounded body read, the envelope, the
// page guard, the construction of every error (scrubbed of secrets as it is
// built), the redirect policy and the observer. Services hold the engine;
// Client only builds it and wires the services to it. No engine file names
// a service.
type engine struct {
	cfg    *config // behind a pointer, so that printing a service never shows the access token
	rc     *resty.Client
	base   string // base URL without a trailing slash
	tokens *tokenSource
}

// newEngine builds the engine of a validated configuration.
func newEngine(cfg *config, apiKey, base string) *engine {
	hc := cfg.httpClient
	if hc == nil {
		hc = &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), CheckRedirect: guardRedirect(nil)}
	} else { // a shallow copy: the caller's client is not changed, its transport is shared
		own := *hc
		own.CheckRedirect = guardRedirect(hc.CheckRedirect)
		hc = &own
	}
	rc := resty.NewWithClient(hc).
		SetLogger(restyQuiet{}).
		SetRetryCount(0). // the retry policy is the engine's (engine_retry.go)
		SetHeader("User-Agent", cfg.userAgent).
		SetHeader("Accept", "application/json")
	e := &engine{cfg: cfg, rc: rc, base: base}
	e.tokens = newTokenSource(e, apiKey)
	return e
}

// v3Prefix starts the paths of the 2026 endpoints, which accept only the
// API key (x-api-key) as credential.
const v3Prefix = "/api/v3/"

// do sends r, with opts applied to it first, and decodes its answer into
// r.out. Every request of the SDK, Client.Do's included, goes through it.
func (e *engine) do(ctx context.Context, r *request, opts ...RequestOption) (err error) {
	r.apply(opts)
	if r.err != nil {
		return r.err
	}
	if ctx == nil {
		return &ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	if r.auth == authBearer && strings.HasPrefix(r.path, v3Prefix) {
		r.auth = authAPIKey // the credential is chosen by the request, here only
	}
	ctx, end := e.observeCall(ctx, r) // engine_observe.go
	defer func() { end(err) }()
	if err := e.checkKey(r.auth); err != nil {
		return err
	}
	var payload []byte
	if r.body != nil && r.multipart == nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return e.seal(fmt.Errorf("omicall: %s %s: encoding request: %w", r.method, r.path, err), "")
		}
		payload = b
	}
	refreshed := false
	for {
		token, err := e.authFor(ctx, r)
		if err != nil {
			return err
		}
		err = e.send(ctx, r, payload, token)
		var apiErr *APIError
		if !refreshed && r.auth.needsToken() && errors.As(err, &apiErr) && apiErr.tokenRejected() && e.tokens.canRefresh() {
			refreshed = true
			e.tokens.invalidate(token)
			if r.rewind() {
				continue
			}
		}
		return err
	}
}

// authFor returns the bearer token a request needs ("" when it needs none).
func (e *engine) authFor(ctx context.Context, r *request) (string, error) {
	if !r.auth.needsToken() {
		return "", nil
	}
	t, err := e.tokens.token(ctx)
	if err != nil {
		return "", err
	}
	return t.AccessToken, nil
}

// send performs the attempts of one request with the retry policy and
// decodes the final response. Every error it returns has been sealed.
func (e *engine) send(ctx context.Context, r *request, payload []byte, token string) error {
	retryable := r.multipart == nil && (r.retryPOST || isIdempotent(r.method) || retryAllowed(ctx))
	var last error // the error of the last completed attempt
	for attempt := 1; ; attempt++ {
		start := time.Now()
		resp, body, err := e.attempt(ctx, r, payload, token)
		status := 0
		if resp != nil && resp.RawResponse != nil {
			status = resp.StatusCode()
			if r.respHeader != nil {
				*r.respHeader = resp.Header()
			}
		}
		if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				e.observeAttempt(ctx, r, AttemptInfo{Attempt: attempt, Start: start, Elapsed: time.Since(start), Err: ctxErr})
				return e.seal(&ctxEndedError{method: r.method, path: r.path, attempts: attempt, last: last, ctxErr: ctxErr}, token)
			}
			err = e.transportError(r, err)
		} else {
			err = decodeResponse(r, status, body)
			e.annotate(err, r, resp)
		}
		err = e.seal(err, token)
		last = err
		e.cfg.logger.LogAttrs(ctx, slog.LevelDebug, "omicall request",
			slog.String("method", r.method), slog.String("path", r.path), slog.Int("status", status),
			slog.Int("attempt", attempt), slog.Duration("elapsed", time.Since(start)))
		a := AttemptInfo{Attempt: attempt, Status: status, Start: start, Elapsed: time.Since(start), Err: err}
		if err == nil || !retryable || attempt >= e.cfg.maxAttempts || !isTransient(err) {
			e.observeAttempt(ctx, r, a)
			return err
		}
		wait, ok := e.retryWait(ctx, attempt, resp)
		a.Retry, a.Wait = ok, wait
		e.observeAttempt(ctx, r, a)
		if !ok {
			return err
		}
		e.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall retrying",
			slog.String("method", r.method), slog.String("path", r.path), slog.Int("status", status),
			slog.Int("attempt", attempt), slog.Duration("wait", wait), slog.String("error", err.Error()))
		if werr := sleepCtx(ctx, wait); werr != nil {
			return e.seal(&ctxEndedError{method: r.method, path: r.path, attempts: attempt, last: last, ctxErr: werr}, token)
		}
	}
}

// attempt sends the request once and reads the response body, at most
// cfg.maxBody bytes of it.
func (e *engine) attempt(ctx context.Context, r *request, payload []byte, token string) (*resty.Response, []byte, error) {
	if e.cfg.timeout > 0 { // per attempt, body included; never set on a caller's http.Client
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, e.cfg.timeout)
		defer cancel()
	}
	ctx = withRedirectPolicy(ctx, r)                            // engine_redirect.go
	req := e.rc.R().SetContext(ctx).SetDoNotParseResponse(true) // the body is read by readBody
	if r.query != nil {
		req.SetQueryParamsFromValues(r.query)
	}
	for k, v := range r.headers {
		req.SetHeader(k, v)
	}
	e.credentials(req, r, token)
	if r.multipart != nil {
		req.SetFileReader(r.multipart.field, r.multipart.fileName, r.multipart.reader).SetFormData(r.multipart.fields)
	} else if payload != nil {
		req.SetHeader("Content-Type", "application/json").SetBody(payload)
	}
	resp, err := req.Execute(r.method, e.baseOf(r)+r.path)
	if err != nil {
		if resp != nil && resp.RawBody() != nil {
			_ = resp.RawBody().Close()
		}
		return resp, nil, err
	}
	body, err := readBody(resp.RawResponse, e.cfg.maxBody)
	return resp, body, err
}

// credentials puts on req the credentials r's authentication names: the
// one place a credential is set on a request. They are set after the
// per-call headers, so a WithHeader cannot replace them.
func (e *engine) credentials(req *resty.Request, r *request, token string) {
	if r.auth.needsToken() && token != "" {
		req.SetHeader("Authorization", "Bearer "+token)
	}
	switch {
	case r.auth.needsKey():
		req.SetHeader("x-api-key", e.tokens.apiKey)
	case r.auth == authKeyQuery:
		req.SetQueryParam("apiKey", e.tokens.apiKey)
	case r.auth == authSpeechKey:
		req.SetHeader("apikey", e.speechKey())
	}
}

// speechKey is the key of the AI hosts: WithSpeechAPIKey's, else the API
// key.
func (e *engine) speechKey() string { return cmp.Or(e.cfg.speech.key, e.tokens.apiKey) }

// checkKey refuses, before anything is sent, a request that must carry a
// key the client does not have.
func (e *engine) checkKey(a authKind) error {
	switch {
	case a == authSpeechKey && e.speechKey() == "":
		return &ValidationError{Field: "apikey", Reason: "no API key for the AI hosts: give one to NewClient or WithSpeechAPIKey"}
	case a.sendsKey() && a != authSpeechKey && e.tokens.apiKey == "":
		return &ValidationError{Field: "apiKey", Reason: "this call authenticates with the API key, and the client has none (it was made with an access token only)"}
	}
	return nil
}

// baseOf returns the host a request goes to.
func (e *engine) baseOf(r *request) string {
	if r.host != "" {
		return r.host
	}
	return e.base
}

// discardHandler is a slog.Handler that drops everything.
type discardHandler struct{}

func (discardHandler) Enabled(context.Context, slog.Level) bool  { return false }
func (discardHandler) Handle(context.Context, slog.Record) error { return nil }
func (h discardHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h discardHandler) WithGroup(string) slog.Handler           { return h }

// restyQuiet silences resty's own logger, which could print request details.
type restyQuiet struct{}

func (restyQuiet) Errorf(string, ...any) {}
func (restyQuiet) Warnf(string, ...any)  {}
func (restyQuiet) Debugf(string, ...any) {}
