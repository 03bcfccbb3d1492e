package omicall

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testAPIKey is the API key used with httpmock clients.
const testAPIKey = "test-api-key-SECRET-0001"

// testToken is the token the mocked /api/auth hands out.
const testToken = "test-access-token-SECRET-0002"

// mockBase is the base URL of httpmock clients (a host only: a base URL
// with a path is refused).
const mockBase = "https://api.omicall.test"

// newMockClient returns a client whose transport is httpmock, with
// GET /api/auth answering testToken. Register responders on the returned
// transport with mockBase + path.
func newMockClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	c, err := NewClient(testAPIKey, append([]Option{WithBaseURL(mockBase), WithRetry(3, time.Millisecond, 5*time.Millisecond)}, opts...)...)
	require.NoError(t, err)
	httpmock.ActivateNonDefault(c.e.rc.GetClient())
	mt := c.e.rc.GetClient().Transport.(*httpmock.MockTransport)
	t.Cleanup(httpmock.DeactivateAndReset)
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth",
		httpmock.NewStringResponder(200, `{"status_code":9999,"payload":{"access_token":"`+testToken+`","token_type":"Bearer","access_type":"normal"}}`))
	return c, mt
}

// fixture returns the bytes of testdata/<name>.
func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// fixtureResponder answers with a fixture file.
func fixtureResponder(t testing.TB, name string) httpmock.Responder {
	return httpmock.NewBytesResponder(200, fixture(t, name))
}

// envelopeOK returns a success envelope around payload (raw JSON). It is the
// one envelope builder of the tests; okPayload, failCode and failStatus
// answer with it.
func envelopeOK(payload string) string {
	return `{"status_code":9999,"instance_id":"stg","payload":` + payload + `,"key_enabled":false}`
}

// okPayload answers HTTP 200 with a success envelope around payload.
func okPayload(payload string) httpmock.Responder {
	return httpmock.NewStringResponder(http.StatusOK, envelopeOK(payload))
}

// failCode answers an error envelope with HTTP 200, as OMICall does.
func failCode(code string) httpmock.Responder { return failStatus(http.StatusOK, code) }

// failStatus answers HTTP status with an error envelope carrying code as
// its message ("" for none).
func failStatus(status int, code string) httpmock.Responder {
	body := `{"status_code":-9999`
	if code != "" {
		body += `,"message":"` + code + `"`
	}
	return httpmock.NewStringResponder(status, body+"}")
}

// decodeFixturePayload decodes the payload of a fixture's envelope through
// the client's own response decoding. It is the one fixture decoder of the
// tests.
func decodeFixturePayload(t testing.TB, name string, out any) {
	t.Helper()
	require.NoError(t, decodeResponse(&request{method: "GET", path: "/fixture", out: out}, 200, fixture(t, name)))
}

// ctxT returns a context that ends with the test.
func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// requireValidation asserts err is a *ValidationError naming field.
func requireValidation(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, field, ve.Field)
}

// sentRequest is one request a recording responder received.
type sentRequest struct {
	Method string
	Path   string // URL path, escaped
	Query  url.Values
	Header http.Header
	Body   []byte
}

// recorder collects the requests a recording responder answered.
type recorder struct {
	mu   sync.Mutex
	reqs []sentRequest
}

func (r *recorder) all() []sentRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]sentRequest(nil), r.reqs...)
}

func (r *recorder) count() int { return len(r.all()) }

// only returns the single recorded request, failing the test if there is
// not exactly one.
func (r *recorder) only(t *testing.T) sentRequest {
	t.Helper()
	all := r.all()
	require.Len(t, all, 1, "requests sent")
	return all[0]
}

// last returns the latest recorded request.
func (r *recorder) last(t *testing.T) sentRequest {
	t.Helper()
	all := r.all()
	require.NotEmpty(t, all, "no request was sent")
	return all[len(all)-1]
}

// recordURL answers method u with answers in turn (the last one repeats)
// and records each request.
func recordURL(t *testing.T, mt *httpmock.MockTransport, method, u string, answers ...httpmock.Responder) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterResponder(method, u, rec.responder(t, answers))
	return rec
}

// recordAny answers every request that no other responder takes with
// answers in turn (the last one repeats) and records each one.
func recordAny(t *testing.T, mt *httpmock.MockTransport, answers ...httpmock.Responder) *recorder {
	t.Helper()
	rec := &recorder{}
	mt.RegisterNoResponder(rec.responder(t, answers))
	return rec
}

// responder records each request and answers with answers in turn.
func (r *recorder) responder(t *testing.T, answers []httpmock.Responder) httpmock.Responder {
	t.Helper()
	require.NotEmpty(t, answers)
	return func(req *http.Request) (*http.Response, error) {
		var body []byte
		if req.Body != nil {
			body, _ = io.ReadAll(req.Body)
			req.Body = io.NopCloser(bytes.NewReader(body))
		}
		r.mu.Lock()
		n := len(r.reqs)
		r.reqs = append(r.reqs, sentRequest{Method: req.Method, Path: req.URL.EscapedPath(), Query: req.URL.Query(), Header: req.Header.Clone(), Body: body})
		r.mu.Unlock()
		return answers[min(n, len(answers)-1)](req)
	}
}

// recordRoute is recordURL for a path relative to mockBase.
func recordRoute(t *testing.T, mt *httpmock.MockTransport, method, path string, answers ...httpmock.Responder) *recorder {
	t.Helper()
	return recordURL(t, mt, method, mockBase+path, answers...)
}

// testPassword is a password the invite accepts.
const testPassword = "S3cret!Pass-777"

// hookSecret is the webhook secret of the call-hook tests.
const hookSecret = "hook-secret-SECRET-0003"

// collect drains an iterator into a slice, stopping at the first error.
func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// errOf returns the error of a call that also returns a value.
func errOf(_ any, err error) error { return err }

// fieldErr is an error that must be a ValidationError naming field.
type fieldErr struct {
	field string
	err   error
}

// requireFields checks that each error is a ValidationError naming its
// field.
func requireFields(t *testing.T, cases []fieldErr) {
	t.Helper()
	for i, tc := range cases {
		t.Run(tc.field, func(t *testing.T) {
			require.Error(t, tc.err, "case %d", i)
			requireValidation(t, tc.err, tc.field)
		})
	}
}

// roundTripFunc is an http.RoundTripper made of a function.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
