package omicall

import (
	"context"
	"errors"
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
	// Flat sends the body without its "webhook" wrapper
	// ({"type", "url", "events"}), the shape the vendor's own client sends
	// to its internal host (docs/api.md §18.7), and skips the fallback of
	// Register. Not sent.
	Flat bool `json:"-"`
}

// List returns the registered webhooks. OMICall API: GET
// /api/webhooks/list. Retried.
func (s *WebhookService) List(ctx context.Context) ([]Webhook, error) {
	var out []Webhook
	if err := s.e.do(ctx, &request{method: http.MethodGet, path: "/api/webhooks/list", out: &out}); err != nil {
		return nil, err
	}
	return out, nil
}

// Register registers (or replaces) the webhook of req.Type and returns the
// webhooks registered afterwards. A missing type or URL, or a URL that is
// not https (plain http only for a loopback host), is refused before any
// request is sent.
//
// It sends the documented body, {"webhook": {"type", "url", "events"}}.
// Both that and a flat body are in use (docs/api.md §18.7), so when the API
// answers the wrapped body with a failure envelope that is not an auth
// error, Register sends the flat body once more and returns that answer
// (registration is keyed by type, so the repeat does no harm). Set
// req.Flat to send only the flat body. OMICall API:
// POST /api/webhooks/register. Never retried on transport errors (see
// ContextWithRetry).
func (s *WebhookService) Register(ctx context.Context, req *RegisterWebhookRequest) ([]Webhook, error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	reg := *req // the caller's request stays as it is
	if err := required("Type", reg.Type); err != nil {
		return nil, err
	}
	if err := checkWebhookURL(reg.URL); err != nil {
		return nil, err
	}
	if len(reg.Events) == 0 {
		reg.Events = nil // sent as null
	}
	send := func(body any) ([]Webhook, error) {
		var out []Webhook
		if err := s.e.do(ctx, &request{method: http.MethodPost, path: "/api/webhooks/register", body: body, out: &out}); err != nil {
			return nil, err
		}
		return out, nil
	}
	if reg.Flat {
		return send(reg)
	}
	out, err := send(struct {
		Webhook RegisterWebhookRequest `json:"webhook"`
	}{reg})
	if refusedShape(err) {
		return send(reg)
	}
	return out, err
}

// refusedShape reports whether err is a failure envelope that is not about
// credentials: the answer after which Register tries the flat body.
func refusedShape(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode == 0 || ae.StatusCode == statusSuccess {
		return false
	}
	return !errors.Is(err, ErrUnauthorized) && !errors.Is(err, ErrAPIKeyInvalid) && !errors.Is(err, ErrAPIKeyRequired) &&
		!errors.Is(err, ErrRateLimited)
}

// Delete removes the webhook of hookType (e.g. WebhookTypeCall). OMICall
// API: POST /api/webhooks/destroy?hook_type=. Never retried (see
// ContextWithRetry).
func (s *WebhookService) Delete(ctx context.Context, hookType string) error {
	if err := required("hookType", hookType); err != nil {
		return err
	}
	q := url.Values{"hook_type": {hookType}}
	return s.e.do(ctx, &request{method: http.MethodPost, path: "/api/webhooks/destroy", query: q})
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
