package simulator

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"
)

// apiError is a failure the simulator answers with.
type apiError struct {
	status     int           // HTTP status
	code       string        // envelope message
	retryAfter time.Duration // sent as a Retry-After header (whole seconds, rounded up) when positive
}

// Error returns the envelope message.
func (e *apiError) Error() string { return e.code }

// fail is a documented error code, answered with HTTP 200 and status_code
// -9999 as OMICall does.
func fail(code string) error { return &apiError{status: http.StatusOK, code: code} }

// failHTTP is an error answered with an HTTP error status.
func failHTTP(status int, code string) error { return &apiError{status: status, code: code} }

// failRetryAfter is a documented error code, answered with HTTP 200 as
// fail does, and a Retry-After header of wait.
func failRetryAfter(code string, wait time.Duration) error {
	return &apiError{status: http.StatusOK, code: code, retryAfter: wait}
}

// errNotFound answers an unknown id.
var errNotFound = failHTTP(http.StatusNotFound, "not_found")

// binaryBody, returned by a handler, is written as the whole response body
// as is (no envelope, no JSON): audio files, empty answers.
type binaryBody struct {
	contentType string
	data        []byte
	status      int // 0 means 200
}

func writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{status: http.StatusInternalServerError, code: "internal_error"}
	}
	if ae.retryAfter > 0 {
		secs := (ae.retryAfter + time.Second - 1) / time.Second
		w.Header().Set("Retry-After", strconv.FormatInt(int64(secs), 10))
	}
	writeEnvelope(w, ae.status, -9999, ae.code, nil)
}

type envelope struct {
	StatusCode      int    `json:"status_code"`
	Message         string `json:"message,omitempty"`
	InstanceID      string `json:"instance_id"`
	InstanceVersion string `json:"instance_version"`
	Payload         any    `json:"payload,omitempty"`
	KeyEnabled      bool   `json:"key_enabled"`
}

func writeEnvelope(w http.ResponseWriter, status, code int, msg string, payload any) {
	writeJSON(w, status, envelope{StatusCode: code, Message: msg, InstanceID: "sim", InstanceVersion: Version, Payload: payload})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"status_code":-9999,"message":"internal_error"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
