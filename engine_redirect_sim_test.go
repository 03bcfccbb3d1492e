package omicall_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestCredentialsNeverFollowARedirectToAnotherOrigin(t *testing.T) {
	var leaked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" || r.Header.Get("x-api-key") != "" {
			leaked.Add(1)
		}
		_, _ = io.WriteString(w, `{"status_code":9999,"payload":{"full_name":"ok"}}`)
	}))
	defer other.Close()
	sim := omicalltest.NewServer()
	mux := http.NewServeMux()
	mux.Handle("/api/auth", sim.Handler()) // the token is fetched; every other path redirects
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})
	front := httptest.NewServer(mux)
	defer front.Close()

	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(front.URL), omicall.WithRetry(1, 0, 0))
	require.NoError(t, err)
	ten, err := c.Tenant.Get(ctxT(t))
	require.NoError(t, err, "the redirect is followed")
	assert.Equal(t, "ok", ten.FullName)
	_, _ = c.Transactions.SearchLegacy(ctxT(t), &omicall.LegacySearchRequest{UserUUIDs: []string{"u"}, From: time.Now().Add(-time.Hour), To: time.Now()})
	assert.Zero(t, leaked.Load(), "a credential went to another origin")
}
