package omicall

// WebhookService registers the URLs OMICall posts call events to. Reach it as c.Webhooks.
type WebhookService service
