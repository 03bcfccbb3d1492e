package omicall

import (
	"io"
	"net/http"
	"net/url"
)

// authKind is how a request authenticates: the engine puts the credential
// it names on the request (engine.credentials), nothing else does.
type authKind int

const (
	authBearer       authKind = iota // the cached access token (the default)
	authNone                         // no credential (a download from the text-to-speech host)
	authAPIKey                       // the API key in the x-api-key header (every /api/v3/ path)
	authBearerAndKey                 // the access token and the x-api-key header (the call bot)
	authKeyQuery                     // the API key in the apiKey query parameter (the token request; never redirected)
	authSpeechKey                    // the AI hosts' key in the apikey header
)

// needsToken reports whether the request carries the access token.
func (a authKind) needsToken() bool { return a == authBearer || a == authBearerAndKey }

// needsKey reports whether the request carries the API key in x-api-key.
func (a authKind) needsKey() bool { return a == authAPIKey || a == authBearerAndKey }

// sendsKey reports whether the request carries an API key in any form.
func (a authKind) sendsKey() bool { return a != authBearer && a != authNone }

// request is one call of the request path (Client.do in client.go).
type request struct {
	method string
	path   string // without query
	query  url.Values
	body   any // JSON-encoded unless it is a multipart body
	out    any // payload destination

	multipart  *multipartBody // file uploads; never retried
	page       pageAsk        // a page of a list: bounded and checked by the engine (engine_page.go)
	respHeader *http.Header   // when not nil, receives the headers of the last response
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
