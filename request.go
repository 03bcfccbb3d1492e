package omicall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// authKind is how a request authenticates.
type authKind int

const (
	authBearer authKind = iota // the cached access token (the default)
	authNone                   // no credential: the token request itself, the AI hosts (their key travels as a header option)
	authAPIKey                 // the API key in the x-api-key header (the 2026 v3 endpoints)
)

// request is one call of the request path (Client.do in client.go).
type request struct {
	method string
	path   string // without query
	query  url.Values
	body   any // JSON-encoded unless it is a multipart body
	out    any // payload destination

	multipart *multipartBody // file uploads; never retried
	callOptions
	stats callStats // for the observer (observer.go)
}

// callOptions are the per-call settings a RequestOption changes. The typed
// methods set them through the same options that Do takes.
type callOptions struct {
	auth      authKind
	retryPOST bool              // a POST that is safe to repeat (read-only, or the same effect twice)
	raw       bool              // the response has no envelope; decode it whole into out
	host      string            // another host; "" means the client's base URL
	headers   map[string]string // extra headers, set last
	err       error             // an option's invalid argument, returned before sending
}

// RequestOption changes one call of Client.Do: how it authenticates,
// whether a POST may be retried, extra headers, another host.
type RequestOption func(*callOptions)

// WithAPIKeyHeader makes the call authenticate by sending the client's API
// key in the x-api-key header instead of a bearer token, as the 2026 v3
// endpoints (e.g. POST /api/v3/call-transaction/search) require. No token
// is requested for such a call.
func WithAPIKeyHeader() RequestOption { return func(o *callOptions) { o.auth = authAPIKey } }

// WithRetryPOST lets a POST be retried on a transient failure like GET,
// PUT and DELETE are. Use it for a POST that reads, or whose repetition has
// no further effect. (ContextWithRetry does the same for the typed methods
// that create something.)
func WithRetryPOST() RequestOption { return func(o *callOptions) { o.retryPOST = true } }

// WithHeader sets one request header, after the client's own headers (so
// it may replace Accept or User-Agent). Credentials set this way are the
// caller's responsibility.
func WithHeader(key, value string) RequestOption {
	return func(o *callOptions) {
		if o.headers == nil {
			o.headers = map[string]string{}
		}
		o.headers[key] = value
	}
}

// WithHost sends the call to another host (e.g. StagingBaseURL) with the
// same credentials. baseURL is checked like WithBaseURL's: an absolute
// https URL, or plain http only for a loopback host, so that neither the
// API key nor the token travels in clear text; an invalid one makes the
// call fail with a ValidationError before anything is sent.
func WithHost(baseURL string) RequestOption {
	return func(o *callOptions) {
		base, err := checkBaseURL(baseURL)
		if err != nil {
			o.err = renameField(err, "WithHost")
			return
		}
		o.host = base
	}
}

// withoutAuth sends a request without any credential.
func withoutAuth() RequestOption { return func(o *callOptions) { o.auth = authNone } }

// withRawResponse reads a response that has no envelope.
func withRawResponse() RequestOption { return func(o *callOptions) { o.raw = true } }

// apply applies opts to r, in order.
func (r *request) apply(opts []RequestOption) {
	for _, o := range opts {
		if o != nil {
			o(&r.callOptions)
		}
	}
}

// multipartBody is a file sent as multipart/form-data, with optional plain
// form fields beside it.
type multipartBody struct {
	field, fileName string
	reader          io.Reader
	fields          map[string]string
}

// rewind makes a multipart body readable from its start again before the
// request is repeated with a fresh token. It reports false when the body's
// reader cannot seek: then the request is not repeated.
func (r *request) rewind() bool {
	if r.multipart == nil {
		return true
	}
	s, ok := r.multipart.reader.(io.Seeker)
	if !ok {
		return false
	}
	_, err := s.Seek(0, io.SeekStart)
	return err == nil
}

// getObject sends GET path (with query q) and decodes the payload into a
// new T.
func getObject[T any](ctx context.Context, c *Client, path string, q url.Values) (*T, error) {
	out := new(T)
	if err := c.do(ctx, &request{method: http.MethodGet, path: path, query: q, out: out}); err != nil {
		return nil, err
	}
	return out, nil
}

// postObject sends body as JSON by POST and decodes the payload into a new
// T. opts say whether it may be retried.
func postObject[T any](ctx context.Context, c *Client, path string, body any, opts ...RequestOption) (*T, error) {
	out := new(T)
	if err := c.do(ctx, &request{method: http.MethodPost, path: path, body: body, out: out}, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// validator is a request body that checks itself (a nil pointer included)
// before it is sent.
type validator interface{ validate() error }

// createValid validates req and POSTs it to path once, decoding the answer
// into a new T.
func createValid[T any](ctx context.Context, c *Client, path string, req validator) (*T, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	return postObject[T](ctx, c, path, req)
}

// updateValid validates id and req and POSTs req to base/:id, decoding the
// answer into a new T. An update has the same effect twice, so it is
// retried.
func updateValid[T any](ctx context.Context, c *Client, base, id string, req validator) (*T, error) {
	path, err := pathID(base, "id", id)
	if err != nil {
		return nil, err
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return postObject[T](ctx, c, path, req, WithRetryPOST())
}

// doApplied sends r, whose payload is a boolean, and turns a payload of
// false into ErrNotApplied.
func (c *Client) doApplied(ctx context.Context, r *request) error {
	var payload json.RawMessage
	r.out = &payload
	if err := c.do(ctx, r); err != nil {
		return err
	}
	if bytes.Equal(bytes.TrimSpace(payload), []byte("false")) {
		return fmt.Errorf("omicall: %s %s: %w", r.method, r.path, ErrNotApplied)
	}
	return nil
}

// pathID returns base + "/" + the escaped id, or a ValidationError naming
// field when id is empty.
func pathID(base, field, id string) (string, error) {
	if err := requiredSegment(field, id); err != nil {
		return "", err
	}
	return base + "/" + url.PathEscape(id), nil
}

// deleteByID sends DELETE base/:id.
func (c *Client) deleteByID(ctx context.Context, base, id string) error {
	path, err := pathID(base, "id", id)
	if err != nil {
		return err
	}
	return c.do(ctx, &request{method: http.MethodDelete, path: path})
}
