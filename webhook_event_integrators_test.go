package omicall

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The hook shapes integrators receive (docs/api.md §18.4, §18.9), from
// testdata/integrators.

// A call's events are keyed by its transaction_id; call_uuid names the leg.
func TestCallEventKeyIsTheTransactionID(t *testing.T) {
	var hooks []json.RawMessage
	require.NoError(t, json.Unmarshal(fixture(t, "integrators/hook_ring_group.json"), &hooks))
	legs := map[string]bool{}
	for _, h := range hooks {
		ev, err := ParseCallEvent(h)
		require.NoError(t, err)
		assert.Equal(t, "6751d6c2-58a1-4a49-9f4a-0b52d6f0a1c3", ev.CallID, "every leg is the same call")
		legs[ev.CallUUID] = true
	}
	assert.Len(t, legs, 2, "the leg ids are kept")
}

// Numbers sent as JSON numbers decode as their decimal text.
func TestCallEventNumbersAsNumbers(t *testing.T) {
	ev, err := ParseCallEvent(fixture(t, "integrators/hook_numeric.json"))
	require.NoError(t, err)
	assert.Equal(t, "106", ev.Extension)
	assert.Equal(t, "84901234567", ev.PhoneNumber)
	assert.Equal(t, "842873001234", ev.Hotline)
	assert.Equal(t, "106", ev.From, "outbound: from the extension")
	assert.Equal(t, "84901234567", ev.To)
}

// A hook wrapped as {"payload": {...}} is read as the hook inside.
func TestCallEventPayloadWrapper(t *testing.T) {
	ev, err := ParseCallEvent(fixture(t, "integrators/hook_wrapped.json"))
	require.NoError(t, err)
	assert.Equal(t, StateHangup, ev.State)
	assert.Equal(t, "102", ev.Extension)
	assert.Equal(t, "6751d6c2-58a1-4a49-9f4a-0b52d6f0a1c3", ev.CallID)
}

// Each ring of a ring group reaches the callback once, with dedup on:
// the state events of one call are told apart by extension.
func TestRingGroupRingsAreNotDuplicates(t *testing.T) {
	var hooks []json.RawMessage
	require.NoError(t, json.Unmarshal(fixture(t, "integrators/hook_ring_group.json"), &hooks))
	var mu sync.Mutex
	var got []string
	h := NewWebhookHandler(func(_ context.Context, ev *CallEvent) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, string(ev.State)+"@"+ev.Extension)
		return nil
	}, WithDedup(time.Minute))
	for _, b := range append(hooks, hooks...) { // every hook twice: the copies are duplicates
		rec := post(h, http.MethodPost, "/hook", bytes.NewReader(b), nil)
		require.Equal(t, http.StatusOK, rec.Code)
	}
	assert.Equal(t, []string{"ringing@101", "ringing@102", "answered@102"}, got)
}

// A contact carries its own id (id, or _id from contacts/get), distinct
// from public_id, and the fields integrators read.
func TestContactOwnID(t *testing.T) {
	var p Page[Contact]
	decodeFixturePayload(t, "integrators/contacts_list_ids.json", &p)
	require.Len(t, p.Items, 1)
	c := p.Items[0]
	assert.Equal(t, "65f1c0a2b3d4e5f6a7b8c9d0", c.ID)
	assert.Equal(t, "CT-000123", c.PublicID)
	assert.Equal(t, "crm-77", c.RefID)
	assert.Equal(t, "KH77", c.RefCode)
	assert.Equal(t, "64bb00cc11dd22ee33ff4400", c.UserOwnerID)
	assert.Equal(t, "64aa00bb11cc22dd33ee44ff", c.TenantID)
	assert.JSONEq(t, `[{"_id": "64cc", "name": "VIP"}]`, string(c.Categories))

	var one Contact
	decodeFixturePayload(t, "integrators/contacts_get_underscore_id.json", &one)
	assert.Equal(t, "65f1c0a2b3d4e5f6a7b8c9d0", one.ID)
}

// A record keeps what it does not type, and types the fields integrators
// read.
func TestTransactionKeepsItsRecord(t *testing.T) {
	b := fixture(t, "integrators/record_extra_fields.json")
	var tx Transaction
	require.NoError(t, json.Unmarshal(b, &tx))
	assert.Equal(t, "order=8812", tx.UserDataStr)
	assert.Equal(t, "NV-102", tx.UserRefCode)
	assert.Equal(t, "recv_bye", tx.SIPHangupDisposition)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(tx.Raw, &raw))
	assert.JSONEq(t, `[{"code": "sales", "score": 0.91}]`, string(raw["classifies"]))
	assert.JSONEq(t, `["hcm"]`, string(raw["sip_number_tags"]))

	// In a page, each record keeps its own JSON, not the page's.
	var w pageJSON[transactionWire]
	require.NoError(t, json.Unmarshal([]byte(`{"items":[`+string(b)+`,{"transaction_id":"b"}]}`), &w))
	p := transactionPage(&w)
	require.Len(t, p.Items, 2)
	assert.JSONEq(t, string(b), string(p.Items[0].Raw))
	assert.JSONEq(t, `{"transaction_id":"b"}`, string(p.Items[1].Raw))
}
