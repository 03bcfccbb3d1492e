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

// mockBase is the base URL of httpmock clients; the path prefix catches code
// that builds absolute paths.
const mockBase = "https://api.omicall.test/prefix"

// newMockClient returns a client whose transport is httpmock, with
// GET /api/auth answering testToken. Register responders on the returned
// transport with mockBase + path.
func newMockClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	c, err := NewClient(testAPIKey, append([]Option{WithBaseURL(mockBase), WithRetry(3, time.Millisecond, 5*time.Millisecond)}, opts...)...)
	require.NoError(t, err)
	httpmock.ActivateNonDefault(c.rc.GetClient())
	mt := c.rc.GetClient().Transport.(*httpmock.MockTransport)
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
	require.NotEmpty(t, answers)
	rec := &recorder{}
	mt.RegisterResponder(method, u, func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		rec.mu.Lock()
		n := len(rec.reqs)
		rec.reqs = append(rec.reqs, sentRequest{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: body})
		rec.mu.Unlock()
		return answers[min(n, len(answers)-1)](r)
	})
	return rec
}

// recordRoute is recordURL for a path relative to mockBase.
func recordRoute(t *testing.T, mt *httpmock.MockTransport, method, path string, answers ...httpmock.Responder) *recorder {
	t.Helper()
	return recordURL(t, mt, method, mockBase+path, answers...)
}
