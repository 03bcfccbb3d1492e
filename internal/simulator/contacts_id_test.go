package simulator

import (
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContactOwnID: a contact carries its own id (id in the list and the
// details, _id from contacts/get), a 24-hex value distinct from public_id,
// and the keys integrators read beside it; details and delete take either
// id.
func TestContactOwnID(t *testing.T) {
	c := newTestClient(t)
	c.ok("POST", "/api/contacts/add-more", `[`+contactAn+`,`+contactBinh+`]`, nil)
	var p struct {
		Items []map[string]any `json:"items"`
	}
	c.ok("POST", "/api/contacts/list", "", &p)
	require.Len(t, p.Items, 2)
	an, binh := p.Items[0], p.Items[1]
	for _, it := range p.Items {
		id, _ := it["id"].(string)
		_, err := hex.DecodeString(id)
		assert.NoError(t, err, "id %q is hex", id)
		assert.Len(t, id, 24)
		assert.NotEqual(t, it["public_id"], id, "the own id is not public_id")
		for _, k := range []string{"ref_id", "ref_code", "user_owner_id", "source_contact_id", "contact_categories", "tenant_id"} {
			assert.Contains(t, it, k)
		}
		assert.Equal(t, "sim-tenant", it["tenant_id"])
		assert.Equal(t, []any{}, it["contact_categories"])
	}
	assert.Equal(t, "r1", an["ref_id"])
	assert.Equal(t, "C-1", an["ref_code"])
	assert.Nil(t, an["user_owner_id"], "no owner")

	var got map[string]any
	c.ok("GET", "/api/contacts/get?phone=0901000001", "", &got)
	assert.Equal(t, an["id"], got["_id"], "contacts/get names the id _id")
	assert.NotContains(t, got, "id")
	assert.Equal(t, an["public_id"], got["public_id"])

	for _, id := range []any{an["id"], an["public_id"]} {
		c.ok("GET", "/api/contacts/details/"+id.(string), "", &got)
		assert.Equal(t, an["id"], got["id"], "details by %v", id)
	}
	c.ok("DELETE", "/api/contacts/delete/"+an["id"].(string), "", nil)
	c.fails(404, "not_found", "GET", "/api/contacts/details/"+an["public_id"].(string), "")
	c.ok("DELETE", "/api/contacts/delete/"+binh["public_id"].(string), "", nil)
	assert.Zero(t, c.s.ContactCount())
}

// TestContactOwnerID: user_owner_id is the id of the agent whose email is
// user_owner_email.
func TestContactOwnerID(t *testing.T) {
	c := newTestClient(t)
	c.s.mu.Lock()
	owner := c.s.agents.list[0]
	c.s.mu.Unlock()
	c.ok("POST", "/api/contacts/add", `{"fullName":"Lan","refId":"r9","user_owner_email":"`+owner.email+`"}`, nil)
	var got map[string]json.RawMessage
	c.ok("GET", "/api/contacts/get?ref_id=r9", "", &got)
	assert.JSONEq(t, `"`+owner.id+`"`, string(got["user_owner_id"]))
}
