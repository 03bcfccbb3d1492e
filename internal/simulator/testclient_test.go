package simulator

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTrip sends one request to the simulator — in process through its
// handler when base is "", else over loopback to base — and returns the
// answer's status, headers and body. header is set on the request as given
// (credentials, content type).
func roundTrip(t testing.TB, s *Server, base, method, path string, body []byte, header map[string]string) (int, http.Header, []byte) {
	t.Helper()
	var req *http.Request
	if base == "" {
		req = httptest.NewRequest(method, path, bytes.NewReader(body))
	} else {
		var err error
		if req, err = http.NewRequest(method, base+path, bytes.NewReader(body)); err != nil {
			t.Fatal(err)
		}
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if base == "" {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		return rec.Code, rec.Header(), rec.Body.Bytes()
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, raw
}

// bearer is the Authorization header of token ("" for none).
func bearer(token string) map[string]string {
	if token == "" {
		return nil
	}
	return map[string]string{"Authorization": "Bearer " + token}
}

// testClient calls a started simulator with a valid token.
type testClient struct {
	t     *testing.T
	s     *Server
	base  string
	token string
}

func newTestClient(t *testing.T, opts ...Option) *testClient {
	t.Helper()
	s := New(opts...)
	base, stop := s.Start()
	t.Cleanup(stop)
	c := &testClient{t: t, s: s, base: base}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	status, env := c.send("GET", "/api/auth?apiKey="+s.APIKey(), "", nil)
	require.Equal(t, 200, status)
	require.NoError(t, json.Unmarshal(env.Payload, &tok))
	c.token = tok.AccessToken
	return c
}

type testEnvelope struct {
	StatusCode int             `json:"status_code"`
	Message    string          `json:"message"`
	Payload    json.RawMessage `json:"payload"`
}

// send makes one request; body is a JSON string or, with contentType set,
// raw bytes.
func (c *testClient) send(method, path, contentType string, body []byte) (int, testEnvelope) {
	c.t.Helper()
	if contentType == "" {
		contentType = "application/json"
	}
	h := map[string]string{"Content-Type": contentType}
	if c.token != "" {
		h["Authorization"] = "Bearer " + c.token
	}
	status, _, raw := roundTrip(c.t, c.s, c.base, method, path, body, h)
	var env testEnvelope
	require.NoError(c.t, json.Unmarshal(raw, &env), string(raw))
	return status, env
}

func (c *testClient) json(method, path, body string) (int, testEnvelope) {
	c.t.Helper()
	return c.send(method, path, "", []byte(body))
}

// ok asserts a success envelope and decodes its payload into out.
func (c *testClient) ok(method, path, body string, out any) {
	c.t.Helper()
	status, env := c.json(method, path, body)
	require.Equal(c.t, 200, status, env.Message)
	require.Equal(c.t, 9999, env.StatusCode, env.Message)
	if out != nil {
		require.NoError(c.t, json.Unmarshal(env.Payload, out))
	}
}

// fails asserts an error envelope with the HTTP status and code.
func (c *testClient) fails(status int, code, method, path, body string) {
	c.t.Helper()
	got, env := c.json(method, path, body)
	assert.Equal(c.t, status, got, "%s %s", method, path)
	assert.Equal(c.t, -9999, env.StatusCode)
	assert.Equal(c.t, code, env.Message, "%s %s %s", method, path, body)
}

// multipartFileBody builds a multipart body with one file part (none when
// field is empty).
func multipartFileBody(t *testing.T, field, name, data string) (string, []byte) {
	return multipartUpload(t, nil, field, name, []byte(data))
}

// multipartUpload builds a multipart body with the form fields and one file
// part (none when field is empty).
func multipartUpload(t *testing.T, fields map[string]string, field, name string, data []byte) (string, []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		require.NoError(t, w.WriteField(k, v))
	}
	if field != "" {
		fw, err := w.CreateFormFile(field, name)
		require.NoError(t, err)
		_, _ = fw.Write(data)
	}
	require.NoError(t, w.Close())
	return w.FormDataContentType(), buf.Bytes()
}

func remarshal(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// call sends one request to the handler and returns status, headers and the
// decoded envelope.
func call(t *testing.T, s *Server, method, target, token string) (int, http.Header, map[string]any) {
	t.Helper()
	status, h, raw := roundTrip(t, s, "", method, target, nil, bearer(token))
	var env map[string]any
	_ = json.Unmarshal(raw, &env)
	return status, h, env
}

func login(t *testing.T, s *Server) string {
	t.Helper()
	code, _, env := call(t, s, "GET", "/api/auth?apiKey="+s.APIKey(), "")
	require.Equal(t, 200, code)
	require.EqualValues(t, 9999, env["status_code"])
	return env["payload"].(map[string]any)["access_token"].(string)
}

// itemsOf returns the items of a page envelope as raw JSON.
func itemsOf(t *testing.T, env testEnvelope) string {
	t.Helper()
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(env.Payload, &raw))
	return string(raw["items"])
}

// histEnd is the end of the seeded history in these tests.
var histEnd = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// histAnswer is a decoded answer of the simulator.
type histAnswer struct {
	HTTP       int
	StatusCode int             `json:"status_code"`
	Message    string          `json:"message"`
	Payload    json.RawMessage `json:"payload"`
}

// histCall sends one request to s with a fresh token (or the API key when
// apiKey is set) and decodes the envelope.
func histCall(t *testing.T, s *Server, method, target string, body any, apiKey bool) histAnswer {
	t.Helper()
	var b []byte
	if body != nil {
		var err error
		b, err = json.Marshal(body)
		require.NoError(t, err)
	}
	h := bearer(s.issueToken())
	if apiKey {
		h = map[string]string{"x-api-key": s.APIKey()}
	}
	status, _, raw := roundTrip(t, s, "", method, target, b, h)
	a := histAnswer{HTTP: status}
	require.NoError(t, json.Unmarshal(raw, &a), string(raw))
	return a
}
