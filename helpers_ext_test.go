package omicall_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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

// ctxT returns a context that ends with the test.
func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// requireValidation asserts err is a *omicall.ValidationError naming field.
func requireValidation(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, omicall.ErrValidation)
	var ve *omicall.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, field, ve.Field)
}

// testPassword is a password the invite accepts.
const testPassword = "S3cret!Pass-777"

// hookSecret is the webhook secret of the call-hook tests.
const hookSecret = "hook-secret-SECRET-0003"

// collect drains an iterator into a slice.
func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}
