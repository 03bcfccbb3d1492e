package omicalltest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestNewClientTalksToTheSimulator(t *testing.T) {
	c, srv := omicalltest.NewClient(t, omicalltest.WithSeed(7))
	ten, err := c.Tenant.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if ten.DomainFusion == "" {
		t.Fatal("empty tenant")
	}
	srv.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Status: 503, Times: 5})
	_, err = c.Tenant.Get(context.Background())
	var apiErr *omicall.APIError
	if !errors.As(err, &apiErr) || apiErr.HTTPStatus != 503 {
		t.Fatalf("want HTTP 503, got %v", err)
	}
	if got := srv.Requests("GET /api/auth"); got != 1 {
		t.Fatalf("%d token requests", got)
	}
}

func TestConstantsAreTheSimulators(t *testing.T) {
	if got := omicalltest.NewServer().APIKey(); got != omicalltest.DefaultAPIKey {
		t.Fatalf("APIKey() = %q, DefaultAPIKey = %q", got, omicalltest.DefaultAPIKey)
	}
	srv := omicalltest.NewServer()
	url, stop := srv.Start()
	defer stop()
	p, err := omicall.NewPartnerClient(omicalltest.PartnerToken, omicall.WithBaseURL(url))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Me(context.Background()); err != nil {
		t.Fatalf("the server refuses PartnerToken: %v", err)
	}
}

func TestWithTenantTakesAnOmicallTenant(t *testing.T) {
	want := omicall.Tenant{FullName: "Trial Co", Enabled: true, Balance: 1000, ServicePackage: omicall.ServicePackage{CodeName: "trial"},
		PublicNumbers: []omicall.PublicNumber{{Number: "842899990009", Status: "active"}}}
	c, _ := omicalltest.NewClient(t, omicalltest.WithTenant(want))
	got, err := c.Tenant.Get(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.FullName != want.FullName || !bool(got.Enabled) || got.Balance != want.Balance || got.ServicePackage.CodeName != "trial" ||
		len(got.PublicNumbers) != 1 || got.PublicNumbers[0].Number != "842899990009" {
		t.Fatalf("tenant served: %+v", got)
	}
}

func TestSeedingAgentsAndCalls(t *testing.T) {
	c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(0, 0, time.Time{}))
	ctx := context.Background()
	ext := srv.AddAgent(omicall.InviteAgentRequest{FullName: "Lan", Email: "lan@demo.example"})
	if again := srv.AddAgent(omicall.InviteAgentRequest{Email: "LAN@demo.example"}); again != ext {
		t.Fatalf("same email: extension %q, then %q", ext, again)
	}
	d, err := c.CallCenter.LookupExtension(ctx, omicall.LookupBySIPUser, ext)
	if err != nil || d.FullName != "Lan" {
		t.Fatalf("LookupExtension(%s) = %+v, %v", ext, d, err)
	}

	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	id := srv.AddTransaction(omicall.Transaction{CreatedDate: omicall.Time{Time: at}, Direction: omicall.DirectionInbound,
		SIPUser: ext, PhoneNumber: "0911222333"})
	tx, err := c.Transactions.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if tx.Direction != omicall.DirectionInbound || tx.SIPUser != ext || tx.PhoneNumber != "0911222333" || !tx.CreatedDate.Equal(at) {
		t.Fatalf("record: %+v", tx)
	}
	if ids := srv.CallIDs(at, at); len(ids) != 1 || ids[0] != id {
		t.Fatalf("CallIDs = %v, want [%s]", ids, id)
	}
}

func TestPlaceCallDeliversHooks(t *testing.T) {
	c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(0, 0, time.Time{}), omicalltest.WithLiveEvents2023())
	hooks := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer hooks.Close()
	if _, err := c.Webhooks.Register(context.Background(), &omicall.RegisterWebhookRequest{Type: "call", URL: hooks.URL}); err != nil {
		t.Fatal(err)
	}
	ext, hotline := srv.DemoCaller()
	id, err := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0900000001"})
	if err != nil {
		t.Fatal(err)
	}
	srv.WaitCalls()
	var states []omicall.CallState
	for _, d := range srv.Deliveries() {
		if d.CallID == id && d.Status == http.StatusOK {
			states = append(states, d.State)
		}
	}
	want := []omicall.CallState{omicall.StateRinging, omicall.StateAnswered, omicall.StateHangup, omicall.StateCDR}
	if !slices.Equal(states, want) {
		t.Fatalf("delivered %v, want %v", states, want)
	}
}
