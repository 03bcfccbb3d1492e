package simulator

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
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
