package omicall

import (
	"net/http"
	"net/http/httptest"
	"strings"
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
