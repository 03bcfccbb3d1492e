// Package omicall is a client for the OMICall REST API, the cloud call center
// by VIHAT.
//
// A business trades its API key for a 24-hour access token; the Client does
// that for you, caches the token, refreshes it ahead of expiry (one request
// however many goroutines ask) and retries transient failures of idempotent
// requests:
//
//	c, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
//	if err != nil { ... }
//	tenant, err := c.Tenant.Detail(ctx)
//
// The API is grouped into services on the Client: Agents, CallCenter,
// Transactions (call history), Calls (click-to-call, auto call), Webhooks,
// Contacts, Tickets and Tenant. Every method takes a context first. Lists come
// as a Page or, through the All methods, as an iter.Seq2 that walks every
// page.
//
// Failures answered by OMICall are *APIError values that match the Err…
// sentinels with errors.Is (errors.Is(err, omicall.ErrAgentExists)); input
// refused before sending is a *ValidationError. No error, log line or panic
// contains the API key, a token or a query string.
//
// OMICall's payloads are inconsistent (times in seconds or milliseconds,
// booleans as strings, tags as strings or objects); the types in this package
// decode every variant the vendor documents, and a field of an unexpected
// type is left zero instead of failing the response.
//
// NewWebhookHandler serves the call events OMICall posts to your webhook.
// Package omicalltest runs an in-memory OMICall for tests of code that uses
// this package; the examples and this package's own tests run on it too.
package omicall
