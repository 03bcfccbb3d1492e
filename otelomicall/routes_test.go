package otelomicall

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

func TestTemplate(t *testing.T) {
	for in, want := range map[string]string{
		"/api/tenant/detail":                   "/api/tenant/detail",
		"/api/contacts/details/{id}":           "/api/contacts/details/{id}",
		"/api/contacts/details/nguyenvanan":    "/api/contacts/details/{id}",
		"/api/contacts/details/list":           "/api/contacts/details/{id}",
		"/api/ticket/update_status/closed":     "/api/ticket/update_status/{id}",
		"/api/call_transaction/detail/{id}":    "/api/call_transaction/detail/{id}",
		"/api/contacts/nguyenvanan/list":       "/api/contacts/{id}/list",
		"/v1/tts":                              "/v1/tts",
		"/a/b/c/d/e/f/g/h/i/j/k/l":             "/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{id}/{rest}",
		"/api/agent/list/":                     "/api/agent/list/",
		"/api/partner/tenant/info":             "/api/partner/tenant/info",
		"/api/v3/call-transaction/search":      "/api/v3/call-transaction/search",
		"/api/call_center/greeting/delete/abc": "/api/call_center/greeting/delete/{id}",
	} {
		assert.Equal(t, want, known.template(in), in)
	}
	assert.Equal(t, "GET", method("GET"))
	assert.Equal(t, "_OTHER", method("NGUYENVANAN"))
}

// TestRoutesCoverTheEndpoints keeps routes.txt in step with the root
// package's list of endpoints.
func TestRoutesCoverTheEndpoints(t *testing.T) {
	b, err := os.ReadFile("../testdata/endpoints.txt")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no ../testdata/endpoints.txt")
	}
	require.NoError(t, err)
	mine := map[string]bool{}
	for _, l := range strings.Split(routesTxt, "\n") {
		mine[strings.Join(strings.Fields(l), " ")] = true
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" && !strings.HasPrefix(l, "#") {
			assert.True(t, mine[l], "routes.txt lacks %q", l)
		}
	}
}

// TestRoutesCoverTheSDKPaths: every word of a path the root package's code
// names ("/api/...") is a word of routes.txt, so no call of the SDK has a
// literal segment of its route shown as {id}.
func TestRoutesCoverTheSDKPaths(t *testing.T) {
	lit := regexp.MustCompile(`"(/(?:api|v1)/[A-Za-z0-9_./:{}-]*)"`)
	var files []string
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != ".." && p != "../internal" && !strings.HasPrefix(p, "../internal/") || strings.HasPrefix(p, "../internal/simulator") {
			return filepath.SkipDir
		}
		if strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			files = append(files, p)
		}
		return nil
	})
	require.NoError(t, err)
	require.NotEmpty(t, files)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			n++
			for _, s := range strings.Split(strings.Trim(m[1], "/"), "/") {
				if s != "" && !strings.HasPrefix(s, ":") && !strings.HasPrefix(s, "{") {
					assert.True(t, known.words[s], "%s: %q: %q is not a word of routes.txt", f, m[1], s)
				}
			}
		}
	}
	assert.Greater(t, n, 50, "paths found in the root package")
}

func TestErrorType(t *testing.T) {
	for want, err := range map[string]error{
		"timeout":           fmt.Errorf("x: %w", context.DeadlineExceeded),
		"canceled":          context.Canceled,
		"agent_exists":      &omicall.APIError{Code: "agent_exists", HTTPStatus: 200},
		"api_error":         &omicall.APIError{Code: "Liên hệ nguyenvanan không tồn tại", HTTPStatus: 200},
		"validation":        fmt.Errorf("x: %w", omicall.ErrValidation),
		"decode":            fmt.Errorf("x: %w", omicall.ErrMalformedResponse),
		"network":           &url.Error{Op: "Get", URL: "https://h/api", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}},
		"other":             errors.New("nguyenvanan"),
		"token_expired":     &omicall.APIError{Code: "token_expired", HTTPStatus: 401},
		"permission_denied": &omicall.APIError{Code: "permission_denied"},
	} {
		assert.Equal(t, want, errorType(err), "%v", err)
	}
	for _, s := range []omicall.CallState{"ringing", "cdr", "", "early"} {
		assert.Equal(t, string(s), eventState(s))
	}
	assert.Equal(t, "other", eventState("nguyenvanan"))
}

// TestKnownCodesAreTheSDKs: every code that becomes a label is one the SDK
// matches with a sentinel error.
func TestKnownCodesAreTheSDKs(t *testing.T) {
	sentinels := []error{omicall.ErrAPIKeyRequired, omicall.ErrAPIKeyInvalid, omicall.ErrRequestBodyRequired, omicall.ErrUnauthorized,
		omicall.ErrFullNameRequired, omicall.ErrEmailInvalid, omicall.ErrPasswordInvalid, omicall.ErrRoleRequired, omicall.ErrAgentExists,
		omicall.ErrAgentLimit, omicall.ErrInviteFailed, omicall.ErrAgentUUIDExists, omicall.ErrRateLimited, omicall.ErrDateRequired,
		omicall.ErrDateInvalid, omicall.ErrDateRangeTooLong, omicall.ErrServiceLimit, omicall.ErrTTSWordLimit, omicall.ErrInsufficientBalance,
		omicall.ErrDataRequired, omicall.ErrTenantInvalid, omicall.ErrUserNotRegistered, omicall.ErrHotlineInvalid, omicall.ErrExtensionInvalid,
		omicall.ErrNotFound, omicall.ErrPermissionDenied, omicall.ErrTenantDisabled, omicall.ErrPackageExpired, omicall.ErrUserBusy,
		omicall.ErrDoNotCall, omicall.ErrPhoneInvalid, omicall.ErrPartnerInvalid, omicall.ErrRequestInvalid, omicall.ErrEmailRegistered,
		omicall.ErrCreateTenantFailed, omicall.ErrAccessDenied, omicall.ErrAmountTooSmall, omicall.ErrDescriptionRequired,
		omicall.ErrDescriptionTooShort}
	for code := range knownCodes {
		e := &omicall.APIError{Code: code, HTTPStatus: 200, StatusCode: -9999}
		matched := false
		for _, s := range sentinels {
			matched = matched || errors.Is(e, s)
		}
		assert.True(t, matched, "code %q matches no sentinel", code)
	}
}
