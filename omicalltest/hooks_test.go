package omicalltest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// recorder is a webhook receiver that keeps the bodies it is sent, decoded
// with json.Number for numbers.
type recorder struct {
	mu     sync.Mutex
	bodies []map[string]any
}

func (rc *recorder) ServeHTTP(_ http.ResponseWriter, r *http.Request) {
	d := json.NewDecoder(r.Body)
	d.UseNumber()
	var m map[string]any
	_ = d.Decode(&m)
	rc.mu.Lock()
	rc.bodies = append(rc.bodies, m)
	rc.mu.Unlock()
}

// all returns the bodies received so far.
func (rc *recorder) all() []map[string]any {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]map[string]any(nil), rc.bodies...)
}

// listen serves a recorder on loopback for the test and registers it with
// the server of c as a webhook of each type.
func listen(t *testing.T, c *omicall.Client, types ...string) *recorder {
	t.Helper()
	rc := &recorder{}
	hooks := httptest.NewServer(rc)
	t.Cleanup(hooks.Close)
	for _, typ := range types {
		if _, err := c.Webhooks.Register(context.Background(), &omicall.RegisterWebhookRequest{Type: typ, URL: hooks.URL}); err != nil {
			t.Fatal(err)
		}
	}
	return rc
}

func TestContactHooksReachTheContactWebhook(t *testing.T) {
	c, srv := omicalltest.NewClient(t)
	rc := listen(t, c, omicall.WebhookTypeContact)
	if _, err := c.Contacts.Create(context.Background(), &omicall.CreateContactRequest{FullName: "Lan", RefID: "r1"}); err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()
	got := rc.all()
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
	c, srv := omicalltest.NewClient(t, omicalltest.WithNumericLiveFields())
	rc := listen(t, c, omicall.WebhookTypeCall)
	ext, hotline := srv.DemoCaller()
	if _, err := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0901234567"}); err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()
	for _, m := range rc.all() {
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
	rc := listen(t, c, omicall.WebhookTypeCall)
	groups, err := c.CallCenter.ListGroups(ctx, nil)
	if err != nil || len(groups.Items) == 0 {
		t.Fatal(groups, err)
	}
	id, err := srv.ReceiveCall(omicalltest.InboundCall{PhoneNumber: "0901234567", Group: groups.Items[0].GroupNumber})
	if err != nil {
		t.Fatal(err)
	}
	srv.WaitHooks()
	rang := map[any]int{}
	for _, m := range rc.all() {
		if m["state"] == "ringing" && m["transaction_id"] == id {
			rang[m["extension"]]++
		}
	}
	if len(rang) < 2 || len(rang) != len(groups.Items[0].SIPMembers) {
		t.Fatalf("call %s rang %v, want each of %v once", id, rang, groups.Items[0].SIPMembers)
	}
	tx, err := c.Transactions.Get(ctx, id)
	if err != nil || tx.Direction != omicall.DirectionInbound {
		t.Fatal(tx, err)
	}
}
