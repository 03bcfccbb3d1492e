package omicall

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
)

// ContactEvent is a contact hook: OMICall POSTs one to the URL registered
// with WebhookTypeContact when contacts change, as
// {"action": ..., "data": [{... "contact_id" ...}], "tenant_id": ...}
// (docs/api.md §9.2 and §18.9; the shape is seen in one public integration
// and is not documented further). It is not a call event: the webhook
// handler answers it 2xx and hands it to WithContactEvents' callback only.
type ContactEvent struct {
	Action   string       // what happened, as sent (e.g. "create", "update", "delete")
	TenantID string       // tenant_id
	Contacts []ContactRef // data[], at most MaxContactEventItems
	// Raw is the body as received.
	Raw json.RawMessage
}

// ContactRef is one contact of a ContactEvent.
type ContactRef struct {
	// ID is the contact's id: contact_id, else id, else _id. Contacts.Get
	// and Contacts.Delete take it.
	ID string
	// Raw is the item as sent, for the fields this type does not name.
	Raw json.RawMessage
}

// MaxContactEventItems is the most contacts a ContactEvent keeps; later
// items of data are dropped.
const MaxContactEventItems = 1000

// ErrInvalidContactEvent matches every error of ParseContactEvent.
var ErrInvalidContactEvent = errors.New("omicall: invalid contact event")

// ParseContactEvent decodes the body of a contact hook: a JSON object
// with an "action" and a "data" array (an optional {"payload": ...}
// wrapper is removed first). Anything else is an error matching
// ErrInvalidContactEvent. Use it with your own router; the handler of
// NewWebhookHandler calls it for you.
func ParseContactEvent(body []byte) (*ContactEvent, error) {
	body = unwrapPayload(bytes.Clone(body))
	if countValues(body, MaxCallEventValues*4+1) > MaxCallEventValues*4 {
		return nil, errors.Join(ErrInvalidContactEvent, errors.New("too many JSON values"))
	}
	var w struct {
		Action   numText           `json:"action"`
		TenantID numText           `json:"tenant_id"`
		Data     []json.RawMessage `json:"data"`
	}
	if err := decodeLenient(body, &w); err != nil || w.Action == "" || w.Data == nil {
		return nil, ErrInvalidContactEvent
	}
	ev := &ContactEvent{Action: string(w.Action), TenantID: string(w.TenantID), Raw: body}
	for _, item := range w.Data[:min(len(w.Data), MaxContactEventItems)] {
		var ids struct {
			ContactID numText `json:"contact_id"`
			ID        numText `json:"id"`
			UID       numText `json:"_id"`
		}
		_ = decodeLenient(item, &ids)
		ev.Contacts = append(ev.Contacts, ContactRef{ID: string(cmp.Or(ids.ContactID, ids.ID, ids.UID)), Raw: item})
	}
	return ev, nil
}

// isContactHook reports whether body looks like a contact hook rather
// than a call event: an object with "action" and "data" and no "state".
func isContactHook(body []byte) bool {
	body = unwrapPayload(body)
	var keys struct {
		Action json.RawMessage `json:"action"`
		Data   json.RawMessage `json:"data"`
		State  json.RawMessage `json:"state"`
	}
	if json.Unmarshal(body, &keys) != nil {
		return false
	}
	return keys.Action != nil && keys.Data != nil && keys.State == nil
}

// WithContactEvents makes the handler pass contact hooks to fn (an error
// or a panic answers 500, so OMICall sends the hook again). Without it a
// contact hook is answered 200 and dropped. Either way a contact hook never
// reaches the call callback.
func WithContactEvents(fn func(context.Context, *ContactEvent) error) WebhookOption {
	return func(c *webhookConfig) { c.contactFn = fn }
}
