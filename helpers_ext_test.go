package omicall_test

import (
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// newSimClient starts a simulator for the test and returns a client for it
// (retries with millisecond backoff) together with the simulator.
func newSimClient(t *testing.T, simOpts []omicalltest.Option, opts ...omicall.Option) (*omicall.Client, *omicalltest.Server) {
	t.Helper()
	sim := omicalltest.NewServer(simOpts...)
	c := sim.Client(t, append([]omicall.Option{omicall.WithRetry(3, time.Millisecond, 5*time.Millisecond)}, opts...)...)
	return c, sim
}

// The shared helpers of helpers_test.go under their usual names.
var (
	ctxT              = omicall.TestCtx
	requireValidation = omicall.RequireValidation
)

const (
	testPassword = omicall.TestPassword
	hookSecret   = omicall.HookSecret
)

func collect[T any](seq func(func(T, error) bool)) ([]T, error) { return omicall.Collect(seq) }

// simEnd is the end of the simulated history in these tests.
var simEnd = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
