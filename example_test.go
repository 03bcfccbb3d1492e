package omicall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// This example runs against the built-in simulator.
func ExampleTenantService_Detail() {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()

	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		log.Fatal(err)
	}
	t, err := c.Tenant.Get(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.FullName, t.DomainFusion, t.Status)
	// Output: Demo Company democo activated
}

// The first call of the README, against OMICall itself.
func ExampleNewClient() {
	ctx := context.Background()
	c, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	tenant, err := c.Tenant.Get(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tenant.FullName, tenant.DomainFusion, tenant.Balance)
}

func ExampleWithBaseURL() {
	key := os.Getenv("OMICALL_API_KEY")
	c, err := omicall.NewClient(key, omicall.WithBaseURL(omicall.DefaultBaseURL))
	_, _ = c, err
}

func ExampleOption() {
	key := os.Getenv("OMICALL_API_KEY")
	var myTransport http.RoundTripper = http.DefaultTransport
	c, err := omicall.NewClient(key,
		omicall.WithBaseURL(omicall.DefaultBaseURL),
		omicall.WithTimeout(10*time.Second),                       // per HTTP attempt; ctx bounds the call
		omicall.WithRetry(3, 250*time.Millisecond, 5*time.Second), // attempts, backoff bounds
		omicall.WithLogger(slog.Default()),                        // Debug per request, Warn per retry
		omicall.WithUserAgent("my-crm/2.1"),
		omicall.WithHTTPClient(&http.Client{Transport: myTransport}),
	)
	_, _ = c, err
}

func ExampleNewMemoryTokenStore() {
	ctx := context.Background()
	key := os.Getenv("OMICALL_API_KEY")
	store := omicall.NewMemoryTokenStore() // or your own Load/Save on Redis, a database, ...
	a, _ := omicall.NewClient(key, omicall.WithTokenStore(store))
	b, _ := omicall.NewClient(key, omicall.WithTokenStore(store)) // reuses a's token
	tok, err := a.Token(ctx)                                      // the current token, if you need it
	_, _, _ = b, tok, err
}

// Errors from OMICall match sentinels with errors.Is.
func ExampleAPIError() {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	ctx := context.Background()
	c, _ := omicall.NewClient("not-the-key", omicall.WithBaseURL(url))

	_, err := c.Tenant.Get(ctx)
	switch {
	case errors.Is(err, omicall.ErrAPIKeyInvalid):
		// wrong key
	case errors.Is(err, omicall.ErrRateLimited):
		// limit_request_30_minute or HTTP 429: wait before asking again
	case errors.Is(err, omicall.ErrValidation):
		// refused before sending: see the *omicall.ValidationError's Field and Reason
	}
	var apiErr *omicall.APIError
	if errors.As(err, &apiErr) {
		log.Printf("OMICall said %s (HTTP %d)", apiErr.Code, apiErr.HTTPStatus)
	}
	fmt.Println(errors.Is(err, omicall.ErrAPIKeyInvalid))
	fmt.Println(err)
	// Output:
	// true
	// omicall: GET /api/auth: api_key_invalid (status -9999, HTTP 200); the API key was sent to 127.0.0.1: check the key and the base URL (WithBaseURL)
}

func ExampleContextWithRetry() {
	ctx := context.Background()
	c, _ := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
	req := &omicall.ClickToCallRequest{Extension: "100", Hotline: "842899990001", PhoneNumber: "0900000001"}
	id, err := c.Calls.ClickToCall(omicall.ContextWithRetry(ctx), req)
	_, _ = id, err
}

func ExampleClient_Do() {
	ctx := context.Background()
	c, _ := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
	to := time.Now()
	from := to.AddDate(0, 0, -7)
	var out struct {
		Items []omicall.Transaction `json:"items"`
	}
	err := c.Do(ctx, http.MethodPost, "/api/v2/callTransaction/search", nil,
		map[string]any{"fromDate": from.UnixMilli(), "toDate": to.UnixMilli(), "keyword": "0900000001"}, &out)
	_ = err
}
