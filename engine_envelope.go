package omicall

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// statusSuccess is the envelope status_code of a successful call.
const statusSuccess = 9999

// envelope is OMICall's response wrapper. Payload holds the caller's
// destination pointer, so the payload is decoded in the same pass as the
// envelope. The status code is lenient like every number: 9999, "9999" and
// 9999.0 all mean success.
type envelope struct {
	StatusCode *Int   `json:"status_code"`
	Message    string `json:"message"`
	Payload    any    `json:"payload"`
}

// decodeResponse turns one HTTP response into nil or an error, decoding the
// payload of a successful envelope into r.out.
func decodeResponse(r *request, status int, body []byte) error {
	if status == http.StatusNoContent && len(bytes.TrimSpace(body)) == 0 {
		return nil // no content: an empty payload (an empty page for a list)
	}
	if r.raw {
		return decodeRaw(r, status, body)
	}
	env := envelope{Payload: r.out}
	if r.out == nil {
		env.Payload = &json.RawMessage{}
	}
	pg, isPage := r.out.(pager)
	if isPage && r.page.size > 0 {
		pg.bound(r.page.size) // the items are counted before any is decoded
	}
	err := decodeLenient(body, &env)
	switch {
	case err != nil || env.StatusCode == nil:
		if status == http.StatusNotFound { // only an envelope says "not found": this is a wrong host or path
			return &DecodeError{HTTPStatus: status, Method: r.method, Path: r.path, Err: errNoEnvelope404{
				&APIError{HTTPStatus: status, Method: r.method, Path: r.path}}}
		}
		if status >= 400 {
			return &APIError{HTTPStatus: status, Method: r.method, Path: r.path}
		}
		if err == nil {
			err = errors.New("no status_code in the response")
		}
		return &DecodeError{HTTPStatus: status, Method: r.method, Path: r.path, Err: err}
	case status >= 400 || *env.StatusCode != statusSuccess:
		return &APIError{HTTPStatus: status, StatusCode: int(*env.StatusCode), Code: env.Message, Method: r.method, Path: r.path}
	case isPage && r.page.size > 0:
		if err := pg.check(r.page); err != nil {
			return &DecodeError{HTTPStatus: status, Method: r.method, Path: r.path, Err: err}
		}
	}
	return nil
}

// decodeRaw handles endpoints that answer without the envelope.
func decodeRaw(r *request, status int, body []byte) error {
	if status >= 400 {
		var e struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(body, &e)
		return &APIError{HTTPStatus: status, Code: e.Message, Method: r.method, Path: r.path}
	}
	if raw, ok := r.out.(*[]byte); ok { // binary download (TTS audio)
		*raw = body
		return nil
	}
	if r.out == nil || len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if err := decodeLenient(body, r.out); err != nil {
		return &DecodeError{HTTPStatus: status, Method: r.method, Path: r.path, Err: err}
	}
	return nil
}

// decodeLenient unmarshals data into v. A field whose JSON type does not fit
// its Go type is left zero and the rest of the document is still decoded;
// only malformed JSON is an error.
func decodeLenient(data []byte, v any) error {
	err := json.Unmarshal(data, v)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("decoding JSON: %w", err)
	}
	return nil
}

// errNoEnvelope404 is the cause of a DecodeError for an HTTP 404 that carries
// no OMICall envelope (an HTML page from a wrong host or proxy). It unwraps
// to the *APIError of the status (which does not match ErrNotFound: only an
// envelope says "not found").
type errNoEnvelope404 struct{ api *APIError }

func (e errNoEnvelope404) Error() string {
	return "HTTP 404 without an OMICall envelope: not an OMICall answer; check the base URL (WithBaseURL)"
}

func (e errNoEnvelope404) Unwrap() error { return e.api }
