package omicall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkParseCallEvent compares ParseCallEvent of the CDR fixture (sdk)
// with a bare json.Unmarshal of the same bytes into map[string]any (raw).
// Goal: sdk <= 1.5x raw.
func BenchmarkParseCallEvent(b *testing.B) {
	body := fixture(b, "webhook_cdr.json")
	b.Run("sdk", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for range b.N {
			ev, err := ParseCallEvent(body)
			if err != nil || ev.CDR == nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for range b.N {
			var m map[string]any
			if err := json.Unmarshal(body, &m); err != nil || m["state"] != "cdr" {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWebhookHandler drives the handler in-process (httptest request
// and recorder, no network) with the CDR fixture, on GOMAXPROCS goroutines,
// and reports events/s. "plain" has no options; "secret+dedup" checks a
// secret and deduplicates, with a fresh call id per event so that every
// event reaches the callback. Goal: >= 20,000 events/s on 2 cores.
func BenchmarkWebhookHandler(b *testing.B) {
	cdr := fixture(b, "webhook_cdr.json")
	id := []byte("ae5f56fc-7baa-4537-b312-1105023bbb49")
	at := bytes.Index(cdr, id)
	if at < 0 {
		b.Fatal("call id not in the fixture")
	}
	ok := func(context.Context, *CallEvent) error { return nil }
	for _, bc := range []struct {
		name   string
		target string
		h      http.Handler
	}{
		{"plain", "/omicall", NewWebhookHandler(ok)},
		{"secret+dedup", "/omicall?secret=bench-secret", NewWebhookHandler(ok, WithWebhookSecret("bench-secret"), WithDedup(time.Minute))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var seq atomic.Uint64
			b.ReportAllocs()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					body := make([]byte, 0, len(cdr))
					body = append(body, cdr[:at]...)
					body = fmt.Appendf(body, "%036d", seq.Add(1))
					body = append(body, cdr[at+len(id):]...)
					req := httptest.NewRequest(http.MethodPost, bc.target, bytes.NewReader(body))
					rec := httptest.NewRecorder()
					bc.h.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Errorf("status %d", rec.Code)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "events/s")
		})
	}
}
