package omicall_test

import (
	"context"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/omicall-go/omicall"
)

// An Observer without OpenTelemetry: one log line per call (or a
// Prometheus histogram observed in the same place).
func ExampleObserver() {
	obs := &omicall.Observer{
		Call: func(ctx context.Context, call omicall.CallInfo) (context.Context, func(omicall.CallResult)) {
			start := time.Now()
			return ctx, func(r omicall.CallResult) {
				slog.InfoContext(ctx, "omicall call", "method", call.Method, "route", call.Route,
					"status", r.Status, "attempts", r.Attempts, "took", time.Since(start))
			}
		},
	}
	c, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"), omicall.WithObserver(obs))
	if err != nil {
		log.Fatal(err)
	}
	_ = c
}
