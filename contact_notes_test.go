package omicall

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactsAddNotesRequest(t *testing.T) {
	c, mt := newMockClient(t)
	rec := record(t, mt, http.MethodPost, mockBase+"/api/contacts/add-note", []string{"contacts_add_note.json"})
	n, err := c.Contacts.CreateNotes(ctxT(t), []ContactNote{{NoteBy: "agent1@gmail.com", Content: "Gọi lại", Phone: "0395187319"}})
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	assert.JSONEq(t, `[{"note_by":"agent1@gmail.com","content":"Gọi lại","phone":"0395187319"}]`, string(rec.only(t).Body))

	_, err = c.Contacts.CreateNotes(ctxT(t), []ContactNote{{Content: "a", Phone: "1"}, {Phone: "2"}})
	requireValidation(t, err, "notes[1].Content")
	_, err = c.Contacts.CreateNotes(ctxT(t), []ContactNote{{Content: "a"}})
	requireValidation(t, err, "notes[0].Phone")
	_, err = c.Contacts.CreateNotes(ctxT(t), nil)
	requireValidation(t, err, "notes")
	assert.Len(t, rec.all(), 1)
}
