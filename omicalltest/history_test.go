package omicalltest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestHistoryRateLimitCoversTheV3Search(t *testing.T) {
	c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(50, 24*time.Hour, time.Time{}))
	srv.SetHistoryRateLimit(1)
	req := &omicall.SearchRequest{From: time.Now().Add(-25 * time.Hour), To: time.Now()}
	if _, err := c.Transactions.Search(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	_, err := c.Transactions.Search(context.Background(), req)
	var apiErr *omicall.APIError
	if !errors.Is(err, omicall.ErrRateLimited) || !errors.As(err, &apiErr) {
		t.Fatalf("want the rate limit, got %v", err)
	}
	if apiErr.Code != "rate_limit_exceeded" || apiErr.RetryAfter <= 0 || apiErr.RetryAfter > 30*time.Minute {
		t.Fatalf("code %q, Retry-After %v", apiErr.Code, apiErr.RetryAfter)
	}
}
