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

// webhookSeeds are the fixtures and edge cases every fuzz target starts from.
func webhookSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		nil, []byte(""), []byte(" "), []byte("null"), []byte("[]"), []byte(`"x"`), []byte("{}"),
		[]byte(`{"state":null}`), []byte(`{"state":1}`), []byte(`{"state":"cdr","tag":[{"name":1},"a",2]}`),
		[]byte(`{"state":"ringing","date_time":"1e400","created_time":-99999999999999999999}`),
		[]byte(`{"state":"cdr","time_end_call":"x","call_out_price":"NaN","user":{},"customer":[]}`),
		[]byte("{\"state\":\"\xff\xfe\"}"), []byte(`{"state":"ringing"`), []byte(`{"a":{"b":[[[[[]]]]]}}`),
	}
	for _, name := range []string{
		"webhook_cdr.json", "webhook_state_ringing.json", "webhook_state_answered.json",
		"webhook_state_hangup.json", "webhooks_list.json", "webhooks_register.json", "request_webhooks_register.json",
	} {
		seeds = append(seeds, fixture(f, name))
	}
	return seeds
}

func FuzzParseCallEvent(f *testing.F) {
	for _, s := range webhookSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := ParseCallEvent(body)
		if err != nil {
			if ev != nil {
				t.Fatal("an error with an event")
			}
			if !errors.Is(err, ErrInvalidCallEvent) {
				t.Fatalf("error %v does not match ErrInvalidCallEvent", err)
			}
			return
		}
		if ev.State == "" {
			t.Fatal("an event without a state")
		}
		if (ev.State == StateCDR) != (ev.CDR != nil) {
			t.Fatalf("state %q with CDR %v", ev.State, ev.CDR != nil)
		}
		if !bytes.Equal(ev.Raw, body) {
			t.Fatal("Raw differs from the body")
		}
	})
}

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
