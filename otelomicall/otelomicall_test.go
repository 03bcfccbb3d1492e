package otelomicall_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/omicall-go/omicall/otelomicall"
)

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

type otelRig struct {
	spans  *tracetest.InMemoryExporter
	reader *sdkmetric.ManualReader
	obs    *omicall.Observer
}

func newRig(t *testing.T) *otelRig {
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	reader := sdkmetric.NewManualReader()
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()); _ = mp.Shutdown(context.Background()) })
	obs, err := otelomicall.New(otelomicall.WithTracerProvider(tp), otelomicall.WithMeterProvider(mp))
	require.NoError(t, err)
	return &otelRig{spans: spans, reader: reader, obs: obs}
}

// metrics returns the collected data points: name -> attribute set -> value
// (the count for histograms).
func (r *otelRig) metrics(t *testing.T) map[string]map[string]float64 {
	var rm metricdata.ResourceMetrics
	require.NoError(t, r.reader.Collect(context.Background(), &rm))
	out := map[string]map[string]float64{}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			pts := map[string]float64{}
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					pts[p.Attributes.Encoded(attribute.DefaultEncoder())] += float64(p.Value)
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					pts[p.Attributes.Encoded(attribute.DefaultEncoder())] += float64(p.Count)
				}
			}
			out[m.Name] = pts
		}
	}
	return out
}

func sum(m map[string]float64, contains ...string) float64 {
	var n float64
next:
	for k, v := range m {
		for _, c := range contains {
			if !strings.Contains(k, c) {
				continue next
			}
		}
		n += v
	}
	return n
}

// TestSpansAndMetrics: a call that is retried once, with a token fetch,
// gives a span named by method and route template, with the attempts and
// retry wait, an event per attempt and a token-fetch child span; the
// metrics count the call, the retry and the fetch.
func TestSpansAndMetrics(t *testing.T) {
	rig := newRig(t)
	sim := omicalltest.NewServer()
	c := sim.Client(t, omicall.WithObserver(rig.obs))
	sim.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Status: 503})
	_, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err)

	spans := rig.spans.GetSpans()
	byName := map[string]tracetest.SpanStub{}
	for _, s := range spans {
		byName[s.Name] = s
	}
	call, ok := byName["GET /api/tenant/detail"]
	require.True(t, ok, "spans: %v", names(spans))
	fetch, ok := byName["omicall token fetch"]
	require.True(t, ok)
	auth, ok := byName["GET /api/auth"]
	require.True(t, ok)
	assert.Equal(t, call.SpanContext.SpanID(), fetch.Parent.SpanID(), "the token fetch is a child of the call that started it")
	assert.Equal(t, fetch.SpanContext.SpanID(), auth.Parent.SpanID(), "/api/auth nests in the fetch")
	attrs := attrMap(call.Attributes)
	assert.Equal(t, "2", attrs["omicall.attempts"])
	assert.Equal(t, "200", attrs["http.response.status_code"])
	assert.Equal(t, "/api/tenant/detail", attrs["url.template"])
	assert.Contains(t, attrs, "omicall.retry_wait_ms")
	require.Len(t, call.Events, 2)
	assert.Equal(t, "attempt", call.Events[0].Name)
	assert.Equal(t, "true", attrMap(call.Events[0].Attributes)["omicall.retry"])
	assert.Equal(t, "503", attrMap(call.Events[0].Attributes)["http.response.status_code"])
	assert.Equal(t, "api", attrMap(fetch.Attributes)["omicall.token.source"])

	m := rig.metrics(t)
	assert.EqualValues(t, 1, sum(m[otelomicall.MetricCallDuration], "/api/tenant/detail", "omicall.outcome=ok"))
	assert.EqualValues(t, 1, sum(m[otelomicall.MetricRetries], "/api/tenant/detail"))
	assert.EqualValues(t, 1, sum(m[otelomicall.MetricTokenFetches], "omicall.token.source=api"))
}

// TestNoSecretsInSpans: whatever the calls (a query string, a failing
// call, the token request with the API key in its query), no span name,
// attribute, event or status holds the API key, the token, or a query
// string.
func TestNoSecretsInSpans(t *testing.T) {
	rig := newRig(t)
	sim := omicalltest.NewServer()
	c := sim.Client(t, omicall.WithObserver(rig.obs))
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := c.Transactions.List(ctxT(t), &omicall.TransactionListOptions{From: from, To: from.Add(24 * time.Hour), Page: 2, Size: 10})
	require.NoError(t, err)
	_, err = c.Contacts.Get(ctxT(t), "no-such-contact-0000")
	require.Error(t, err)
	q := map[string][]string{"secret_filter": {"needle-in-query"}}
	_ = c.Do(ctxT(t), http.MethodGet, "/api/tenant/detail", q, nil, nil)
	sim.RevokeTokens() // a 401, then a new token
	_, err = c.Tenant.Get(ctxT(t))
	require.NoError(t, err)
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)

	forbidden := []string{sim.APIKey(), tok.AccessToken, "needle-in-query", "apiKey", "?", "page=", "no-such-contact-0000"}
	spans := rig.spans.GetSpans()
	require.NotEmpty(t, spans)
	for _, s := range spans {
		texts := []string{s.Name, s.Status.Description}
		for _, kv := range s.Attributes {
			texts = append(texts, string(kv.Key)+"="+kv.Value.Emit())
		}
		for _, e := range s.Events {
			texts = append(texts, e.Name)
			for _, kv := range e.Attributes {
				texts = append(texts, string(kv.Key)+"="+kv.Value.Emit())
			}
		}
		for _, txt := range texts {
			for _, f := range forbidden {
				assert.NotContains(t, txt, f, "span %q", s.Name)
			}
		}
	}
	m := rig.metrics(t)
	for name, pts := range m {
		for k := range pts {
			for _, f := range forbidden {
				assert.NotContains(t, k, f, "metric %s", name)
			}
		}
	}
}

// TestWebhookMetrics: webhook events are counted by state and outcome.
func TestWebhookMetrics(t *testing.T) {
	rig := newRig(t)
	h := omicall.NewWebhookHandler(func(context.Context, *omicall.CallEvent) error { return nil },
		omicall.WithDedup(time.Minute), omicall.WithWebhookObserver(rig.obs))
	for range 3 {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(`{"state":"ringing","call_uuid":"c-1"}`)))
	}
	m := rig.metrics(t)
	ev := m[otelomicall.MetricWebhookEvents]
	assert.EqualValues(t, 1, sum(ev, "omicall.event.state=ringing", "omicall.webhook.outcome=delivered"))
	assert.EqualValues(t, 2, sum(ev, "omicall.event.state=ringing", "omicall.webhook.outcome=duplicate"))
	assert.EqualValues(t, 3, sum(m[otelomicall.MetricWebhookTime]))
}

func names(spans tracetest.SpanStubs) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name)
	}
	return out
}

func attrMap(kvs []attribute.KeyValue) map[string]string {
	m := map[string]string{}
	for _, kv := range kvs {
		m[string(kv.Key)] = kv.Value.Emit()
	}
	return m
}
