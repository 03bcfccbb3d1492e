package omicall

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// Each record shape answers who, to whom, on which number and whether it
// was answered, by its direction.
func TestTransactionParties(t *testing.T) {
	for _, tc := range []struct {
		name                   string
		tx                     Transaction
		ext, customer, hotline string
		answered               bool
	}{
		{"REST outbound", Transaction{Direction: DirectionOutbound, SIPUser: "101", SourceNumber: "842899990001",
			DestinationNumber: "0901234567", Disposition: DispositionAnswered}, "101", "0901234567", "842899990001", true},
		{"REST inbound", Transaction{Direction: DirectionInbound, SIPUser: "102", SourceNumber: "0901234567",
			DestinationNumber: "842899990002", Disposition: DispositionCancelled}, "102", "0901234567", "842899990002", false},
		{"CDR outbound", Transaction{Direction: DirectionOutbound, FromNumber: "103", ToNumber: "0907654321",
			Hotline: "842899990001", BillSec: 12}, "103", "0907654321", "842899990001", true},
		{"CDR inbound", Transaction{Direction: DirectionInbound, FromNumber: "0907654321", ToNumber: "104",
			SIPNumber: "842899990003"}, "104", "0907654321", "842899990003", false},
		{"2026 record", Transaction{Direction: DirectionOutbound, PhoneNumber: "0911111111", SIPNumber: "842899990001",
			InternalDestination: &CallParty{Extension: "105"}, TimeAnswerStart: Time{time.Unix(1_800_000_000, 0)}},
			"105", "0911111111", "842899990001", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.ext, tc.tx.AgentExtension())
			assert.Equal(t, tc.customer, tc.tx.CustomerNumber())
			assert.Equal(t, tc.hotline, tc.tx.HotlineNumber())
			assert.Equal(t, tc.answered, tc.tx.Answered())
		})
	}
}

// An event answers from its own fields, else from its record.
func TestCallEventParties(t *testing.T) {
	ev := &CallEvent{State: StateRinging, Extension: "101", PhoneNumber: "0901234567", Hotline: "842899990001"}
	assert.Equal(t, "101", ev.AgentExtension())
	assert.Equal(t, "0901234567", ev.CustomerNumber())
	assert.Equal(t, "842899990001", ev.HotlineNumber())
	assert.False(t, ev.Answered(), "a ringing event does not tell")
	assert.True(t, (&CallEvent{State: StateAnswered}).Answered())
	cdr := &CallEvent{State: StateCDR, CDR: &Transaction{Direction: DirectionInbound, FromNumber: "0907654321",
		ToNumber: "104", SIPNumber: "842899990003", BillSec: 3}}
	assert.Equal(t, "104", cdr.AgentExtension())
	assert.Equal(t, "0907654321", cdr.CustomerNumber())
	assert.Equal(t, "842899990003", cdr.HotlineNumber())
	assert.True(t, cdr.Answered())
}
