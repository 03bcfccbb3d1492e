// Package otelomicall reports what an omicall client and webhook handler do
// to OpenTelemetry: a span per SDK call, with an event per HTTP attempt and
// a child span per token fetch, and metrics of call durations, retries,
// token fetches and webhook events.
//
// It plugs into omicall's Observer hook, so the root package imports no
// OpenTelemetry package:
//
//	obs, err := otelomicall.New() // the global tracer and meter providers
//	c, err := omicall.NewClient(key, omicall.WithObserver(obs))
//	h := omicall.NewWebhookHandler(fn, omicall.WithWebhookObserver(obs))
//
// Spans are named "METHOD /path/template": every path segment that is not a
// word of a known route of the API becomes {id}. No span or metric carries
// the API key, a token, a query string or an error message, and every label
// takes a bounded set of values, whatever a server or a webhook caller
// sends: errors are told by their kind or by a code the SDK knows (e.g.
// "agent_exists"), an event's state by a state of the API or "other".
package otelomicall

import (
	"context"
	"errors"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/omicall-go/omicall"
)

// ScopeName is the instrumentation scope of the tracer and the meter.
const ScopeName = "github.com/omicall-go/omicall/otelomicall"

// Metric names.
const (
	MetricCallDuration  = "omicall.client.call.duration"   // histogram, seconds
	MetricRetries       = "omicall.client.retries"         // counter
	MetricTokenFetches  = "omicall.client.token.fetches"   // counter
	MetricWebhookEvents = "omicall.webhook.events"         // counter
	MetricWebhookTime   = "omicall.webhook.event.duration" // histogram, seconds
)

// Option configures New.
type Option func(*config)

type config struct {
	tp trace.TracerProvider
	mp metric.MeterProvider
}

// WithTracerProvider sets the tracer provider (default otel.GetTracerProvider()).
func WithTracerProvider(tp trace.TracerProvider) Option { return func(c *config) { c.tp = tp } }

// WithMeterProvider sets the meter provider (default otel.GetMeterProvider()).
func WithMeterProvider(mp metric.MeterProvider) Option { return func(c *config) { c.mp = mp } }

type recorder struct {
	tracer   trace.Tracer
	duration metric.Float64Histogram
	retries  metric.Int64Counter
	fetches  metric.Int64Counter
	events   metric.Int64Counter
	hookTime metric.Float64Histogram
}

// New returns an observer for omicall.WithObserver and
// omicall.WithWebhookObserver. It fails only if an instrument cannot be
// created.
func New(opts ...Option) (*omicall.Observer, error) {
	cfg := config{}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if cfg.tp == nil {
		cfg.tp = otel.GetTracerProvider()
	}
	if cfg.mp == nil {
		cfg.mp = otel.GetMeterProvider()
	}
	m := cfg.mp.Meter(ScopeName)
	r := &recorder{tracer: cfg.tp.Tracer(ScopeName)}
	var errs [5]error
	r.duration, errs[0] = m.Float64Histogram(MetricCallDuration, metric.WithUnit("s"),
		metric.WithDescription("Duration of OMICall API calls, retries and waits included."))
	r.retries, errs[1] = m.Int64Counter(MetricRetries, metric.WithDescription("HTTP attempts of OMICall API calls that were retried."))
	r.fetches, errs[2] = m.Int64Counter(MetricTokenFetches, metric.WithDescription("Access token fetches, by source (api: /api/auth; store: the token store)."))
	r.events, errs[3] = m.Int64Counter(MetricWebhookEvents, metric.WithDescription("Call hooks answered, by state and outcome."))
	r.hookTime, errs[4] = m.Float64Histogram(MetricWebhookTime, metric.WithUnit("s"), metric.WithDescription("Time to answer a call hook."))
	if err := errors.Join(errs[:]...); err != nil {
		return nil, err
	}
	return &omicall.Observer{Call: r.call, Attempt: r.attempt, TokenFetch: r.tokenFetch, WebhookEvent: r.webhookEvent}, nil
}

func (r *recorder) call(ctx context.Context, c omicall.CallInfo) (context.Context, func(omicall.CallResult)) {
	m, route := method(c.Method), known.template(c.Route)
	base := []attribute.KeyValue{
		attribute.String("http.request.method", m),
		attribute.String("url.template", route),
	}
	start := time.Now()
	ctx, span := r.tracer.Start(ctx, m+" "+route, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(base...))
	ctx = context.WithValue(ctx, callAttrs{}, base)
	return ctx, func(res omicall.CallResult) {
		attrs := []attribute.KeyValue{
			attribute.Int("omicall.attempts", res.Attempts),
			attribute.Int64("omicall.retry_wait_ms", res.RetryWait.Milliseconds()),
		}
		if res.Status != 0 {
			attrs = append(attrs, attribute.Int("http.response.status_code", res.Status))
		}
		if res.StatusCode != 0 {
			attrs = append(attrs, attribute.Int("omicall.status_code", res.StatusCode))
		}
		outcome := "ok"
		if res.Err != nil {
			outcome = errorType(res.Err)
			attrs = append(attrs, attribute.String("error.type", outcome))
			span.SetStatus(codes.Error, outcome)
		}
		span.SetAttributes(attrs...)
		span.End()
		mattrs := append(base, attribute.String("omicall.outcome", outcome))
		if res.Status != 0 {
			mattrs = append(mattrs, attribute.Int("http.response.status_code", res.Status))
		}
		r.duration.Record(context.WithoutCancel(ctx), time.Since(start).Seconds(), metric.WithAttributes(mattrs...))
	}
}

// callAttrs is the context key of a call's method and route attributes.
type callAttrs struct{}

func (r *recorder) attempt(ctx context.Context, a omicall.AttemptInfo) {
	attrs := []attribute.KeyValue{
		attribute.Int("omicall.attempt", a.Attempt),
		attribute.Int64("omicall.elapsed_ms", a.Elapsed.Milliseconds()),
	}
	if a.Status != 0 {
		attrs = append(attrs, attribute.Int("http.response.status_code", a.Status))
	}
	if a.Retry {
		attrs = append(attrs, attribute.Bool("omicall.retry", true), attribute.Int64("omicall.retry_wait_ms", a.Wait.Milliseconds()))
	}
	trace.SpanFromContext(ctx).AddEvent("attempt", trace.WithTimestamp(a.Start.Add(a.Elapsed)), trace.WithAttributes(attrs...))
	if a.Retry {
		base, _ := ctx.Value(callAttrs{}).([]attribute.KeyValue)
		r.retries.Add(context.WithoutCancel(ctx), 1, metric.WithAttributes(base...))
	}
}

func (r *recorder) tokenFetch(ctx context.Context) (context.Context, func(omicall.TokenFetchResult)) {
	ctx, span := r.tracer.Start(ctx, "omicall token fetch", trace.WithSpanKind(trace.SpanKindInternal))
	return ctx, func(res omicall.TokenFetchResult) {
		source := "store"
		if res.FromAPI {
			source = "api"
		}
		outcome := "ok"
		if res.Err != nil {
			outcome = errorType(res.Err)
			span.SetStatus(codes.Error, outcome)
		}
		span.SetAttributes(attribute.String("omicall.token.source", source), attribute.String("omicall.outcome", outcome))
		span.End()
		r.fetches.Add(context.WithoutCancel(ctx), 1, metric.WithAttributes(attribute.String("omicall.token.source", source),
			attribute.String("omicall.outcome", outcome)))
	}
}

func (r *recorder) webhookEvent(ctx context.Context, e omicall.WebhookEventInfo) {
	state := eventState(e.State)
	attrs := metric.WithAttributes(attribute.String("omicall.event.state", state), attribute.String("omicall.webhook.outcome", e.Outcome))
	r.events.Add(context.WithoutCancel(ctx), 1, attrs)
	r.hookTime.Record(context.WithoutCancel(ctx), e.Elapsed.Seconds(), attrs)
	trace.SpanFromContext(ctx).AddEvent("omicall webhook event", trace.WithAttributes(
		attribute.String("omicall.event.state", state), attribute.String("omicall.webhook.outcome", e.Outcome),
		attribute.Int("http.response.status_code", e.Status)))
}
