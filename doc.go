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
//	tenant, err := c.Tenant.Get(ctx)
//
// The API is grouped into services on the Client: Agents, CallCenter,
// Transactions (call history), Calls (click-to-call, auto call), Webhooks,
// Contacts, Tickets, Speech and Tenant; PartnerClient has Account, Tenants,
// Numbers and Packages. Every service names the same action the same way:
// Get (one item), List (one *Page[T]), All (an iter.Seq2 that walks every
// page of the same list), Create (which returns what it created), Update
// and Delete; a find by key is Lookup(ctx, key, value) (LookupExtension on
// the call center); a domain verb (Invite, ClickToCall, Evaluate, Score,
// Register, Buy, TopUp, ...) only where the API's action means something
// else. The admin lists take one ListOptions
// (Page, Size up to MaxPageSize, Keyword). Every method takes a context
// first.
//
// The client talks to production (DefaultBaseURL) unless WithBaseURL says
// otherwise (StagingBaseURL for staging keys). Decoded times are UTC;
// Vietnam is the zone OMICall's console shows.
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
// Package omicalltest runs an in-memory OMICall for tests and examples.
package omicall
