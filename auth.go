package omicall

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// tokenLifetime is how long an access token lives when it carries no exp
// claim: 24 hours, as documented.
const tokenLifetime = 24 * time.Hour

// Token is an OMICall access token.
type Token struct {
	AccessToken string    `json:"access_token"`
	TokenType   string    `json:"token_type"`  // "Bearer"
	AccessType  string    `json:"access_type"` // "normal", or "bussiness"/"business" for partners
	Expiry      time.Time `json:"expiry"`
}

// String hides the token itself, so a Token printed by mistake leaks nothing.
func (t Token) String() string {
	return "omicall.Token{Type: " + t.TokenType + ", Expiry: " + t.Expiry.Format(time.RFC3339) + ", AccessToken: [redacted]}"
}

// GoString hides the token for %#v as well.
func (t Token) GoString() string { return t.String() }

// Format hides the token for every verb: %v, %s, %q and %x print String,
// %#v GoString, and any other verb (%d, %t, ...) the fields with
// AccessToken redacted.
func (t Token) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, t.GoString())
	case verb == 'v' || verb == 's' || verb == 'q' || verb == 'x' || verb == 'X':
		fmt.Fprintf(f, fmt.FormatString(f, verb), t.String())
	default:
		type plain Token
		t.AccessToken = redact(t.AccessToken)
		formatRedacted(f, verb, "Token", plain(t))
	}
}

// LogValue makes slog (text and JSON handlers alike) log the token with
// AccessToken redacted.
func (t Token) LogValue() slog.Value {
	return slog.GroupValue(slog.String("access_token", redact(t.AccessToken)), slog.String("token_type", t.TokenType),
		slog.String("access_type", t.AccessType), slog.Time("expiry", t.Expiry))
}

// valid reports whether t can be used at now, margin before its expiry.
func (t Token) valid(now time.Time, margin time.Duration) bool {
	return t.AccessToken != "" && now.Before(t.Expiry.Add(-margin))
}

// TokenStore keeps access tokens so several clients, or processes, can share
// one. Load reports ok=false when it holds none. Implementations must be safe
// for concurrent use.
type TokenStore interface {
	Load(ctx context.Context) (tok Token, ok bool, err error)
	Save(ctx context.Context, tok Token) error
}

// MemoryTokenStore is the default TokenStore: one token in memory. Share one
// between clients of the same tenant to fetch one token between them.
type MemoryTokenStore struct {
	mu  sync.Mutex
	tok Token
	ok  bool
}

// NewMemoryTokenStore returns an empty in-memory token store.
func NewMemoryTokenStore() *MemoryTokenStore { return &MemoryTokenStore{} }

// Load returns the stored token.
func (m *MemoryTokenStore) Load(context.Context) (Token, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tok, m.ok, nil
}

// Save replaces the stored token.
func (m *MemoryTokenStore) Save(_ context.Context, t Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tok, m.ok = t, true
	return nil
}

// Format prints the store with its token redacted, for every verb.
func (m *MemoryTokenStore) Format(f fmt.State, _ rune) {
	if m == nil {
		_, _ = io.WriteString(f, "<nil>")
		return
	}
	m.mu.Lock()
	t, ok := m.tok, m.ok
	m.mu.Unlock()
	if !ok {
		_, _ = io.WriteString(f, "omicall.MemoryTokenStore{}")
		return
	}
	_, _ = io.WriteString(f, "omicall.MemoryTokenStore{"+t.String()+"}")
}

// Token returns a valid access token, fetching one from /api/auth when the
// cached token is missing or within the refresh margin of its expiry.
// Concurrent callers share one fetch. Inside the margin, a failed refresh
// is logged and the current token, still valid, is returned. A nil ctx is a
// ValidationError.
func (c *Client) Token(ctx context.Context) (Token, error) {
	if ctx == nil {
		return Token{}, &ValidationError{Field: "ctx", Reason: "must not be nil"}
	}
	return c.e.tokens.tokenFresh(ctx)
}

// tokenSource caches the client's token and makes sure at most one token
// request is in flight.
type tokenSource struct {
	e      *engine
	apiKey string
	now    func() time.Time // the clock; tests replace it

	mu       sync.Mutex
	cur      Token
	rejected rejectedTokens // tokens the server refused; never sent again
	flight   *tokenFetch    // the fetch in progress, if any
	early    time.Time      // no early (background) refresh before this time, after one failed
	skewLog  bool           // the clock-skew warning was logged
	shared   sharedState    // a TokenLocker store's state (token_lock.go)

	apiFetches atomic.Int64 // calls of /api/auth, for the observer
}

type tokenFetch struct {
	done  chan struct{}
	tok   Token
	err   error
	early bool // a refresh ahead of expiry: its failure is logged, the valid token stays in use

	mu       sync.Mutex // guards attempts and last, which a waiter reads when its context ends
	attempts int        // attempts of /api/auth finished so far
	last     error      // the error of the last of them
}

// attempted records one finished attempt of the fetch's /api/auth call.
func (f *tokenFetch) attempted(a AttemptInfo) {
	f.mu.Lock()
	f.attempts, f.last = a.Attempt, a.Err
	f.mu.Unlock()
}

// abandoned is the error of a caller whose context ended while it waited
// for f: it matches the context's error and names /api/auth, the attempts
// made so far and their last error.
func (f *tokenFetch) abandoned(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return &ctxEndedError{method: http.MethodGet, path: authPath, attempts: f.attempts, last: f.last,
		ctxErr: ctx.Err(), cause: context.Cause(ctx), token: true}
}

func newTokenSource(e *engine, apiKey string) *tokenSource {
	ts := &tokenSource{e: e, apiKey: apiKey, now: time.Now}
	if e.cfg.accessToken != "" {
		ts.cur = Token{AccessToken: e.cfg.accessToken, TokenType: "Bearer", Expiry: jwtExpiry(e.cfg.accessToken, time.Now())}
	}
	return ts
}

// canRefresh reports whether a rejected token can be replaced.
func (ts *tokenSource) canRefresh() bool { return ts.e.cfg.accessToken == "" }

// token returns the cached token or waits for the one fetch in flight,
// starting it if need be. A waiter whose ctx ends returns ctx.Err() at once;
// the fetch goes on for the others.
//
// Inside the refresh margin a token that has not yet expired is still
// handed out: the refresh runs ahead in the background (one at a time), so
// a slow or failing /api/auth neither delays nor fails calls; a failed early
// refresh is logged and tried again after earlyRetry. Only a token that has
// really expired (or none) makes callers wait for the fetch.
func (ts *tokenSource) token(ctx context.Context) (Token, error) {
	for {
		ts.mu.Lock()
		now := ts.now()
		if ts.cur.valid(now, ts.e.cfg.refreshMargin) || !ts.canRefresh() {
			if ts.shared.unshared {
				ts.maybeResync(ctx, now) // token_lock.go: back to the shared token once the store answers
			}
			t := ts.cur
			ts.mu.Unlock()
			return t, nil
		}
		f := ts.flight
		if ts.cur.valid(now, 0) { // inside the margin but not expired: refresh ahead, keep using it
			if f == nil && !now.Before(ts.early) {
				ts.startFetch(ctx, true)
			}
			t := ts.cur
			ts.mu.Unlock()
			return t, nil
		}
		if f == nil {
			f = ts.startFetch(ctx, false)
		}
		ts.mu.Unlock()
		select {
		case <-f.done:
		case <-ctx.Done():
			return Token{}, f.abandoned(ctx)
		}
		if f.err != nil {
			return Token{}, f.err
		}
		if !ts.isRejected(f.tok.AccessToken) {
			return f.tok, nil
		}
		// Refused while it was being fetched: fetch again (obtain skips it).
	}
}

// startFetch starts the one fetch in flight; ts.mu is held.
func (ts *tokenSource) startFetch(ctx context.Context, early bool) *tokenFetch {
	f := &tokenFetch{done: make(chan struct{}), early: early}
	ts.flight = f
	go ts.fetch(context.WithoutCancel(ctx), f)
	return f
}

// earlyRetry is how long after a failed early refresh the next one starts
// (at most half the refresh margin).
const earlyRetry = 30 * time.Second

// fetch obtains a token from the store or from /api/auth and publishes it.
// A panic becomes the fetch's error: it never reaches the caller's process.
func (ts *tokenSource) fetch(ctx context.Context, f *tokenFetch) {
	ctx, cancel := context.WithTimeout(ctx, ts.fetchTimeout())
	defer cancel()
	ctx, observed := ts.observeTokenFetch(ctx) // observer.go
	func() {
		defer func() {
			if v := recover(); v != nil {
				f.err = panicErr(v)
			}
		}()
		f.tok, f.err = ts.obtain(withAttemptHook(ctx, f.attempted))
	}()
	ts.mu.Lock()
	switch {
	case f.err == nil && !ts.rejected.has(f.tok.AccessToken):
		ts.cur = f.tok
	case f.err != nil && f.early:
		ts.early = ts.now().Add(min(earlyRetry, ts.e.cfg.refreshMargin/2))
	}
	ts.flight = nil
	ts.mu.Unlock()
	if f.err != nil && f.early {
		ts.e.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall token refresh ahead of expiry failed; the current token stays in use until it expires",
			slog.String("error", f.err.Error()))
	}
	observed(f.err)
	close(f.done)
}

// isRejected reports whether the server refused tok.
func (ts *tokenSource) isRejected(tok string) bool {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.rejected.has(tok)
}

// fetchTimeout bounds a token fetch that no caller may be waiting for.
func (ts *tokenSource) fetchTimeout() time.Duration {
	per := ts.e.cfg.timeout
	if per <= 0 {
		per = defaultTimeout
	}
	return time.Duration(ts.e.cfg.maxAttempts)*per + time.Duration(ts.e.cfg.maxAttempts)*maxRetryAfter
}

func (ts *tokenSource) obtain(ctx context.Context) (Token, error) {
	if l, ok := ts.e.cfg.store.(TokenLocker); ok {
		return ts.obtainShared(ctx, l) // token_lock.go: one fetch for the whole fleet
	}
	if t, ok, err := ts.e.cfg.store.Load(ctx); err == nil && ok && ts.usable(t) {
		return t, nil
	}
	t, err := ts.fetchNew(ctx)
	if err != nil {
		return Token{}, err
	}
	_ = ts.e.cfg.store.Save(ctx, t) // a store failure costs only sharing
	return t, nil
}

// usable reports whether a stored token can be used: valid beyond the
// refresh margin and never refused.
func (ts *tokenSource) usable(t Token) bool {
	return !ts.isRejected(t.AccessToken) && t.valid(ts.now(), ts.e.cfg.refreshMargin)
}

// authPath is the token endpoint.
const authPath = "/api/auth"

// fetchNew obtains a new token from /api/auth. Its expiry is read on this
// machine's clock: the exp claim (else 24 hours from the issue) minus the
// skew between the server's clock and this one, measured from the token's
// iat claim, else from the response's Date header. A token already expired
// by the server's clock is refused, never sent.
func (ts *tokenSource) fetchNew(ctx context.Context) (Token, error) {
	ts.apiFetches.Add(1)
	var p struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		AccessType  string `json:"access_type"`
	}
	var hdr http.Header
	err := ts.e.do(ctx, &request{method: http.MethodGet, path: authPath, out: &p, respHeader: &hdr,
		callOptions: callOptions{auth: authKeyQuery}})
	if err != nil {
		return Token{}, err
	}
	if p.AccessToken == "" {
		return Token{}, &DecodeError{HTTPStatus: http.StatusOK, Method: http.MethodGet, Path: authPath, Err: errNoToken}
	}
	now := ts.now()
	claims := readClaims(p.AccessToken)
	skew := ts.measureSkew(ctx, claims, hdr, now)
	serverNow := now.Add(skew)
	exp := claims.exp
	if exp.IsZero() {
		exp = serverNow.Add(tokenLifetime)
	}
	if !exp.After(serverNow) {
		return Token{}, &DecodeError{HTTPStatus: http.StatusOK, Method: http.MethodGet, Path: authPath, Err: errExpiredToken}
	}
	t := Token{AccessToken: p.AccessToken, TokenType: p.TokenType, AccessType: p.AccessType, Expiry: exp.Add(-skew)}
	ts.mu.Lock()
	ts.rejected.remove(t.AccessToken) // issued anew by /api/auth itself: the server vouches for it again
	ts.mu.Unlock()
	return t, nil
}

// errExpiredToken is the cause of a token fetch whose token has already
// expired by the server's own clock.
var errExpiredToken = errors.New("the access token issued has already expired by the server's clock (its exp claim is not after its iat or the response's Date)")

var errNoToken = errors.New("no access_token in the payload")

// invalidate drops tok after the server refused it. It is remembered (with
// the other recently refused tokens), so that neither the store nor a fetch
// in flight brings it back: a token answered 401 is never sent again.
func (ts *tokenSource) invalidate(tok string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.rejected.add(tok)
	if ts.cur.AccessToken == tok {
		ts.cur = Token{}
	}
}

// jwtExpiry returns the exp claim of a JWT, or now + 24h when the token is
// not a JWT or has no exp.
func jwtExpiry(tok string, now time.Time) time.Time {
	if c := readClaims(tok); !c.exp.IsZero() {
		return c.exp
	}
	return now.Add(tokenLifetime)
}

// claims are the times a JWT access token carries; zero when absent.
type claims struct{ exp, iat time.Time }

// readClaims reads the exp and iat claims of a JWT; an opaque token has
// none.
func readClaims(tok string) claims {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return claims{}
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return claims{}
	}
	var c struct {
		Exp Int `json:"exp"`
		Iat Int `json:"iat"`
	}
	if json.Unmarshal(raw, &c) != nil {
		return claims{}
	}
	var out claims
	if c.Exp > 0 {
		out.exp = time.Unix(int64(c.Exp), 0)
	}
	if c.Iat > 0 {
		out.iat = time.Unix(int64(c.Iat), 0)
	}
	return out
}
