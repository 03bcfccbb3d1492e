package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestContactNotes(t *testing.T) {
	c := newTestClient(t)
	var n int
	c.ok("POST", "/api/contacts/add-note", `[{"content":"Gọi lại","phone":"0901"},{"content":"Đã chốt","phone":"0901"},{"content":"Khác","phone":"0902"}]`, &n)
	assert.Equal(t, 3, n)
	assert.Equal(t, []string{"Gọi lại", "Đã chốt"}, c.s.ContactNotes("0901"))
	assert.Nil(t, c.s.ContactNotes("0999"))
	c.fails(200, "request_body_required", "POST", "/api/contacts/add-note", `[]`)
	c.fails(200, "phone_is_required", "POST", "/api/contacts/add-note", `[{"content":"x"}]`)
	c.fails(200, "content_is_required", "POST", "/api/contacts/add-note", `[{"phone":"0901"}]`)
	assert.Len(t, c.s.ContactNotes("0901"), 2, "a refused batch adds nothing")
}
