package omicalltest_test

import (
	"context"
	"errors"
	"testing"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestNewClientTalksToTheSimulator(t *testing.T) {
	c, srv := omicalltest.NewClient(t, omicalltest.WithSeed(7))
	ten, err := c.Tenant.Detail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ten.DomainFusion == "" {
		t.Fatal("empty tenant")
	}
	srv.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Status: 503, Times: 5})
	_, err = c.Tenant.Detail(context.Background())
	var apiErr *omicall.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 503 {
		t.Fatalf("want HTTP 503, got %v", err)
	}
	if got := srv.Requests("GET /api/auth"); got != 1 {
		t.Fatalf("%d token requests", got)
	}
}
