package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContactHooks: a change to a contact through the API reaches the URLs
// registered with type contact, as {"action", "data": [...], "tenant_id"},
// in the order of the changes, and never the call webhooks.
func TestContactHooks(t *testing.T) {
	c := newTestClient(t)
	contacts, cu := newReceiver(t, nil)
	calls, callURL := newReceiver(t, nil)
	c.ok("POST", "/api/webhooks/register", `{"webhook":{"type":"contact","url":"`+cu+`/contacts?secret=s"}}`, nil)
	c.ok("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"`+callURL+`"}}`, nil)

	c.ok("POST", "/api/contacts/add", contactAn, nil)
	c.ok("POST", "/api/contacts/add", contactAn, nil) // refId taken: not created, no hook
	c.ok("POST", "/api/contacts/add-more", `[`+contactBinh+`,{"fullName":"Cường"}]`, nil)
	c.ok("POST", "/api/contacts/update", `{"refId":"r1","note":"VIP"}`, nil)
	var an map[string]any
	c.ok("GET", "/api/contacts/get?ref_id=r1", "", &an)
	c.ok("DELETE", "/api/contacts/delete/"+an["_id"].(string), "", nil)
	c.s.WaitHooks()

	contacts.mu.Lock()
	defer contacts.mu.Unlock()
	var actions []string
	for _, b := range contacts.bodies {
		actions = append(actions, b["action"].(string))
		assert.Equal(t, "sim-tenant", b["tenant_id"])
		assert.NotContains(t, b, "state", "not a call event")
	}
	require.Equal(t, []string{"create", "create", "update", "delete"}, actions)
	ids := func(b map[string]any) []any {
		var out []any
		for _, d := range b["data"].([]any) {
			out = append(out, d.(map[string]any)["contact_id"])
		}
		return out
	}
	assert.Equal(t, []any{an["_id"]}, ids(contacts.bodies[0]))
	assert.Len(t, ids(contacts.bodies[1]), 2, "one hook for the batch")
	assert.Equal(t, []any{an["_id"]}, ids(contacts.bodies[2]))
	assert.Equal(t, []any{an["_id"]}, ids(contacts.bodies[3]))
	upd := contacts.bodies[2]["data"].([]any)[0].(map[string]any)
	assert.Equal(t, an["public_id"], upd["public_id"], "the data is the contact record")
	assert.Equal(t, true, contacts.bodies[3]["data"].([]any)[0].(map[string]any)["is_deleted"])

	calls.mu.Lock()
	assert.Empty(t, calls.bodies, "a contact hook is not sent to the call webhooks")
	calls.mu.Unlock()

	var kinds []string
	for _, d := range c.s.Deliveries() {
		assert.Equal(t, "contact", d.Type)
		assert.Empty(t, d.State)
		assert.Equal(t, 200, d.Status)
		kinds = append(kinds, d.Action)
	}
	assert.Equal(t, actions, kinds)
}
