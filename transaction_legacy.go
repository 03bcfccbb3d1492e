package omicall

import (
	"context"
	"net/http"
	"time"
)

// SearchLegacy returns one page of the detailed call log of the agents in
// req.UserUUIDs between req.From and req.To. It authenticates with the API
// key (x-api-key header), not the access token, so the client must have
// been created with an API key. The paging comes back in camelCase, which
// Page reads. page and size travel as query parameters (the documentation is
// ambiguous; see LegacySearchRequest). OMICall API:
// POST /api/call_transaction/search (REFERENCE §7.6, 2023). Retried (it
// only reads).
//
// Deprecated: use Search, the v3 search every 2026 integration uses
// (REFERENCE §18.2). SearchLegacy stays for tenants whose agents are known
// by third-party user ids only, until 0.3.0.
func (s *TransactionService) SearchLegacy(ctx context.Context, req *LegacySearchRequest) (*Page[Transaction], error) {
	if req == nil {
		return nil, &ValidationError{Field: "req", Reason: "is required"}
	}
	if len(req.UserUUIDs) == 0 {
		return nil, &ValidationError{Field: "UserUUIDs", Reason: "is required"}
	}
	r, err := checkRange(req.From, req.To, 0)
	if err != nil {
		return nil, err
	}
	if err := checkPaging(req.Page, req.Size, MaxSearchSize); err != nil {
		return nil, err
	}
	if s.e.tokens.apiKey == "" {
		return nil, &ValidationError{Field: "apiKey", Reason: "Search authenticates with the API key; the client has none"}
	}
	body := searchBody{UserUUIDs: req.UserUUIDs, FromDate: r.from, ToDate: r.to,
		Direction: req.Directions, Disposition: req.Dispositions, Tags: req.Tags, Numbers: req.Numbers}
	p := new(Page[Transaction])
	err = s.e.do(ctx, &request{method: http.MethodPost, path: "/api/call_transaction/search",
		query: setPage(nil, req.Page, req.Size), body: body, out: p}, WithAPIKeyHeader(), WithRetryPOST())
	if err != nil {
		return nil, err
	}
	return p, nil
}

// LegacySearchRequest is the body of POST /api/call_transaction/search
// (SearchLegacy; 0.1 called it SearchRequest). UserUUIDs,
// From and To are required; From and To are inclusive and travel as Unix
// milliseconds. The documentation gives page and size as "path" parameters
// of a path without placeholders; this SDK sends them as query parameters
// (?page=1&size=50). Size is at most 50.
type LegacySearchRequest struct {
	UserUUIDs    []string      // required: third-party user ids of agents
	From         time.Time     // required
	To           time.Time     // required
	Directions   []Direction   // empty means every direction
	Dispositions []Disposition // empty means both
	Tags         []string      // tag IDs (not names)
	Numbers      []string      // hotline numbers

	Page int // 1-based; 0 means 1
	Size int // at most MaxSearchSize; 0 means the API default
}

// searchBody is the JSON body of a search.
type searchBody struct {
	UserUUIDs   []string      `json:"user_uuids"`
	FromDate    int64         `json:"from_date"`
	ToDate      int64         `json:"to_date"`
	Direction   []Direction   `json:"direction,omitempty"`
	Disposition []Disposition `json:"disposition,omitempty"`
	Tags        []string      `json:"tags,omitempty"`
	Numbers     []string      `json:"numbers,omitempty"`
}
