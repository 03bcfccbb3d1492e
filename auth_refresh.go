package omicall

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// maxRejected is how many refused tokens a client remembers. Tokens are
// refused one at a time (each refusal is followed by a new token), so a
// short memory covers every token still in use by a request in flight.
const maxRejected = 64

// rejectedTokens is a bounded set of tokens the server refused.
type rejectedTokens struct {
	order []string
	set   map[string]struct{}
}

func (r *rejectedTokens) add(tok string) {
	if tok == "" || r.has(tok) {
		return
	}
	if r.set == nil {
		r.set = make(map[string]struct{})
	}
	if len(r.order) >= maxRejected {
		delete(r.set, r.order[0])
		r.order = r.order[1:]
	}
	r.order = append(r.order, tok)
	r.set[tok] = struct{}{}
}

func (r *rejectedTokens) remove(tok string) {
	if !r.has(tok) {
		return
	}
	delete(r.set, tok)
	for i, t := range r.order {
		if t == tok {
			r.order = append(r.order[:i], r.order[i+1:]...)
			break
		}
	}
}

func (r *rejectedTokens) has(tok string) bool {
	_, ok := r.set[tok]
	return ok
}

// minSkew is the smallest clock difference taken into account: the
// server's times have a resolution of one second and the answer takes time
// to arrive, so a smaller difference is noise.
const minSkew = 2 * time.Second

// measureSkew returns how far the server's clock is ahead of this
// machine's (negative: behind), read from the token's iat claim, else from
// the response's Date header, else 0. It never guesses from exp: a token
// that expires soon is a short-lived token, not a sign of skew. A skew over
// the refresh margin is logged once per client.
func (ts *tokenSource) measureSkew(ctx context.Context, c claims, hdr http.Header, now time.Time) time.Duration {
	var skew time.Duration
	switch {
	case !c.iat.IsZero():
		skew = c.iat.Sub(now)
	case hdr.Get("Date") != "":
		if d, err := http.ParseTime(hdr.Get("Date")); err == nil {
			skew = d.Sub(now)
		}
	}
	if skew > -minSkew && skew < minSkew {
		return 0
	}
	ts.mu.Lock()
	logged := ts.skewLog
	ts.skewLog = ts.skewLog || skew.Abs() > ts.e.cfg.refreshMargin
	ts.mu.Unlock()
	if !logged && skew.Abs() > ts.e.cfg.refreshMargin {
		ts.e.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall: clock skew: this machine's clock differs from the API server's; token expiry is read on the server's clock",
			slog.Duration("server_ahead_by", skew))
	}
	return skew
}

// tokenFresh is token for Client.Token, whose caller wants the longest-lived
// token: inside the refresh margin it waits for the refresh (shared with any
// in flight) rather than returning the current token at once. If that
// refresh fails while the current token is still valid, the current token
// is returned (the failure is logged by fetch).
func (ts *tokenSource) tokenFresh(ctx context.Context) (Token, error) {
	ts.mu.Lock()
	now := ts.now()
	cur := ts.cur
	if !ts.canRefresh() || cur.valid(now, ts.e.cfg.refreshMargin) || !cur.valid(now, 0) {
		ts.mu.Unlock()
		return ts.token(ctx)
	}
	f := ts.flight
	if f == nil {
		f = ts.startFetch(ctx, true)
	}
	ts.mu.Unlock()
	select {
	case <-f.done:
	case <-ctx.Done():
		return Token{}, f.abandoned(ctx)
	}
	if f.err != nil || ts.isRejected(f.tok.AccessToken) {
		return ts.token(ctx)
	}
	return f.tok, nil
}
