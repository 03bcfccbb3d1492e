package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// bounded runs fn with a deadline d from now and returns at that deadline
// even if fn has not: go-redis ignores a context's deadline on its sockets
// unless ContextTimeoutEnabled is set, and would wait its ReadTimeout (3s
// by default) for a Redis that hangs. fn is left to end by itself.
func bounded[T any](parent context.Context, d time.Duration, fn func(context.Context) (T, error)) (T, error) {
	return abortable(parent, d, nil, fn)
}

// errOutage is the error of a call given up because another call found
// Redis failing.
var errOutage = errors.New("Redis is failing")

// abortable is bounded, and returns errOutage at once when abort is closed.
func abortable[T any](parent context.Context, d time.Duration, abort <-chan struct{}, fn func(context.Context) (T, error)) (T, error) {
	ctx, cancel := context.WithTimeout(parent, d)
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		defer cancel()
		v, err := fn(ctx)
		ch <- result{v, err}
	}()
	var zero T
	select {
	case r := <-ch:
		return r.v, r.err
	case <-abort:
		select {
		case r := <-ch:
			return r.v, r.err
		default:
		}
		return zero, errOutage
	case <-ctx.Done():
		select {
		case r := <-ch: // fn ended (and cancelled ctx) first
			return r.v, r.err
		default:
		}
		if err := parent.Err(); err != nil {
			return zero, err
		}
		return zero, fmt.Errorf("Redis did not answer within %s: %w", d, ctx.Err())
	}
}

// refused reports whether Redis refused a command to this user (an ACL
// without it, or a command renamed away), rather than failed.
func refused(err error) bool {
	return err != nil && (redis.IsPermissionError(err) || redis.HasErrorPrefix(err, "unknown command"))
}
