package omicalltest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestListenWithAnyAPIKey(t *testing.T) {
	srv := omicalltest.NewServer(omicalltest.WithAnyAPIKey())
	url, stop, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if srv.URL() != url || srv.APIKey() != "" {
		t.Errorf("URL %q (listening on %q), APIKey %q", srv.URL(), url, srv.APIKey())
	}
	ctx := context.Background()
	for _, key := range []string{"any-key", "another-key"} {
		c, err := omicall.NewClient(key, omicall.WithBaseURL(url))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Tenant.Get(ctx); err != nil {
			t.Errorf("key %q: %v", key, err)
		}
	}
	resp, err := http.Get(url + "/api/auth?apiKey=")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if srv.Requests("GET /api/auth") != 3 {
		t.Errorf("%d auth requests", srv.Requests("GET /api/auth"))
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := stop(sctx); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(url + "/api/auth?apiKey=k"); err == nil {
		t.Error("still listening after stop")
	}
	if _, _, err := omicalltest.NewServer().Listen("256.0.0.1:1"); err == nil {
		t.Error("a bad address was accepted")
	}
}

func TestWithAPIKeyStillRefusesOthers(t *testing.T) {
	srv := omicalltest.NewServer(omicalltest.WithAPIKey("the-key"))
	url, stop, err := srv.Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer stop(context.Background())
	c, _ := omicall.NewClient("other-key", omicall.WithBaseURL(url))
	if _, err := c.Tenant.Get(context.Background()); !errors.Is(err, omicall.ErrAPIKeyInvalid) {
		t.Errorf("another key: %v", err)
	}
}
