package omicall

import (
	"context"
	"net/http"
	"net/url"
	"strings"
)

// WebhookService registers the URLs OMICall posts call events to. Reach it as c.Webhooks.
type WebhookService service

// Webhook types (RegisterWebhookRequest.Type, Webhook.Type, Delete's hookType).
const (
	WebhookTypeCall    = "call"    // call hooks: state events and CDRs (see NewWebhookHandler)
	WebhookTypeContact = "contact" // contact changes (undocumented payload)
)

// WebhookStatusActive is the Status of a registered, active webhook; the API
// spells it "actived".
const WebhookStatusActive = "actived"

// Webhook is a registered webhook.
type Webhook struct {
	URL    string `json:"url"`
	Type   string `json:"type"`   // WebhookTypeCall or WebhookTypeContact
	Status string `json:"status"` // e.g. WebhookStatusActive ("actived")
}

// RegisterWebhookRequest is what Register sends.
type RegisterWebhookRequest struct {
	// Type is WebhookTypeCall or WebhookTypeContact. Required.
	Type string `json:"type"`
	// URL receives the events. It must be https (a plain http URL is
	// accepted only for a loopback host, for tests). It may carry a secret
	// in its query, e.g. https://crm.example/omicall?secret=s3cret, checked
	// by WithWebhookSecret. Required.
	URL string `json:"url"`
	// Events limits the call states delivered: StateRinging, StateAnswered,
	// StateHangup. Empty sends null, the API's own example, taken to mean
	// every event (the API does not say). Whether a non-empty list still
	// receives the CDR is not documented either; the simulator sends it
	// only when the list includes StateCDR.
	Events []CallState `json:"events"`
}

// List returns the registered webhooks. OMICall API: GET
// /api/webhooks/list. Retried.
func (s *WebhookService) List(ctx context.Context) ([]Webhook, error) {
	var out []Webhook
	if err := s.c.do(ctx, &request{method: http.MethodGet, path: "/api/webhooks/list", out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// Register registers (or replaces) the webhook of reg.Type and returns the
// webhooks registered afterwards. A missing type or URL, or a URL that is
// not https (plain http only for a loopback host), is refused before any
// request is sent. OMICall API: POST /api/webhooks/register. Never retried
// (see ContextWithRetry).
func (s *WebhookService) Register(ctx context.Context, reg RegisterWebhookRequest) ([]Webhook, error) {
	if err := required("Type", reg.Type); err != nil {
		return nil, err
	}
	if err := checkWebhookURL(reg.URL); err != nil {
		return nil, err
	}
	if len(reg.Events) == 0 {
		reg.Events = nil // sent as null
	}
	body := struct {
		Webhook RegisterWebhookRequest `json:"webhook"`
	}{reg}
	var out []Webhook
	if err := s.c.do(ctx, &request{method: http.MethodPost, path: "/api/webhooks/register", body: body, out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// Delete removes the webhook of hookType (e.g. WebhookTypeCall). OMICall
// API: POST /api/webhooks/destroy?hook_type=. Never retried (see
// ContextWithRetry).
func (s *WebhookService) Delete(ctx context.Context, hookType string) error {
	if err := required("hookType", hookType); err != nil {
		return err
	}
	q := url.Values{"hook_type": {hookType}}
	return s.c.do(ctx, &request{method: http.MethodPost, path: "/api/webhooks/destroy", query: q})
}

// checkWebhookURL accepts an absolute https URL, or http to a loopback host.
// Its errors never quote the URL, which may hold a secret.
func checkWebhookURL(raw string) error {
	if err := required("URL", raw); err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return &ValidationError{Field: "URL", Reason: "must be an absolute https URL"}
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopback(u.Hostname()) {
			return nil
		}
		return &ValidationError{Field: "URL", Reason: "plain http is allowed only for a loopback host; use https"}
	}
	return &ValidationError{Field: "URL", Reason: "must be an absolute https URL"}
}
