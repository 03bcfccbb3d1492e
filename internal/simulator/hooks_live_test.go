package simulator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLiveEvents2023Shape checks the documented 2023 live events.
func TestLiveEvents2023Shape(t *testing.T) {
	sc := startSim(t, WithClock(func() time.Time { return time.UnixMilli(1_700_000_000_123) }))
	rv, u := newReceiver(t, nil)
	sc.register("call", u+"/hook?secret=abc")
	rec := sc.runAnsweredCall()

	if got := strings.Join(rv.states(), ","); got != "ringing,answered,hangup,cdr" {
		t.Fatalf("states %s", got)
	}
	for i, state := range []string{"ringing", "answered", "hangup"} {
		b := rv.bodies[i]
		want := map[string]any{
			"call_uuid": rec.TransactionID, "state": state, "direction": "outbound",
			"from_number": rec.FromNumber, "to_number": "0901234567", "hotline": rec.Hotline,
		}
		for k, v := range want {
			if b[k] != v {
				t.Errorf("%s: %s = %v, want %v", state, k, b[k], v)
			}
		}
		if ct := b["created_time"].(json.Number).String(); ct != "1699999965" { // the call ended now, after 35 s
			t.Errorf("%s: created_time %s, want seconds", state, ct)
		}
		if dt := b["date_time"].(json.Number).String(); len(dt) != 13 {
			t.Errorf("%s: date_time %s, want milliseconds", state, dt)
		}
		if len(b) != 8 {
			t.Errorf("%s: %d fields, want the 8 documented: %v", state, len(b), b)
		}
	}
	ans, _ := rv.bodies[1]["date_time"].(json.Number).Int64()
	hup, _ := rv.bodies[2]["date_time"].(json.Number).Int64()
	if ans != rec.TimeStartToAnswer*1000 || hup != rec.TimeEndCall*1000 || hup <= ans {
		t.Errorf("date_time answered %d hangup %d", ans, hup)
	}
}

// TestLiveEventsDefaultShape checks the live events in the shape
// integrators receive by default: no times, no hotline, the states create
// and early first, and the call id as transaction_id on answered and hangup.
func TestLiveEventsDefaultShape(t *testing.T) {
	c := newTestClient(t)
	sc := &simCall{t: t, s: c.s, url: c.base, token: c.token}
	rv, u := newReceiver(t, nil)
	sc.register("call", u, "create", "early", "ringing", "answered", "hangup")
	rec := sc.runAnsweredCall()
	if got := strings.Join(rv.states(), ","); got != "create,early,ringing,answered,hangup" {
		t.Fatalf("states %s", got)
	}
	for _, b := range rv.bodies {
		idKey := "call_uuid"
		if b["state"] == "answered" || b["state"] == "hangup" {
			idKey = "transaction_id"
		}
		want := map[string]any{idKey: rec.TransactionID, "extension": rec.SIPUser, "phone_number": "0901234567",
			"state": b["state"], "direction": "outbound"}
		if len(b) != len(want) {
			t.Errorf("%s: %v, want the keys of %v", b["state"], b, want)
		}
		for k, v := range want {
			if b[k] != v {
				t.Errorf("%s: %s = %v, want %v", b["state"], k, b[k], v)
			}
		}
	}
}

// TestLiveEventsNumericFields: with WithNumericLiveFields, the live events
// carry the extension and the customer's number as JSON numbers (the
// leading zero lost), in either shape; the CDR is left as it is.
func TestLiveEventsNumericFields(t *testing.T) {
	for _, shape2023 := range []bool{false, true} {
		opts := []Option{WithNumericLiveFields()}
		if shape2023 {
			opts = append(opts, WithLiveEvents2023())
		}
		c := newTestClient(t, opts...)
		sc := &simCall{t: t, s: c.s, url: c.base, token: c.token}
		rv, u := newReceiver(t, nil)
		sc.register("call", u)
		rec := sc.runAnsweredCall()
		keys := map[string]string{"extension": rec.SIPUser, "phone_number": "901234567"}
		if shape2023 {
			keys = map[string]string{"from_number": rec.FromNumber, "to_number": "901234567"}
		}
		require.NotEmpty(t, rv.bodies)
		for _, b := range rv.bodies {
			if b["state"] == "cdr" {
				assert.Equal(t, "0901234567", b["phone_number"], "the CDR keeps its strings")
				continue
			}
			for k, want := range keys {
				assert.Equal(t, json.Number(want), b[k], "2023 shape %v, %s: %s", shape2023, b["state"], k)
			}
		}
	}
}
