package simulator

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReceiveCallRingsTheGroup: a call in to a ring group rings every
// registered member: one ringing live event per extension, all for the
// same call; one member answers.
func TestReceiveCallRingsTheGroup(t *testing.T) {
	c := newTestClient(t)
	rv, u := newReceiver(t, nil)
	c.ok("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"`+u+`"}}`, nil)
	c.s.mu.Lock()
	g := c.s.cc.groups[0].snapshot()
	c.s.mu.Unlock()
	require.GreaterOrEqual(t, len(g.SIPMembers), 2, "the seeded group rings several extensions")

	answered := ""
	for range 10 { // until one is answered
		id, err := c.s.ReceiveCall(InboundCall{Phone: "0901234567"})
		require.NoError(t, err)
		c.s.WaitCalls()
		rv.mu.Lock()
		var rang []string
		var states []string
		for _, b := range rv.bodies {
			if b["call_uuid"] != id && b["transaction_id"] != id {
				continue
			}
			states = append(states, b["state"].(string))
			assert.Equal(t, "inbound", b["direction"], b["state"])
			assert.Equal(t, "0901234567", b["phone_number"], b["state"])
			switch b["state"] {
			case "ringing":
				rang = append(rang, b["extension"].(string))
			case "answered":
				answered = b["extension"].(string)
			}
		}
		rv.mu.Unlock()
		slices.Sort(rang)
		members := slices.Sorted(slices.Values(g.SIPMembers))
		assert.Equal(t, members, rang, "one ringing per member extension")
		assert.Equal(t, "cdr", states[len(states)-1])
		c.s.mu.Lock()
		rec := c.s.history.byID[id]
		require.NotNil(t, rec)
		assert.Equal(t, "inbound", rec.Direction)
		assert.Equal(t, g.GroupNumber, rec.queue)
		assert.Contains(t, g.SIPMembers, rec.SIPUser)
		if answered != "" {
			assert.Equal(t, answered, rec.SIPUser, "the record names who answered")
		}
		c.s.mu.Unlock()
		if answered != "" {
			break
		}
	}
	assert.NotEmpty(t, answered, "no call answered in ten")
}

func TestReceiveCallChecks(t *testing.T) {
	s := New()
	s.mu.Lock()
	g := s.cc.groups[0].snapshot()
	for _, ext := range g.SIPMembers[1:] {
		s.agents.byExt[ext].enabled = false
	}
	s.mu.Unlock()
	for _, c := range []struct {
		in   InboundCall
		code string
	}{
		{InboundCall{}, "data_is_required"},
		{InboundCall{Phone: "09-01"}, "data_is_required"},
		{InboundCall{Phone: "0901", Hotline: "1900"}, "number_call_out_invalid"},
		{InboundCall{Phone: "0901", Group: "nope"}, "not_found"},
	} {
		_, err := s.ReceiveCall(c.in)
		if assert.Error(t, err, c.in) {
			assert.Equal(t, c.code, err.Error(), c.in)
		}
	}
	id, err := s.ReceiveCall(InboundCall{Phone: "0901", Group: g.GroupNumber})
	require.NoError(t, err, "a group by its number")
	s.WaitCalls()
	s.mu.Lock()
	assert.Equal(t, g.SIPMembers[0], s.history.byID[id].SIPUser, "only the registered member rings")
	s.agents.byExt[g.SIPMembers[0]].enabled = false
	s.mu.Unlock()
	_, err = s.ReceiveCall(InboundCall{Phone: "0901"})
	if assert.Error(t, err) {
		assert.Equal(t, "user_not_registered", err.Error(), "no extension of the group can ring")
	}
}
