package omicall

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// getObject sends GET path (with query q) and decodes the payload into a
// new T.
func getObject[T any](ctx context.Context, e *engine, path string, q url.Values) (*T, error) {
	out := new(T)
	if err := e.do(ctx, &request{method: http.MethodGet, path: path, query: q, out: out}); err != nil {
		return nil, err
	}
	return out, nil
}

// postObject sends body as JSON by POST and decodes the payload into a new
// T. opts say whether it may be retried.
func postObject[T any](ctx context.Context, e *engine, path string, body any, opts ...RequestOption) (*T, error) {
	out := new(T)
	if err := e.do(ctx, &request{method: http.MethodPost, path: path, body: body, out: out}, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// validator is a request body that checks itself (a nil pointer included)
// before it is sent.
type validator interface{ validate() error }

// createValid validates req and POSTs it to path once, decoding the answer
// into a new T.
func createValid[T any](ctx context.Context, e *engine, path string, req validator) (*T, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	return postObject[T](ctx, e, path, req)
}

// updateValid validates id and req and POSTs req to base/:id, decoding the
// answer into a new T. An update has the same effect twice, so it is
// retried.
func updateValid[T any](ctx context.Context, e *engine, base, id string, req validator) (*T, error) {
	path, err := pathID(base, "id", id)
	if err != nil {
		return nil, err
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return postObject[T](ctx, e, path, req, WithRetryPOST())
}

// doApplied sends r, whose payload is a boolean, and turns a payload of
// false into ErrNotApplied.
func (e *engine) doApplied(ctx context.Context, r *request) error {
	var payload json.RawMessage
	r.out = &payload
	if err := e.do(ctx, r); err != nil {
		return err
	}
	if bytes.Equal(bytes.TrimSpace(payload), []byte("false")) {
		return fmt.Errorf("omicall: %s %s: %w", r.method, r.path, ErrNotApplied)
	}
	return nil
}

// pathID returns base + "/" + the escaped id, or a ValidationError naming
// field when id is empty.
func pathID(base, field, id string) (string, error) {
	if err := requiredSegment(field, id); err != nil {
		return "", err
	}
	return base + "/" + url.PathEscape(id), nil
}

// deleteByID sends DELETE base/:id.
func (e *engine) deleteByID(ctx context.Context, base, id string) error {
	path, err := pathID(base, "id", id)
	if err != nil {
		return err
	}
	return e.do(ctx, &request{method: http.MethodDelete, path: path})
}

// postElseGet POSTs body to path (retried: it only reads), and when the
// host has no such POST route (HTTP 404 or 405 without an envelope) GETs
// path with query q instead. It serves the endpoints whose method the
// evidence leaves unsettled.
func (e *engine) postElseGet(ctx context.Context, path string, body any, q url.Values, out any) error {
	err := e.do(ctx, &request{method: http.MethodPost, path: path, body: body, out: out}, WithRetryPOST())
	if routeMissing(err) {
		err = e.do(ctx, &request{method: http.MethodGet, path: path, query: q, out: out})
	}
	return err
}

// getElsePost is postElseGet the other way round: GET first, POST on a
// missing route.
func (e *engine) getElsePost(ctx context.Context, path string, q url.Values, body, out any) error {
	err := e.do(ctx, &request{method: http.MethodGet, path: path, query: q, out: out})
	if routeMissing(err) {
		err = e.do(ctx, &request{method: http.MethodPost, path: path, body: body, out: out}, WithRetryPOST())
	}
	return err
}
