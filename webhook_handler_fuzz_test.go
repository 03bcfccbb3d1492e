package omicall

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func FuzzWebhookHandler(f *testing.F) {
	for _, s := range webhookSeeds(f) {
		for _, m := range []string{http.MethodPost, http.MethodGet} {
			f.Add(m, "secret", s, uint8(0))
			f.Add(m, "", s, uint8(3))
		}
	}
	h := NewWebhookHandler(func(_ context.Context, ev *CallEvent) error {
		switch ev.CallID {
		case "fail":
			return errors.New("fail")
		case "panic":
			panic("fuzz")
		}
		return nil
	}, WithWebhookSecret("secret"), WithMaxBodyBytes(4096), WithDedup(time.Minute))
	documented := map[int]bool{200: true, 400: true, 401: true, 405: true, 413: true, 500: true}
	f.Fuzz(func(t *testing.T, method, secret string, body []byte, where uint8) {
		if method == "" || !validMethod(method) {
			method = http.MethodPost
		}
		req := httptest.NewRequest(method, "/hook", bytes.NewReader(body))
		switch where % 3 {
		case 0:
			req.Header.Set(WebhookSecretHeader, secret)
		case 1:
			q := req.URL.Query()
			q.Set("secret", secret)
			req.URL.RawQuery = q.Encode()
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !documented[rec.Code] {
			t.Fatalf("undocumented status %d", rec.Code)
		}
		if rec.Code == 200 && method != http.MethodPost {
			t.Fatalf("%s answered 200", method)
		}
	})
}

// validMethod reports whether m is an HTTP token, as httptest.NewRequest
// requires.
func validMethod(m string) bool {
	for _, c := range m {
		if c <= ' ' || c >= 0x7f || bytes.ContainsRune([]byte(`()<>@,;:\"/[]?={}`), c) {
			return false
		}
	}
	return true
}
