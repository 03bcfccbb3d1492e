package omicall_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// BenchmarkTenantDetail compares one typed call through the SDK (warm token)
// with the same request made with plain net/http and encoding/json, against
// the same in-process simulator in the same run.
func BenchmarkTenantDetail(b *testing.B) {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	ctx := context.Background()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		b.Fatal(err)
	}
	tok, err := c.Token(ctx)
	if err != nil {
		b.Fatal(err)
	}

	b.Run("sdk", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := c.Tenant.Get(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/api/tenant/detail", nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var env struct {
				StatusCode int            `json:"status_code"`
				Payload    omicall.Tenant `json:"payload"`
			}
			err = json.NewDecoder(resp.Body).Decode(&env)
			resp.Body.Close()
			if err != nil || env.StatusCode != 9999 /* success */ {
				b.Fatal(err, env.StatusCode)
			}
		}
	})
}
