package omicall_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/omicall-go/omicall"
)

func ExampleStagingBaseURL() {
	key := os.Getenv("OMICALL_STAGING_API_KEY") // a staging key; production keys fail here
	c, err := omicall.NewClient(key, omicall.WithBaseURL(omicall.StagingBaseURL))
	_, _ = c, err
}

func ExampleWithAPIKeyHeader() {
	c, _ := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
	ctx := context.Background()
	var page omicall.Page[omicall.Transaction]
	err := c.Do(ctx, http.MethodPost, "/api/v3/call-transaction/search", url.Values{"page": {"1"}, "size": {"50"}},
		map[string]any{"filter": map[string]any{}, "sort": map[string]any{"field": "created_date", "isAsc": false}},
		&page, omicall.WithAPIKeyHeader(), omicall.WithRetryPOST())
	_ = err
}

func ExampleVietnam() {
	var t omicall.Time
	_ = json.Unmarshal([]byte(`1700000000`), &t) // Unix seconds, as OMICall sends them
	fmt.Println(t.Time)
	fmt.Println(t.In(omicall.Vietnam).Format(time.DateTime))
	// Output:
	// 2023-11-14 22:13:20 +0000 UTC
	// 2023-11-15 05:13:20
}
