package omicall

import (
	"cmp"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxWebhookBody is the largest call-hook body the handler reads
// unless WithMaxBodyBytes says otherwise (1 MiB).
const DefaultMaxWebhookBody = 1 << 20

// WebhookSecretHeader is the header the handler reads a shared secret from
// (the other place is the "secret" query parameter of the webhook URL).
const WebhookSecretHeader = "X-Omicall-Secret"

// WebhookOption configures NewWebhookHandler.
type WebhookOption func(*webhookConfig)

type webhookConfig struct {
	secrets    [][sha256.Size]byte
	secretSet  bool // WithWebhookSecret was given
	maxBody    int64
	dedup      time.Duration
	dedupStore DedupStore // shared by replicas (dedup_store.go); nil: this process only
	observer   *Observer  // observer.go
	logger     *slog.Logger
	contactFn  func(context.Context, *ContactEvent) error // webhook_contact.go
	dedupMax   int                                        // WithDedupMaxEntries; 0: dedupMaxEntries
}

// WithWebhookSecret makes the handler accept only requests that carry one of
// the secrets, in the "secret" query parameter of the URL you register (e.g.
// https://crm.example/omicall?secret=..., the secret query-escaped or pasted
// as is) or in the X-Omicall-Secret header; others are answered 401. OMICall signs nothing, so a secret in the URL is
// the way to keep strangers out. Give several secrets to rotate: register
// the URL with the new one while both are accepted, then drop the old.
// Comparison is constant-time. Empty strings are ignored; if no non-empty
// secret is left, every request is refused (fail closed), so an unset
// environment variable does not switch the check off; that is logged as an
// error (through slog.Default when no WithWebhookLogger is given).
func WithWebhookSecret(secret ...string) WebhookOption {
	return func(c *webhookConfig) {
		c.secretSet = true
		for _, s := range secret {
			if s != "" {
				c.secrets = append(c.secrets, sha256.Sum256([]byte(s)))
			}
		}
	}
}

// WithMaxBodyBytes sets the largest body the handler reads (default
// DefaultMaxWebhookBody); a larger one is answered 413. n <= 0 keeps the
// default.
func WithMaxBodyBytes(n int64) WebhookOption {
	return func(c *webhookConfig) {
		if n > 0 {
			c.maxBody = n
		}
	}
}

// WithDedup makes the handler call the callback once per (CallID, State)
// within window — for a CDR, once per (CallID, content): a later copy of a
// call's record that carries new data (a recording URL, another leg, a new
// last_updated_date) is delivered, while a redelivery that differs only in
// send_num_retry is not. A redelivery of an event that was handled successfully less
// than window ago is answered 200 without calling the callback again; copies
// that arrive while the first is still being handled wait for it and answer
// its status; a first attempt that failed is forgotten, so the next delivery
// calls the callback again. Events without a call id are never
// deduplicated. Memory is bounded: expired entries are evicted, at most
// 100,000 handled events are remembered (WithDedupMaxEntries; the oldest go
// first), and each is kept as a fixed-size digest of its call id and
// state, however long the call id. So the window holds only while fewer
// than entries/window events arrive: 100,000 over 10 minutes is about 166
// events a second; above that an event is forgotten sooner (at 1,000
// events/s, after 100 s). window <= 0 disables deduplication (the
// default).
func WithDedup(window time.Duration) WebhookOption {
	return func(c *webhookConfig) { c.dedup = window }
}

// WithDedupMaxEntries sets how many handled events WithDedup remembers
// (default 100,000, about 100 bytes each); n <= 0 keeps the default. Size it
// to your peak event rate times the window.
func WithDedupMaxEntries(n int) WebhookOption {
	return func(c *webhookConfig) {
		if n > 0 {
			c.dedupMax = n
		}
	}
}

// WithWebhookLogger makes the handler log: Debug for a delivered event,
// Error for a callback failure, and Warn for refused requests (a wrong
// secret, a body too large, not a call event) at most once a second, with
// the sender's address and how many were refused since the last line, so
// that a flood cannot flood the log. Lines carry the method, the path
// (never the query), the status, the state and call id; never the secret
// or the body.
func WithWebhookLogger(l *slog.Logger) WebhookOption {
	return func(c *webhookConfig) { c.logger = l }
}

// webhookHandler is the http.Handler of NewWebhookHandler.
type webhookHandler struct {
	fn    func(context.Context, *CallEvent) error
	cfg   webhookConfig
	dedup *dedup // nil without WithDedup

	storeDown atomic.Bool // the dedup store failed and has not answered since

	refusedMu   sync.Mutex
	refused     int       // refused requests not yet logged
	refusedLast time.Time // when the last refusal was logged
	now         func() time.Time
}

// NewWebhookHandler returns an http.Handler that receives OMICall's call
// hooks and calls fn with each event and the request's context. It answers:
//
//   - 200 when fn returns nil (or for a redelivery WithDedup recognises);
//   - 500 when fn returns an error or panics, so that OMICall delivers the
//     event again;
//   - 400 for a body that is not a call hook (see ParseCallEvent) or that
//     could not be read;
//   - 405 (with Allow: POST) for a method other than POST;
//   - 413 for a body over the limit (WithMaxBodyBytes, default 1 MiB);
//   - 401 when WithWebhookSecret is given and the request carries no
//     matching secret.
//
// An event of a state this package does not know is passed to fn as is; a
// nil fn acknowledges every event. The handler never panics. Keep fn fast (queue heavy work): OMICall waits for
// the answer. Serve it from an http.Server with ReadHeaderTimeout and
// ReadTimeout set, so that a slow client cannot hold a connection; a body
// whose reading fails or times out is answered 400.
func NewWebhookHandler(fn func(context.Context, *CallEvent) error, opts ...WebhookOption) http.Handler {
	h := &webhookHandler{fn: fn, cfg: webhookConfig{maxBody: DefaultMaxWebhookBody}, now: time.Now}
	for _, o := range opts {
		if o != nil {
			o(&h.cfg)
		}
	}
	if h.cfg.secretSet && len(h.cfg.secrets) == 0 { // a misconfiguration: said even without WithWebhookLogger
		l := h.cfg.logger
		if l == nil {
			l = slog.Default()
		}
		l.Error("omicall webhook: WithWebhookSecret got no non-empty secret; every request will be refused")
	}
	if h.cfg.logger == nil {
		h.cfg.logger = slog.New(discardHandler{})
	}
	if h.cfg.dedup > 0 {
		h.dedup = newDedup(h.cfg.dedup, cmp.Or(h.cfg.dedupMax, dedupMaxEntries))
	}
	return h
}

// outcome is what the handler answers and logs for one request.
type outcome struct {
	status int
	reason string // short, fixed text; never input
	ev     *CallEvent
	err    error // the callback's error or panic
	dup    bool  // answered from the dedup memory
}

// ServeHTTP handles one call hook.
func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	o := h.serve(w, r)
	if o.status != http.StatusOK {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
	}
	if o.status == http.StatusUnauthorized || o.status == http.StatusRequestEntityTooLarge {
		// Answered before the body is read: closing the connection keeps
		// the server from reading the rest of a slow body first.
		w.Header().Set("Connection", "close")
	}
	w.WriteHeader(o.status)
	if o.status != http.StatusOK {
		_, _ = io.WriteString(w, o.reason+"\n")
	}
	h.log(r, o, time.Since(start))
	h.observe(r, o, time.Since(start)) // observer.go
}

// serve decides the answer to a request. It recovers from any panic.
func (h *webhookHandler) serve(w http.ResponseWriter, r *http.Request) (o outcome) {
	defer func() {
		if p := recover(); p != nil {
			o = outcome{status: http.StatusInternalServerError, reason: "internal error", ev: o.ev, err: panicError(p)}
		}
	}()
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		return outcome{status: http.StatusMethodNotAllowed, reason: "method not allowed"}
	}
	if h.cfg.secretSet && !h.authorized(r) {
		return outcome{status: http.StatusUnauthorized, reason: "missing or wrong secret"}
	}
	if r.ContentLength > h.cfg.maxBody {
		return outcome{status: http.StatusRequestEntityTooLarge, reason: "body too large"}
	}
	var body []byte
	var err error
	if r.Body != nil { // a server request always has one; a hand-made one may not
		body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.maxBody))
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return outcome{status: http.StatusRequestEntityTooLarge, reason: "body too large"}
		}
		return outcome{status: http.StatusBadRequest, reason: "body could not be read"}
	}
	ev, err := parseCallEvent(body)
	if err != nil && isContactHook(body) { // a contact hook has no state: only then is the body read again
		return h.contact(r.Context(), body)
	}
	if err != nil {
		var ie *invalidEventError
		reason := "not a call event"
		if errors.As(err, &ie) {
			reason = ie.reason
		}
		return outcome{status: http.StatusBadRequest, reason: reason}
	}
	if h.dedup == nil || ev.CallID == "" {
		return h.call(r.Context(), ev)
	}
	key := eventKey(ev)
	return h.dedup.do(r.Context(), key, ev, h.dedupCall(key))
}

// call runs the callback, turning an error or a panic into 500.
func (h *webhookHandler) call(ctx context.Context, ev *CallEvent) (o outcome) {
	o = outcome{status: http.StatusInternalServerError, reason: "callback failed", ev: ev}
	defer func() {
		if p := recover(); p != nil {
			o.err = panicError(p)
		}
	}()
	if h.fn == nil {
		return outcome{status: http.StatusOK, reason: "ok", ev: ev}
	}
	if err := h.fn(ctx, ev); err != nil {
		o.err = err
		return o
	}
	return outcome{status: http.StatusOK, reason: "ok", ev: ev}
}

// contact hands a contact hook to the contact callback, turning an error or
// a panic into 500; without a callback it is acknowledged and dropped.
func (h *webhookHandler) contact(ctx context.Context, body []byte) (o outcome) {
	ev, err := ParseContactEvent(body)
	if err != nil {
		return outcome{status: http.StatusBadRequest, reason: "not a contact event"}
	}
	o = outcome{status: http.StatusInternalServerError, reason: "contact callback failed"}
	defer func() {
		if p := recover(); p != nil {
			o.err = panicError(p)
		}
	}()
	if h.cfg.contactFn != nil {
		if err := h.cfg.contactFn(ctx, ev); err != nil {
			o.err = err
			return o
		}
	}
	return outcome{status: http.StatusOK, reason: "ok"}
}

// authorized reports whether the request carries one of the secrets. Every
// secret is compared, in constant time over fixed-size digests, so neither
// the secret's length nor which one matched shows in the timing. The secret
// query parameter is tried both decoded and as sent, so that a secret pasted
// into the registered URL without escaping (a "+" or "%" in a base64 or
// random secret) still matches.
func (h *webhookHandler) authorized(r *http.Request) bool {
	var got []string
	if v := r.Header.Get(WebhookSecretHeader); v != "" {
		got = append(got, v)
	}
	if r.URL != nil && r.URL.RawQuery != "" {
		q, _ := url.ParseQuery(r.URL.RawQuery) // keeps the pairs that parse
		if v := q.Get("secret"); v != "" {
			got = append(got, v)
		}
		if v := rawQueryValue(r.URL.RawQuery, "secret"); v != "" {
			got = append(got, v)
		}
	}
	ok := 0
	for _, g := range got {
		d := sha256.Sum256([]byte(g))
		for i := range h.cfg.secrets {
			ok |= subtle.ConstantTimeCompare(d[:], h.cfg.secrets[i][:])
		}
	}
	return ok == 1
}

// rawQueryValue returns the first value of key in a raw query, as sent
// (not unescaped).
func rawQueryValue(rawQuery, key string) string {
	for rawQuery != "" {
		var pair string
		pair, rawQuery, _ = strings.Cut(rawQuery, "&")
		if k, v, ok := strings.Cut(pair, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// log writes the request's log line: no query, no secret, no body.
func (h *webhookHandler) log(r *http.Request, o outcome, elapsed time.Duration) {
	level, msg := slog.LevelDebug, "omicall webhook handled"
	switch {
	case o.status >= 500:
		level, msg = slog.LevelError, "omicall webhook callback failed"
	case o.status >= 400:
		level, msg = slog.LevelWarn, "omicall webhook refused"
	}
	ctx := r.Context()
	if !h.cfg.logger.Enabled(ctx, level) {
		return
	}
	var refused int
	if level == slog.LevelWarn {
		if refused = h.refusal(); refused == 0 {
			return // logged less than a second ago: counted for the next line
		}
	}
	path := ""
	if r.URL != nil {
		path = r.URL.Path
	}
	attrs := []slog.Attr{
		slog.String("method", r.Method), slog.String("path", path), slog.Int("status", o.status),
		slog.String("reason", o.reason), slog.Duration("elapsed", elapsed),
	}
	if o.ev != nil {
		attrs = append(attrs, slog.String("state", string(o.ev.State)), slog.String("call_id", o.ev.CallID))
	}
	if o.dup {
		attrs = append(attrs, slog.Bool("duplicate", true))
	}
	if o.err != nil {
		attrs = append(attrs, slog.String("error", o.err.Error()))
	}
	if refused > 0 {
		attrs = append(attrs, slog.String("remote", r.RemoteAddr), slog.Int("refused", refused))
	}
	h.cfg.logger.LogAttrs(ctx, level, msg, attrs...)
}

// refusal counts one refused request and returns how many to report now:
// 0 when a refusal was logged less than a second ago, else the refusals
// since then, this one included.
func (h *webhookHandler) refusal() int {
	h.refusedMu.Lock()
	defer h.refusedMu.Unlock()
	h.refused++
	now := h.now()
	if now.Sub(h.refusedLast) < time.Second {
		return 0
	}
	n := h.refused
	h.refused, h.refusedLast = 0, now
	return n
}

// panicError turns a recovered panic value into an error.
func panicError(p any) error {
	if err, ok := p.(error); ok {
		return fmt.Errorf("callback panicked: %w", err)
	}
	return fmt.Errorf("callback panicked: %v", p)
}

// observe reports a webhook request to the observer.
func (h *webhookHandler) observe(r *http.Request, o outcome, elapsed time.Duration) {
	ob := h.cfg.observer
	if ob == nil || ob.WebhookEvent == nil {
		return
	}
	e := WebhookEventInfo{Status: o.status, Duplicate: o.dup, Elapsed: elapsed}
	if o.ev != nil {
		e.State = o.ev.State
	}
	switch {
	case o.status == http.StatusServiceUnavailable && o.dup:
		e.Outcome = "deferred"
	case o.status == http.StatusOK && o.dup:
		e.Outcome = "duplicate"
	case o.status == http.StatusOK:
		e.Outcome = "delivered"
	case o.status >= 500:
		e.Outcome = "failed"
	default:
		e.Outcome = "refused"
	}
	ob.WebhookEvent(r.Context(), e)
}
