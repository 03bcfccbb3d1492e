package simulator

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bodiesOf returns the hooks of the call id: those whose transaction_id
// is id, or, lacking one, whose call_uuid is.
func bodiesOf(rv *receiver, id string) []map[string]any {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	var out []map[string]any
	for _, b := range rv.bodies {
		tx, ok := b["transaction_id"]
		if (ok && tx == id) || (!ok && b["call_uuid"] == id) {
			out = append(out, b)
		}
	}
	return out
}

// TestCallKeyOfTwoLegCalls: every hook of a call of two legs carries the
// call's transaction_id; call_uuid names the leg: the agent's (the
// transaction id) until the customer answers, the customer's after.
func TestCallKeyOfTwoLegCalls(t *testing.T) {
	for _, shape2023 := range []bool{false, true} {
		t.Run(fmt.Sprint("2023 shape ", shape2023), func(t *testing.T) {
			opts := []Option{WithTwoLegCalls()}
			if shape2023 {
				opts = append(opts, WithLiveEvents2023())
			}
			c := newTestClient(t, opts...)
			rv, u := newReceiver(t, nil)
			c.ok("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"`+u+`"}}`, nil)
			var id string
			for range 20 {
				placed, err := c.s.PlaceCall("100", "842899990001", "0901234567")
				require.NoError(t, err)
				c.s.WaitCalls()
				c.s.mu.Lock()
				answered := c.s.history.byID[placed].Disposition == "answered"
				c.s.mu.Unlock()
				if answered {
					id = placed
					break
				}
			}
			require.NotEmpty(t, id, "no answered call in 20")
			bodies := bodiesOf(rv, id)
			legs := map[string]string{} // state -> call_uuid
			var cdrLegs []any
			for _, b := range bodies {
				assert.Equal(t, id, b["transaction_id"], "%s carries the call's transaction_id", b["state"])
				if b["state"] == "cdr" {
					cdrLegs = append(cdrLegs, b["call_uuid"])
					continue
				}
				legs[b["state"].(string)], _ = b["call_uuid"].(string)
			}
			assert.Equal(t, id, legs["ringing"], "the agent's leg is the transaction's")
			customer := legs["answered"]
			assert.NotEmpty(t, customer)
			assert.NotEqual(t, id, customer, "the customer's leg has a call_uuid of its own")
			assert.Equal(t, customer, legs["hangup"])
			assert.Equal(t, []any{id, customer}, cdrLegs, "one CDR per leg, each naming its leg")
		})
	}
}

// TestCallKeyOfOneLegCalls: a call of one leg names it by its transaction
// id, in the CDR too.
func TestCallKeyOfOneLegCalls(t *testing.T) {
	sc := startSim(t)
	rv, u := newReceiver(t, nil)
	sc.register("call", u, "cdr")
	rec := sc.runAnsweredCall()
	require.Len(t, rv.bodies, 1)
	assert.Equal(t, rec.TransactionID, rv.bodies[0]["call_uuid"])
	assert.Equal(t, rec.TransactionID, rv.bodies[0]["transaction_id"])
}

// TestCallKeyOfRingGroupCalls: each extension a group rings is a leg of
// its own (its call_uuid), all of the one call (its transaction_id); the
// answer, the hangup and the CDR name the leg that answered.
func TestCallKeyOfRingGroupCalls(t *testing.T) {
	c := newTestClient(t)
	rv, u := newReceiver(t, nil)
	c.ok("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"`+u+`"}}`, nil)
	for range 10 {
		id, err := c.s.ReceiveCall(InboundCall{Phone: "0901234567"})
		require.NoError(t, err)
		c.s.WaitCalls()
		ringLegs := map[string]string{} // extension -> call_uuid
		var answered, hangup, cdr string
		for _, b := range bodiesOf(rv, id) {
			require.Equal(t, id, b["transaction_id"], "%s carries the call's transaction_id", b["state"])
			leg, _ := b["call_uuid"].(string)
			switch b["state"] {
			case "ringing":
				ringLegs[b["extension"].(string)] = leg
			case "answered":
				answered = leg
			case "hangup":
				hangup = leg
			case "cdr":
				cdr = leg
			}
		}
		distinct := map[string]bool{}
		for _, leg := range ringLegs {
			assert.NotEqual(t, id, leg)
			distinct[leg] = true
		}
		assert.Len(t, distinct, len(ringLegs), "each extension rings on a leg of its own")
		if answered == "" {
			continue
		}
		assert.Contains(t, distinct, answered, "the leg that rang answers")
		assert.Equal(t, answered, hangup)
		assert.Equal(t, answered, cdr)
		return
	}
	t.Fatal("no call answered in ten")
}
