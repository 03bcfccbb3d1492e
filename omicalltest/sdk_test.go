package omicalltest_test

import (
	"context"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// TestWebhookHandlerReadsTheSimulatorsHooks runs the SDK's webhook handler
// against the simulator's hooks of the kinds integrators meet: numbers as
// JSON numbers, calls of two legs, a ring group and a contact hook.
func TestWebhookHandlerReadsTheSimulatorsHooks(t *testing.T) {
	ctx := context.Background()
	c, srv := omicalltest.NewClient(t, omicalltest.WithNumericLiveFields(), omicalltest.WithTwoLegCalls())
	var mu sync.Mutex
	calls := map[string][]*omicall.CallEvent{}
	var contacts []*omicall.ContactEvent
	h := omicall.NewWebhookHandler(func(_ context.Context, ev *omicall.CallEvent) error {
		mu.Lock()
		defer mu.Unlock()
		calls[ev.CallID] = append(calls[ev.CallID], ev)
		return nil
	}, omicall.WithDedup(time.Minute), omicall.WithContactEvents(func(_ context.Context, ev *omicall.ContactEvent) error {
		mu.Lock()
		defer mu.Unlock()
		contacts = append(contacts, ev)
		return nil
	}))
	hooks := httptest.NewServer(h)
	defer hooks.Close()
	for _, typ := range []string{omicall.WebhookTypeCall, omicall.WebhookTypeContact} {
		if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: typ, URL: hooks.URL}); err != nil {
			t.Fatal(err)
		}
	}

	ext, hotline := srv.DemoCaller()
	var answered string
	for range 20 {
		id, err := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0901234567"})
		if err != nil {
			t.Fatal(err)
		}
		srv.WaitHooks()
		mu.Lock()
		for _, ev := range calls[id] {
			if ev.State == omicall.StateAnswered {
				answered = id
			}
		}
		mu.Unlock()
		if answered != "" {
			break
		}
	}
	if answered == "" {
		t.Fatal("no answered call in 20")
	}
	group, err := srv.ReceiveCall(omicalltest.InboundCall{PhoneNumber: "0901234568"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Contacts.Create(ctx, &omicall.CreateContactRequest{FullName: "Lan", RefID: "r1"}); err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()

	mu.Lock()
	defer mu.Unlock()
	legs, cdrs := map[string]bool{}, 0
	for _, ev := range calls[answered] {
		legs[ev.CallUUID] = true
		if ev.State == omicall.StateCDR {
			cdrs++
			continue
		}
		if ev.Extension != ext || ev.PhoneNumber != "901234567" {
			t.Errorf("%s: extension %q, phone %q from JSON numbers", ev.State, ev.Extension, ev.PhoneNumber)
		}
	}
	if len(legs) != 2 || cdrs != 2 {
		t.Errorf("two-leg call: legs %v, %d CDRs; want 2 and 2, all under the transaction id", legs, cdrs)
	}
	rang := map[string]bool{}
	for _, ev := range calls[group] {
		if ev.State == omicall.StateRinging {
			rang[ev.Extension] = true
		}
	}
	if len(rang) < 2 {
		t.Errorf("ring group: the handler passed the rings of %v, want each extension's", rang)
	}
	if len(contacts) != 1 || contacts[0].Action != "create" || len(contacts[0].Contacts) != 1 {
		t.Fatalf("contact events %+v", contacts)
	}
	stored, err := c.Contacts.Lookup(ctx, omicall.ContactByRefID, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if stored.ID == "" || stored.ID == stored.PublicID || stored.ID != contacts[0].Contacts[0].ID {
		t.Errorf("contact id %q (public %q), hook's %q", stored.ID, stored.PublicID, contacts[0].Contacts[0].ID)
	}
	if _, err := c.Contacts.Get(ctx, stored.ID); err != nil {
		t.Errorf("Get by the contact's own id: %v", err)
	}
}
