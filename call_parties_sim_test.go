package omicall_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// TestCallAnswersAlikeThroughBothDoors: the same call, read from its CDR
// hook and from the call history, gives the same extension, customer
// number, hotline and answered-or-not, with no fallback code.
func TestCallAnswersAlikeThroughBothDoors(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithSeed(5)})
	events := &eventLog{}
	serveHooks(t, c, omicall.NewWebhookHandler(events.add, omicall.WithWebhookSecret(hookSecret)), "?secret="+hookSecret)
	start := time.Now().Add(-time.Minute)
	ids := make([]string, 0, 6)
	for range 6 {
		ids = append(ids, clickToCall(t, c, sim))
	}
	sim.WaitCalls()
	records := map[string]omicall.Transaction{}
	for tx, err := range c.Transactions.SearchAll(ctxT(t), &omicall.SearchRequest{From: start, To: time.Now().Add(time.Hour)}) {
		require.NoError(t, err)
		records[tx.TransactionID] = tx
	}
	answered := 0
	for _, id := range ids {
		var cdr *omicall.CallEvent
		events.mu.Lock()
		for _, ev := range events.byCall[id] {
			if ev.State == omicall.StateCDR {
				cdr = ev
			}
		}
		events.mu.Unlock()
		require.NotNil(t, cdr, "no CDR for %s", id)
		rec, ok := records[id]
		require.True(t, ok, "no history record for %s", id)
		assert.NotEmpty(t, cdr.AgentExtension())
		assert.Equal(t, cdr.AgentExtension(), rec.AgentExtension(), id)
		assert.Equal(t, "0901234567", cdr.CustomerNumber())
		assert.Equal(t, cdr.CustomerNumber(), rec.CustomerNumber(), id)
		assert.NotEmpty(t, rec.HotlineNumber(), id)
		assert.Equal(t, cdr.HotlineNumber(), rec.HotlineNumber(), id)
		assert.Equal(t, cdr.Answered(), rec.Answered(), id)
		if rec.Answered() {
			answered++
		}
	}
	assert.True(t, answered > 0 && answered < len(ids), "the seed gives answered and unanswered calls: %d of %d", answered, len(ids))
}
