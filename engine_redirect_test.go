package omicall

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A redirect of the token request is never followed, so the API key in its
// query never reaches another host — with the default client and
// with the caller's own http.Client.
func TestHostileTokenRedirectToAnotherHost(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.RawQuery, hostileKey) || r.URL.Query().Get("apiKey") != "" {
			leaked.Add(1)
		}
		hostileOK(w, `{"access_token":"stolen"}`)
	}))
	defer other.Close()
	var authHits atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		authHits.Add(1)
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusFound) // the query, key included, goes along
	}))
	defer front.Close()
	for name, opts := range map[string][]Option{
		"default client": nil,
		"own client":     {WithHTTPClient(&http.Client{})},
	} {
		t.Run(name, func(t *testing.T) {
			authHits.Store(0)
			c := newHostileClient(t, front.URL, append(opts, WithRetry(3, time.Millisecond, 2*time.Millisecond))...)
			_, err := c.Tenant.Get(ctxT(t))
			require.Error(t, err)
			assert.NotContains(t, err.Error(), hostileKey)
			assert.Zero(t, leaked.Load(), "the API key reached another host")
			assert.Equal(t, int32(1), authHits.Load(), "a refused redirect is not retried")
		})
	}
}

// redirectRig is a front host that redirects, and another host (another
// port of the loopback address: net/http itself would send it the
// Authorization header). It records the headers of every request each one
// receives, by "front /path" or "other /path".
type redirectRig struct {
	front, other *httptest.Server
	mu           sync.Mutex
	seen         map[string][]http.Header
}

const rigToken = "rig-access-token-SECRET-0007"

func newRedirectRig(t *testing.T) *redirectRig {
	t.Helper()
	rig := &redirectRig{seen: map[string][]http.Header{}}
	rig.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rig.record("other", r)
		hostileOK(w, `true`)
	}))
	t.Cleanup(rig.other.Close)
	rig.front = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rig.record("front", r)
		switch {
		case r.URL.Path == "/api/auth":
			hostileOK(w, `{"access_token":"`+rigToken+`"}`)
		case strings.HasSuffix(r.URL.Path, "/cross"):
			http.Redirect(w, r, rig.other.URL+"/api/landed", http.StatusTemporaryRedirect)
		case strings.HasSuffix(r.URL.Path, "/same"):
			http.Redirect(w, r, "/api/landed", http.StatusTemporaryRedirect)
		case r.URL.Path == "/api/loop":
			http.Redirect(w, r, "/api/loop", http.StatusTemporaryRedirect)
		default:
			hostileOK(w, `true`)
		}
	}))
	t.Cleanup(rig.front.Close)
	return rig
}

func (rig *redirectRig) record(host string, r *http.Request) {
	rig.mu.Lock()
	defer rig.mu.Unlock()
	k := host + " " + r.URL.Path
	rig.seen[k] = append(rig.seen[k], r.Header.Clone())
}

// at returns the headers of the requests that reached host and path.
func (rig *redirectRig) at(hostPath string) []http.Header {
	rig.mu.Lock()
	defer rig.mu.Unlock()
	return rig.seen[hostPath]
}

// On a redirect to another host the credentials (the token, the API key)
// and the per-call headers (WithHeader) stay behind; on a redirect within
// the host they all go along.
func TestRedirectDropsPerCallHeadersAndCredentialsOffTheHost(t *testing.T) {
	rig := newRedirectRig(t)
	c := newHostileClient(t, rig.front.URL)
	for _, path := range []string{"/api/cross", "/api/v3/cross", "/api/same", "/api/v3/same"} {
		require.NoError(t, c.Do(ctxT(t), http.MethodGet, path, nil, nil, nil, WithHeader("X-Trace", "t-1"), WithHeader("Cookie", "sid=1")), path)
	}
	away := rig.at("other /api/landed")
	require.Len(t, away, 2)
	for _, h := range away {
		for _, k := range []string{"Authorization", "X-Api-Key", "X-Trace", "Cookie"} {
			assert.Empty(t, h.Get(k), k)
		}
		assert.NotEmpty(t, h.Get("User-Agent"), "the client's own headers go along")
	}
	home := rig.at("front /api/landed")
	require.Len(t, home, 2)
	assert.Equal(t, "Bearer "+rigToken, home[0].Get("Authorization"))
	assert.Equal(t, hostileKey, home[1].Get("X-Api-Key"), "a /api/v3/ path carries the key")
	for _, h := range home {
		assert.Equal(t, "t-1", h.Get("X-Trace"))
		assert.Equal(t, "sid=1", h.Get("Cookie"))
	}
}

// A request whose query carries an API key is never redirected, even
// within its host: the query would go along.
func TestRedirectOfAnAPIKeyInTheQueryIsRefused(t *testing.T) {
	rig := newRedirectRig(t)
	c := newHostileClient(t, rig.front.URL, WithRetry(3, time.Millisecond, time.Millisecond))
	for _, k := range []string{"apiKey", "api_key", "APIKEY"} {
		err := c.Do(ctxT(t), http.MethodGet, "/api/same", url.Values{k: {"k-1"}}, nil, nil)
		require.ErrorIs(t, err, errRedirectRefused, k)
	}
	assert.Len(t, rig.at("front /api/same"), 3, "a refused redirect is not retried")
	assert.Empty(t, rig.at("front /api/landed"))
}

// The token request is not redirected within its own host either.
func TestTokenRequestNeverRedirectedWithinItsHost(t *testing.T) {
	var moved atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/auth" {
			http.Redirect(w, r, "/api/auth2?"+r.URL.RawQuery, http.StatusFound)
			return
		}
		moved.Add(1)
		hostileOK(w, `{"access_token":"t"}`)
	}))
	defer srv.Close()
	c := newHostileClient(t, srv.URL)
	_, err := c.Token(ctxT(t))
	require.ErrorIs(t, err, errRedirectRefused)
	assert.NotContains(t, err.Error(), hostileKey)
	assert.Zero(t, moved.Load())
}

// The caller's own redirect policy is consulted after the guard, on a
// request that no longer carries what must stay behind.
func TestRedirectConsultsTheCallersPolicyAfterTheGuard(t *testing.T) {
	rig := newRedirectRig(t)
	var seen []http.Header
	hc := &http.Client{CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		seen = append(seen, req.Header.Clone())
		return http.ErrUseLastResponse
	}}
	c := newHostileClient(t, rig.front.URL, WithHTTPClient(hc))
	err := c.Do(ctxT(t), http.MethodGet, "/api/cross", nil, nil, nil, WithHeader("X-Trace", "t-1"))
	require.Error(t, err, "the redirect itself is the answer, and it has no envelope")
	require.Len(t, seen, 1)
	assert.Empty(t, seen[0].Get("Authorization"))
	assert.Empty(t, seen[0].Get("X-Trace"))
	assert.Empty(t, rig.at("other /api/landed"), "the caller's policy stopped the redirect")
}

// Without a policy of the caller's, net/http's default holds: the request
// and nine redirects reach the host, the tenth redirect is refused.
func TestRedirectsStopAfterTen(t *testing.T) {
	rig := newRedirectRig(t)
	c := newHostileClient(t, rig.front.URL)
	err := c.Do(ctxT(t), http.MethodGet, "/api/loop", nil, nil, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "stopped after 10 redirects")
	assert.Len(t, rig.at("front /api/loop"), 10)
}
