package simulator

// The contact hooks: what the API sends to the URLs registered with type
// contact when a contact is created, updated or deleted (docs/api.md §9.2,
// §18.9). The body is {"action", "data": [...], "tenant_id"}, not a call
// event. The actions create, update and delete are the simulator's names:
// the vendor's are not documented.

import "encoding/json"

// contactHookBody is the body of a contact hook.
type contactHookBody struct {
	Action   string            `json:"action"`
	Data     []contactHookItem `json:"data"`
	TenantID string            `json:"tenant_id"`
}

// contactHookItem is one contact of a contact hook: contact_id (the
// contact's own id) and its record.
type contactHookItem struct {
	ContactID string `json:"contact_id"`
	contactRecord
}

// contactHook is a contact hook waiting to be sent.
type contactHook struct {
	action  string
	body    []byte
	targets []string // the contact webhooks registered when the change was made
}

// emitContactHook queues a contact hook about cs for the contact webhooks
// registered now; they are sent in the order of the changes, in the
// background. Nothing is queued when no contact webhook is registered.
// s.mu is held.
func (s *Server) emitContactHook(action string, cs ...*contact) {
	var targets []string
	for _, r := range s.hooks.regs {
		if r.Type == "contact" {
			targets = append(targets, r.URL)
		}
	}
	if len(targets) == 0 || len(cs) == 0 {
		return
	}
	body := contactHookBody{Action: action, TenantID: ccTenantID, Data: make([]contactHookItem, len(cs))}
	for i, c := range cs {
		rec := c.record()
		rec.IsDeleted = action == "delete"
		body.Data[i] = contactHookItem{ContactID: c.id, contactRecord: rec}
	}
	b, err := json.Marshal(body)
	if err != nil {
		return
	}
	h := &s.hooks
	h.contactQueue = append(h.contactQueue, contactHook{action: action, body: b, targets: targets})
	if !h.contactSending {
		h.contactSending = true
		h.wg.Add(1)
		go s.sendContactHooks()
	}
}

// sendContactHooks delivers the queued contact hooks, oldest first, until
// the queue is empty.
func (s *Server) sendContactHooks() {
	defer s.hooks.wg.Done()
	for {
		s.mu.Lock()
		h := &s.hooks
		if len(h.contactQueue) == 0 {
			h.contactSending = false
			s.mu.Unlock()
			return
		}
		next := h.contactQueue[0]
		h.contactQueue = h.contactQueue[1:]
		s.mu.Unlock()
		for _, u := range next.targets {
			s.deliver(Delivery{URL: u, Type: "contact", Action: next.action}, func(int) []byte { return next.body })
		}
	}
}
