package omicalltest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestContactHooksReachTheContactWebhook(t *testing.T) {
	ctx := context.Background()
	c, srv := omicalltest.NewClient(t)
	var mu sync.Mutex
	var got []map[string]any
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		mu.Lock()
		got = append(got, m)
		mu.Unlock()
	}))
	defer hooks.Close()
	if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeContact, URL: hooks.URL}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Contacts.Create(ctx, &omicall.CreateContactRequest{FullName: "Lan", RefID: "r1"}); err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 || got[0]["action"] != "create" || got[0]["tenant_id"] == nil {
		t.Fatalf("contact hooks %v", got)
	}
	data, _ := got[0]["data"].([]any)
	if len(data) != 1 || data[0].(map[string]any)["contact_id"] == "" {
		t.Fatalf("data %v", got[0]["data"])
	}
	ds := srv.Deliveries()
	if len(ds) != 1 || ds[0].Type != "contact" || ds[0].Action != "create" || ds[0].Status != http.StatusOK {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestNumericLiveFields(t *testing.T) {
	ctx := context.Background()
	c, srv := omicalltest.NewClient(t, omicalltest.WithNumericLiveFields())
	var mu sync.Mutex
	var got []map[string]any
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := json.NewDecoder(r.Body)
		d.UseNumber()
		var m map[string]any
		_ = d.Decode(&m)
		mu.Lock()
		got = append(got, m)
		mu.Unlock()
	}))
	defer hooks.Close()
	if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: hooks.URL}); err != nil {
		t.Fatal(err)
	}
	ext, hotline := srv.DemoCaller()
	if _, err := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0901234567"}); err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()
	mu.Lock()
	defer mu.Unlock()
	for _, m := range got {
		if m["state"] == "cdr" {
			continue
		}
		if m["extension"] != json.Number(ext) || m["phone_number"] != json.Number("901234567") {
			t.Fatalf("%v: extension %#v, phone_number %#v", m["state"], m["extension"], m["phone_number"])
		}
	}
}

func TestReceiveCallRingsEveryExtensionOfTheGroup(t *testing.T) {
	ctx := context.Background()
	c, srv := omicalltest.NewClient(t)
	var mu sync.Mutex
	rang := map[string]int{}
	hooks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m map[string]any
		_ = json.NewDecoder(r.Body).Decode(&m)
		if m["state"] == "ringing" {
			mu.Lock()
			rang[m["extension"].(string)]++
			mu.Unlock()
		}
	}))
	defer hooks.Close()
	if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: hooks.URL}); err != nil {
		t.Fatal(err)
	}
	groups, err := c.CallCenter.ListGroups(ctx, nil)
	if err != nil || len(groups.Items) == 0 {
		t.Fatal(groups, err)
	}
	id, err := srv.ReceiveCall(omicalltest.InboundCall{PhoneNumber: "0901234567", Group: groups.Items[0].GroupNumber})
	if err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()
	mu.Lock()
	defer mu.Unlock()
	if len(rang) < 2 || len(rang) != len(groups.Items[0].SIPMembers) {
		t.Fatalf("call %s rang %v, want each of %v once", id, rang, groups.Items[0].SIPMembers)
	}
	tx, err := c.Transactions.Get(ctx, id)
	if err != nil || tx.Direction != omicall.DirectionInbound {
		t.Fatal(tx, err)
	}
}
