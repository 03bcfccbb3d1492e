package omicall_test

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// TestSimLiveEvents2026 places calls on the simulator, which sends live
// events in the integrators' 2026 shape by default: the handler reads the
// agent and the customer from them, and passes create and early through.
func TestSimLiveEvents2026(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithSeed(7)})
	events := &eventLog{}
	serveHooks(t, c, omicall.NewWebhookHandler(events.add, omicall.WithWebhookSecret(hookSecret)), "?secret="+hookSecret)
	ext, _ := sim.DemoCaller()
	id := clickToCall(t, c, sim)
	sim.WaitCalls()
	states := events.states(id)
	require.GreaterOrEqual(t, len(states), 5)
	assert.Equal(t, []omicall.CallState{omicall.StateCreate, omicall.StateEarly, omicall.StateRinging}, states[:3])
	assert.Equal(t, omicall.StateCDR, states[len(states)-1])
	events.mu.Lock()
	defer events.mu.Unlock()
	for _, ev := range events.byCall[id] {
		assert.Equal(t, id, ev.CallID, "%s: call_uuid or transaction_id", ev.State)
		assert.Equal(t, ext, ev.Extension, ev.State)
		assert.Equal(t, "0901234567", ev.PhoneNumber, ev.State)
		assert.Equal(t, ext, ev.From, ev.State)
		assert.Equal(t, "0901234567", ev.To, ev.State)
	}
}

// TestSimTwoLegCallsSendTwoCDRs: an answered call of two legs sends two
// CDRs for one transaction id, the later one newer and complete; a
// receiver that keeps the newest copy per id ends with the whole call.
func TestSimTwoLegCallsSendTwoCDRs(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithTwoLegCalls()})
	events := &eventLog{}
	serveHooks(t, c, omicall.NewWebhookHandler(events.add, omicall.WithWebhookSecret(hookSecret)), "?secret="+hookSecret)
	var answered string
	for range 20 {
		id := clickToCall(t, c, sim)
		sim.WaitCalls()
		if slices.Contains(events.states(id), omicall.StateAnswered) {
			answered = id
			break
		}
	}
	require.NotEmpty(t, answered, "no answered call in 20")
	events.mu.Lock()
	var cdrs []*omicall.Transaction
	for _, ev := range events.byCall[answered] {
		if ev.State == omicall.StateCDR {
			cdrs = append(cdrs, ev.CDR)
		}
	}
	events.mu.Unlock()
	require.Len(t, cdrs, 2, "one CDR per leg")
	first, last := cdrs[0], cdrs[1]
	assert.Equal(t, first.TransactionID, last.TransactionID)
	assert.True(t, last.LastUpdatedDate.After(first.LastUpdatedDate.Time), "the later copy is newer")
	assert.Empty(t, first.RecordingURL(), "the agent's leg: no recording yet")
	assert.NotEmpty(t, last.RecordingURL())
	assert.Zero(t, first.BillSec)
	assert.Positive(t, last.BillSec)
	ds := 0
	for _, d := range sim.Deliveries() {
		if d.CallID == answered && d.State == omicall.StateCDR {
			ds++
		}
	}
	assert.Equal(t, 2, ds)
}
