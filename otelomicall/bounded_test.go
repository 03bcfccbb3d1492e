package otelomicall_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// labelValues returns the values of one attribute over every data point of
// every metric.
func (r *otelRig) labelValues(t *testing.T, key attribute.Key) map[string]bool {
	var rm metricdata.ResourceMetrics
	require.NoError(t, r.reader.Collect(context.Background(), &rm))
	out := map[string]bool{}
	add := func(s attribute.Set) {
		if v, ok := s.Value(key); ok {
			out[v.Emit()] = true
		}
	}
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			switch d := m.Data.(type) {
			case metricdata.Sum[int64]:
				for _, p := range d.DataPoints {
					add(p.Attributes)
				}
			case metricdata.Histogram[float64]:
				for _, p := range d.DataPoints {
					add(p.Attributes)
				}
			}
		}
	}
	return out
}

// TestEventStateBounded: anyone who can reach the webhook (there may be no
// secret) can send any state; the metrics keep one series per known state
// and "other", however many states are sent.
func TestEventStateBounded(t *testing.T) {
	rig := newRig(t)
	h := omicall.NewWebhookHandler(func(context.Context, *omicall.CallEvent) error { return nil }, omicall.WithWebhookObserver(rig.obs))
	post := func(state string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook", strings.NewReader(`{"state":"`+state+`","call_uuid":"c-1"}`)))
	}
	for i := range 3000 {
		post("state-" + strconv.Itoa(i))
	}
	for _, s := range []string{"ringing", "answered", "hangup", "cdr", "create", "early"} {
		post(s)
	}
	got := rig.labelValues(t, "omicall.event.state")
	want := map[string]bool{"ringing": true, "answered": true, "hangup": true, "cdr": true, "create": true, "early": true, "other": true}
	for v := range want {
		assert.True(t, got[v], "state %q", v)
	}
	assert.Len(t, got, len(want), "series of omicall.event.state for 3,006 states sent")
	for _, s := range rig.spans.GetSpans() {
		for _, e := range s.Events {
			assert.NotContains(t, attrMap(e.Attributes)["omicall.event.state"], "state-")
		}
	}
}

// TestRouteTemplateWords: a path segment that is not a word of a known
// route is {id}, digits or not: names in the path do not make new span
// names or metric series.
func TestRouteTemplateWords(t *testing.T) {
	rig := newRig(t)
	c := omicalltest.NewServer().Client(t, omicall.WithObserver(rig.obs))
	_, _ = c.Contacts.Get(ctxT(t), "nguyenvanan")
	_, _ = c.Contacts.Get(ctxT(t), "tranthib")
	_ = c.Do(ctxT(t), http.MethodGet, "/api/contacts/details/levanc", nil, nil, nil)
	_ = c.Do(ctxT(t), http.MethodGet, "/api/reports/nguyenvanan/summary", nil, nil, nil)
	_, _ = c.Tenant.Get(ctxT(t))

	var names []string
	for _, s := range rig.spans.GetSpans() {
		names = append(names, s.Name)
		assert.NotContains(t, s.Name, "nguyenvanan")
		assert.NotContains(t, attrMap(s.Attributes)["url.template"], "nguyenvanan")
	}
	assert.Contains(t, names, "GET /api/contacts/details/{id}")
	assert.Contains(t, names, "GET /api/tenant/detail")
	assert.Contains(t, names, "GET /api/{id}/{id}/{id}", "an unknown route keeps only the API's words")
	routes := rig.labelValues(t, "url.template")
	assert.Equal(t, map[string]bool{"/api/contacts/details/{id}": true, "/api/{id}/{id}/{id}": true, "/api/tenant/detail": true, "/api/auth": true}, routes)
}

// TestErrorTypeBounded: error.type and the span status are one of a few
// categories, or a known error code: never a message the server chose.
func TestErrorTypeBounded(t *testing.T) {
	rig := newRig(t)
	sim := omicalltest.NewServer()
	c := sim.Client(t, omicall.WithObserver(rig.obs))
	const echoed = "Khách hàng nguyenvanan không tồn tại"
	sim.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Code: echoed})
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	sim.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Code: "permission_denied"})
	_, err = c.Tenant.Get(ctxT(t))
	require.ErrorIs(t, err, omicall.ErrPermissionDenied)
	sim.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Kind: omicalltest.FaultMalformed})
	_, err = c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	ctx, cancel := context.WithCancel(ctxT(t))
	cancel()
	_, err = c.Tenant.Get(ctx)
	require.Error(t, err)
	ctx, cancel = context.WithTimeout(ctxT(t), time.Nanosecond)
	defer cancel()
	<-ctx.Done()
	_, err = c.Tenant.Get(ctx)
	require.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)

	var types []string
	for _, s := range rig.spans.GetSpans() {
		assert.NotContains(t, s.Status.Description, "nguyenvanan", "span %q", s.Name)
		if v, ok := attrMap(s.Attributes)["error.type"]; ok {
			types = append(types, v)
		}
	}
	assert.ElementsMatch(t, []string{"api_error", "permission_denied", "decode", "canceled", "timeout"}, types)
	for v := range rig.labelValues(t, "omicall.outcome") {
		assert.NotContains(t, v, "nguyenvanan")
	}
}
