package simulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHookRedelivery(t *testing.T) {
	sc := startSim(t, WithWebhookRetries(3))
	// The CDR (4th..) fails twice; state events succeed at once.
	rv, u := newReceiver(t, func(n int) int {
		if n == 4 || n == 5 {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	})
	sc.register("call", u)
	rec := sc.runAnsweredCall()
	if got := strings.Join(rv.states(), ","); got != "ringing,answered,hangup,cdr,cdr,cdr" {
		t.Fatalf("states %s", got)
	}
	for i, want := range []string{"1", "2", "3"} {
		if n := rv.bodies[3+i]["send_num_retry"].(json.Number).String(); n != want {
			t.Errorf("delivery %d: send_num_retry %s, want %s", i+1, n, want)
		}
	}
	var cdrs []Delivery
	for _, d := range sc.s.Deliveries() {
		if d.State == "cdr" {
			cdrs = append(cdrs, d)
		}
	}
	if len(cdrs) != 3 || cdrs[0].Status != 500 || cdrs[2].Status != 200 || cdrs[2].Attempt != 3 || cdrs[2].CallID != rec.TransactionID {
		t.Fatalf("deliveries %+v", cdrs)
	}
}

func TestHookRedeliveryGivesUp(t *testing.T) {
	sc := startSim(t, WithWebhookRetries(2))
	rv, u := newReceiver(t, func(int) int { return http.StatusServiceUnavailable })
	sc.register("call", u, "ringing")
	sc.runAnsweredCall()
	if got := strings.Join(rv.states(), ","); got != "ringing,ringing,ringing" {
		t.Fatalf("states %s (events filter, 1 + 2 retries)", got)
	}
}

func TestHookUnreachableReceiver(t *testing.T) {
	sc := startSim(t, WithWebhookRetries(1))
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close() // nothing listens there now
	sc.register("call", u)
	sc.runAnsweredCall()
	ds := sc.s.Deliveries()
	if len(ds) != 8 { // 4 events x 2 attempts
		t.Fatalf("deliveries %d: %+v", len(ds), ds)
	}
	for _, d := range ds {
		if d.Status != 0 {
			t.Fatalf("status %d for an unreachable receiver", d.Status)
		}
	}
}

func TestHookNoRegistrationNoDelivery(t *testing.T) {
	sc := startSim(t)
	sc.register("contact", "https://crm.example/contacts")
	sc.runAnsweredCall()
	if n := len(sc.s.Deliveries()); n != 0 {
		t.Fatalf("%d deliveries without a call webhook", n)
	}
}
