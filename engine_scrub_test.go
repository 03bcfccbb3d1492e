package omicall

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A redirect whose Location cannot be parsed (net/http quotes the Location,
// query and key included, in its error) puts neither the API key nor a token
// in the error text or in the retry log line.
func TestHostileBadLocationLeaksNoKey(t *testing.T) {
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A Location that fails to parse, echoing the query (key included).
		w.Header().Set("Location", "http://[::1%zz]/api/auth?"+r.URL.RawQuery)
		w.WriteHeader(http.StatusFound)
	}))
	defer front.Close()
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newHostileClient(t, front.URL, WithLogger(log), WithRetry(2, time.Millisecond, 2*time.Millisecond))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), hostileKey)
	assert.NotContains(t, logs.String(), hostileKey)
}

// Whatever the type of a transport error, its text is scrubbed of the API
// key and the token, and errors.Is still sees the cause.
func TestHostileTransportErrorTextIsScrubbed(t *testing.T) {
	cause := errors.New("proxy said: GET /api/auth?apiKey=" + hostileKey + " and Bearer tok-1 refused")
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return nil, fmt.Errorf("custom transport: %w", cause)
	})}
	c := newHostileClient(t, "https://api.omicall.test", WithHTTPClient(hc))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.NotContains(t, err.Error(), "tok-1")
	assert.ErrorIs(t, err, cause)
}

func TestSecretsNeverInErrorsOrLogs(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newMockClient(t, WithLogger(logger))
	// A transport failure on the token request: net/http's error carries the
	// full URL, ?apiKey= included.
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth", httpmock.NewErrorResponder(errors.New("connection refused")))
	_, err := c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testAPIKey)
	assert.NotContains(t, err.Error(), "apiKey=")
	var ue *url.Error
	require.ErrorAs(t, err, &ue, "the transport error stays matchable")
	assert.NotContains(t, ue.URL, testAPIKey)

	// A rejected request after a successful token fetch.
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/auth",
		httpmock.NewStringResponder(200, `{"status_code":9999,"payload":{"access_token":"`+testToken+`"}}`))
	mt.RegisterResponder(http.MethodGet, mockBase+"/api/tenant/detail", httpmock.NewStringResponder(500, `{"status_code":-9999,"message":"boom"}`))
	_, err = c.Tenant.Get(ctxT(t))
	require.Error(t, err)
	for _, s := range []string{err.Error(), logs.String()} {
		assert.NotContains(t, s, testAPIKey)
		assert.NotContains(t, s, testToken)
	}
	assert.Contains(t, logs.String(), "/api/tenant/detail", "logs are written")
	tok, err := c.Token(ctxT(t))
	require.NoError(t, err)
	for _, s := range []string{tok.String(), fmt.Sprintf("%v %+v %#v", tok, tok, tok)} {
		assert.NotContains(t, s, testToken)
	}
}

// sealKey and sealToken are the secrets the seal tests hide.
const (
	sealKey   = "seal-api-key-SECRET-0011"
	sealToken = "seal-token-SECRET-0012"
)

var sealSecrets = []string{sealKey, sealToken}

// The SDK's own error types keep their type and identity; each field that
// could echo a secret loses it, and so does every error they wrap.
func TestSealScrubsTheSDKErrors(t *testing.T) {
	api := &APIError{HTTPStatus: 401, Code: "bad key " + sealKey, RequestID: "req-" + sealToken, Method: "GET", Path: "/api/x/" + sealKey}
	assert.Same(t, api, sealErr(api, sealSecrets))
	assert.Equal(t, APIError{HTTPStatus: 401, Code: "bad key [redacted]", RequestID: "req-[redacted]", Method: "GET", Path: "/api/x/[redacted]"}, *api)

	ve := &ValidationError{Field: "key " + sealKey, Reason: "looks like " + sealToken}
	assert.Same(t, ve, sealErr(ve, sealSecrets))
	assert.Equal(t, ValidationError{Field: "key [redacted]", Reason: "looks like [redacted]"}, *ve)

	de := &DecodeError{HTTPStatus: 200, Method: "GET", Path: "/api/" + sealToken, Err: errors.New("near " + sealKey)}
	assert.Same(t, de, sealErr(de, sealSecrets))
	assert.Equal(t, "/api/[redacted]", de.Path)
	assert.Equal(t, "near [redacted]", de.Err.Error())

	ue := &url.Error{Op: "Get", URL: "https://h.example/api/auth?apiKey=" + sealKey + "#f", Err: errors.New("dial: " + sealToken)}
	assert.Same(t, ue, sealErr(ue, sealSecrets))
	assert.Equal(t, "https://h.example/api/auth", ue.URL, "the query and fragment are dropped")
	assert.Equal(t, "dial: [redacted]", ue.Err.Error())
	frag := &url.Error{Op: "Get", URL: "https://h.example/api/x#apiKey=" + sealKey, Err: io.EOF}
	sealErr(frag, sealSecrets)
	assert.Equal(t, "https://h.example/api/x", frag.URL)

	pf := &PartialFailureError{Failures: []CallBotFailure{{PhoneNumber: sealKey, Code: "c " + sealToken, Message: "m " + sealKey}}}
	assert.Same(t, pf, sealErr(pf, sealSecrets))
	assert.Equal(t, CallBotFailure{PhoneNumber: "[redacted]", Code: "c [redacted]", Message: "m [redacted]"}, pf.Failures[0])

	bare := &APIError{HTTPStatus: 404, Path: "/api/" + sealKey}
	sealErr(errNoEnvelope404{bare}, sealSecrets)
	assert.Equal(t, "/api/[redacted]", bare.Path)

	ce := &ctxEndedError{method: "GET", path: "/api/" + sealKey, attempts: 2, last: errors.New("last " + sealToken), ctxErr: context.DeadlineExceeded}
	assert.Same(t, ce, sealErr(ce, sealSecrets))
	assert.NotContains(t, ce.Error(), sealKey)
	assert.NotContains(t, ce.Error(), sealToken)
	assert.ErrorIs(t, ce, context.DeadlineExceeded)
}

// secretHolder is an error of a type the SDK does not know, whose text and
// field hold a secret.
type secretHolder struct{ secret string }

func (e *secretHolder) Error() string { return "upstream said " + e.secret }

// timeoutHolder is a foreign error that matches context.DeadlineExceeded by
// its Is method, without wrapping it, as some transport errors do.
type timeoutHolder struct{ secret string }

func (e *timeoutHolder) Error() string        { return "timed out reaching " + e.secret }
func (e *timeoutHolder) Is(target error) bool { return target == context.DeadlineExceeded }

// quietError hides what it wraps from its text.
type quietError struct{ inner error }

func (e *quietError) Error() string { return "quiet" }
func (e *quietError) Unwrap() error { return e.inner }

// A foreign error whose text or chain held a secret is replaced: the text is
// scrubbed, errors.Is still matches what the original matched, and
// errors.As no longer reaches the original. One without a secret is left
// as it is.
func TestSealReplacesAForeignErrorHoldingASecret(t *testing.T) {
	holder := &secretHolder{sealKey}
	orig := fmt.Errorf("calling: %w: %w", holder, context.DeadlineExceeded)
	got := sealErr(orig, sealSecrets)
	assert.Equal(t, "calling: upstream said [redacted]: context deadline exceeded", got.Error())
	assert.ErrorIs(t, got, context.DeadlineExceeded)
	var h *secretHolder
	assert.False(t, errors.As(got, &h), "the original, secret and all, is out of reach")
	assert.Same(t, got, sealErr(got, sealSecrets), "sealing twice changes nothing")

	got = sealErr(&timeoutHolder{sealToken}, sealSecrets)
	assert.Equal(t, "timed out reaching [redacted]", got.Error())
	assert.ErrorIs(t, got, context.DeadlineExceeded, "what the original matched by its Is method")
	var th *timeoutHolder
	assert.False(t, errors.As(got, &th))

	quiet := &quietError{fmt.Errorf("%w near %s", context.Canceled, sealToken)}
	got = sealErr(quiet, sealSecrets)
	assert.Equal(t, "quiet", got.Error())
	assert.ErrorIs(t, got, context.Canceled)
	var q *quietError
	assert.False(t, errors.As(got, &q), "replaced although only its chain held the secret")
	for e := got; e != nil; {
		assert.NotContains(t, e.Error(), sealToken)
		kids := unwrapAll(e)
		if len(kids) == 0 {
			break
		}
		e = kids[0]
	}

	clean := fmt.Errorf("calling: %w", context.Canceled)
	assert.Same(t, clean, sealErr(clean, sealSecrets))
	assert.NoError(t, sealErr(nil, sealSecrets))
}

// seal hides every secret of the engine: the API key, the AI hosts' key, a
// token given with WithAccessToken, and the token the request carried.
func TestSealKnowsEverySecretOfTheEngine(t *testing.T) {
	const given, speech, carried = "given-token-SECRET-0013", "speech-key-SECRET-0014", "carried-token-SECRET-0015"
	c, err := NewClient(testAPIKey, WithAccessToken(given), WithSpeechAPIKey(speech))
	require.NoError(t, err)
	got := c.e.seal(errors.New(strings.Join([]string{testAPIKey, given, speech, carried}, " ")), carried)
	assert.Equal(t, "[redacted] [redacted] [redacted] [redacted]", got.Error())
}

func TestScrubText(t *testing.T) {
	const odd = "a b/c+d&e"
	for in, want := range map[string]string{
		"key " + odd:                                       "key [redacted]",
		"q=" + url.QueryEscape(odd):                        "q=[redacted]",
		"/p/" + url.PathEscape(odd):                        "/p/[redacted]",
		"GET /x?apiKey=zz9&page=1":                         "GET /x?apiKey=[redacted]&page=1",
		"GET /x?api_key=zz9, then":                         "GET /x?api_key=[redacted], then",
		"access_token=abc.def;token=x secret=y":            "access_token=[redacted];token=[redacted] secret=[redacted]",
		`Authorization: Bearer eyJ.abc "more"`:             `Authorization: Bearer [redacted] "more"`,
		"short abc stays; an empty secret changes nothing": "short abc stays; an empty secret changes nothing",
	} {
		assert.Equal(t, want, scrubText(in, odd, "abc", ""), in)
	}
}
