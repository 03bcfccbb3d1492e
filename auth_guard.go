package omicall

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"log/slog"
	"strings"
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

// fixSkew corrects the expiry of a token just fetched that this machine's
// clock already takes as expired, or as due for refresh (its exp is within
// the refresh margin): the server accepts it, so the clock is off (or the
// exp is wrong). Without the correction every call would fetch a new token.
// The expiry becomes now + the token's lifetime (exp - iat when the token
// carries both, otherwise the documented 24 hours). Logged once per client.
func (ts *tokenSource) fixSkew(ctx context.Context, t *Token, now time.Time) {
	margin := ts.c.cfg.refreshMargin
	if t.Expiry.After(now.Add(margin)) {
		return
	}
	life := jwtLifetime(t.AccessToken)
	if life <= margin {
		life = tokenLifetime
	}
	t.Expiry = now.Add(life)
	ts.mu.Lock()
	logged := ts.skewLog
	ts.skewLog = true
	ts.mu.Unlock()
	if !logged {
		ts.c.cfg.logger.LogAttrs(ctx, slog.LevelWarn, "omicall: a fresh access token is already expired by this machine's clock (clock skew?); using its lifetime from now",
			slog.Duration("lifetime", life))
	}
}

// jwtLifetime returns exp - iat of a JWT, or 0 when it lacks either claim.
func jwtLifetime(tok string) time.Duration {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return 0
	}
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return 0
	}
	var claims struct {
		Exp Int `json:"exp"`
		Iat Int `json:"iat"`
	}
	if json.Unmarshal(raw, &claims) != nil || claims.Exp <= 0 || claims.Iat <= 0 || claims.Exp <= claims.Iat {
		return 0
	}
	return time.Duration(claims.Exp-claims.Iat) * time.Second
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
	if !ts.canRefresh() || cur.valid(now, ts.c.cfg.refreshMargin) || !cur.valid(now, 0) {
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
		return Token{}, ctx.Err()
	}
	if f.err != nil || ts.isRejected(f.tok.AccessToken) {
		return ts.token(ctx)
	}
	return f.tok, nil
}
