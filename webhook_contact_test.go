package omicall

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A contact hook is answered 200 and handed to the contact callback,
// never to the call callback.
func TestContactHookIsNotACallEvent(t *testing.T) {
	body := fixture(t, "integrators/hook_contact.json")
	calls := 0
	var contacts []*ContactEvent
	h := NewWebhookHandler(func(context.Context, *CallEvent) error { calls++; return nil },
		WithContactEvents(func(_ context.Context, ev *ContactEvent) error { contacts = append(contacts, ev); return nil }))
	rec := post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil)
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Zero(t, calls)
	require.Len(t, contacts, 1)
	assert.Equal(t, "update", contacts[0].Action)
	assert.Equal(t, "64aa00bb11cc22dd33ee44ff", contacts[0].TenantID)
	require.Len(t, contacts[0].Contacts, 1)
	assert.Equal(t, "65f1c0a2b3d4e5f6a7b8c9d0", contacts[0].Contacts[0].ID)

	// Without a contact callback: acknowledged, dropped, still not a call.
	h = NewWebhookHandler(func(context.Context, *CallEvent) error { calls++; return nil })
	rec = post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil)
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Zero(t, calls)

	// A failing contact callback asks OMICall to send it again.
	h = NewWebhookHandler(nil, WithContactEvents(func(context.Context, *ContactEvent) error { return assert.AnError }))
	rec = post(h, http.MethodPost, "/hook", bytes.NewReader(body), nil)
	assert.Equal(t, http.StatusInternalServerError, rec.Code)
}

// ParseContactEvent reads the hook, unwrapped or not, keeps each item's
// JSON, and refuses what is not a contact hook.
func TestParseContactEvent(t *testing.T) {
	body := fixture(t, "integrators/hook_contact.json")
	for _, b := range [][]byte{body, append(append([]byte(`{"payload":`), body...), '}')} {
		ev, err := ParseContactEvent(b)
		require.NoError(t, err)
		assert.Equal(t, "update", ev.Action)
		require.Len(t, ev.Contacts, 1)
		assert.Equal(t, "65f1c0a2b3d4e5f6a7b8c9d0", ev.Contacts[0].ID)
		assert.Contains(t, string(ev.Contacts[0].Raw), `"ref_id": "crm-77"`)
	}
	for _, bad := range []string{``, `[]`, `{"state":"ringing"}`, `{"action":"update"}`, `{"data":[]}`, `not json`} {
		_, err := ParseContactEvent([]byte(bad))
		assert.ErrorIs(t, err, ErrInvalidContactEvent, bad)
	}
	many := `{"action":"delete","data":[` + strings.TrimSuffix(strings.Repeat(`{"id":"x"},`, MaxContactEventItems+5), ",") + `]}`
	ev, err := ParseContactEvent([]byte(many))
	require.NoError(t, err)
	assert.Len(t, ev.Contacts, MaxContactEventItems, "bounded")
	assert.False(t, isContactHook([]byte(`{"action":"x","data":[],"state":"ringing"}`)), "a state makes it a call event")
}
