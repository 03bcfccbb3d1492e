// Command quickstart shows a first session with the OMICall API. Without
// OMICALL_API_KEY it runs against the built-in simulator; with it, against
// OMICall (OMICALL_BASE_URL picks the host, staging by default).
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/internal/simulator"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	key, base := os.Getenv("OMICALL_API_KEY"), os.Getenv("OMICALL_BASE_URL")
	if key == "" {
		fmt.Println("OMICALL_API_KEY is not set: running against the built-in simulator.")
		sim := simulator.New()
		url, stop := sim.Start()
		defer stop()
		key, base = sim.APIKey(), url
	} else {
		if base == "" {
			base = omicall.DefaultBaseURL
		}
		fmt.Println("Running against OMICall at", base)
	}

	c, err := omicall.NewClient(key, omicall.WithBaseURL(base))
	if err != nil {
		return err
	}
	t, err := c.Tenant.Detail(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("Tenant: %s (domain %s, PBX %s, %s, balance %.0f %s)\n",
		t.FullName, t.Domain, t.DomainFusion, t.Status, float64(t.Balance), t.Currency)
	for _, n := range t.PublicNumbers {
		fmt.Printf("  hotline %s (%s) %s\n", n.Number, n.Provider, n.Status)
	}
	return nil
}
