package otelomicall_test

import (
	"context"
	"log"
	"os"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/otelomicall"
)

func handleEvent(context.Context, *omicall.CallEvent) error { return nil }

// One observer for the client and the webhook handler, on the global
// OpenTelemetry providers (set them up first, with your exporter).
func Example() {
	obs, err := otelomicall.New() // or otelomicall.WithTracerProvider(tp), otelomicall.WithMeterProvider(mp)
	if err != nil {
		log.Fatal(err)
	}
	c, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"), omicall.WithObserver(obs))
	if err != nil {
		log.Fatal(err)
	}
	h := omicall.NewWebhookHandler(handleEvent, omicall.WithWebhookObserver(obs))
	_, _ = c, h
}
