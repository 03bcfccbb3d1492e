package omicall

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// MaxSearchSize is the largest page the call-history searches serve
// (docs/api.md §7.6, §18.2): the Size of SearchRequest and of
// LegacySearchRequest is at most MaxSearchSize. The other page-size bounds
// are MaxPageSize (the admin lists) and MaxTransactionPageSize (the
// call-history list).
const MaxSearchSize = 50

// searchPath is the v3 call-history search.
const searchPath = "/api/v3/call-transaction/search"

// SearchRequest asks the v3 call-history search (POST
// /api/v3/call-transaction/search, docs/api.md §18.2) for the calls of
// From..To that match every filter set. From and To are required and both
// inclusive; they travel as Unix milliseconds (filter.fromDate,
// filter.toDate). An empty list or nil pointer filters nothing; an empty
// string inside a list is refused before sending.
type SearchRequest struct {
	From time.Time // required
	To   time.Time // required

	Directions     []Direction // filter.directions: outbound, inbound, local
	SIPUsers       []string    // filter.sipUsers: agent extensions
	AgentIDs       []string    // filter.agentIds: OMICall agent ids
	IsAnswer       *bool       // filter.isAnswer: only answered (true) or unanswered (false) calls
	Keyword        string      // filter.keyword: free text, e.g. a phone number
	PhoneNumbers   []string    // filter.phoneNumbers: customer numbers
	TransactionIDs []string    // filter.transactionIds: call ids

	// ExtraFilter adds filter keys this type has no field for, sent as
	// is: the v2 keys tagIds, sipNumbers, agentEmails and agentUuids
	// probably exist in v3 as well (docs/api.md §18.2 infers it; no v3
	// caller was seen sending them). A typed field wins over the same key
	// here.
	ExtraFilter map[string]any

	// Sort orders the records. The zero Sort is created_date ascending,
	// oldest first: the order All lists in, and the one in which paging
	// stays stable while new calls are recorded.
	Sort Sort

	Page int // 1-based; 0 means 1; not negative
	Size int // 1 to MaxSearchSize; 0 means MaxSearchSize
}

// Sort is the order of the v3 search: a record field (e.g. "created_date",
// "time_start_call") and its direction.
type Sort struct {
	Field string // "" means created_date, ascending (Asc is then ignored)
	Asc   bool   // true: oldest (smallest) first
}

// searchFilterBody is the JSON body of the v3 search.
type searchFilterBody struct {
	Filter map[string]any `json:"filter"`
	Sort   struct {
		Field string `json:"field"`
		IsAsc bool   `json:"isAsc"`
	} `json:"sort"`
}

// check validates req and returns its range.
func (req *SearchRequest) check() (dateRange, error) {
	if req == nil {
		return dateRange{}, &ValidationError{Field: "req", Reason: "is required"}
	}
	r, err := checkRange(req.From, req.To, 0)
	if err != nil {
		return dateRange{}, err
	}
	if err := checkPaging(req.Page, req.Size, MaxSearchSize); err != nil {
		return dateRange{}, err
	}
	return r, firstErr(
		noEmptyItem("Directions", req.Directions), noEmptyItem("SIPUsers", req.SIPUsers),
		noEmptyItem("AgentIDs", req.AgentIDs), noEmptyItem("PhoneNumbers", req.PhoneNumbers),
		noEmptyItem("TransactionIDs", req.TransactionIDs))
}

// body returns the JSON body of req over r.
func (req *SearchRequest) body(r dateRange) searchFilterBody {
	f := make(map[string]any, len(req.ExtraFilter)+9)
	for k, v := range req.ExtraFilter {
		f[k] = v
	}
	f["fromDate"], f["toDate"] = r.from, r.to
	for key, vals := range map[string][]string{"sipUsers": req.SIPUsers, "agentIds": req.AgentIDs,
		"phoneNumbers": req.PhoneNumbers, "transactionIds": req.TransactionIDs} {
		if len(vals) > 0 {
			f[key] = vals
		}
	}
	if len(req.Directions) > 0 {
		f["directions"] = req.Directions
	}
	if req.IsAnswer != nil {
		f["isAnswer"] = *req.IsAnswer
	}
	if req.Keyword != "" {
		f["keyword"] = req.Keyword
	}
	b := searchFilterBody{Filter: f}
	b.Sort.Field, b.Sort.IsAsc = req.Sort.Field, req.Sort.Asc
	if b.Sort.Field == "" {
		b.Sort.Field, b.Sort.IsAsc = "created_date", true
	}
	return b
}

// Search returns one page of the call history from the v3 search: the
// calls between req.From and req.To that match req's filters. It
// authenticates with the API key in the x-api-key header (no access token
// is fetched), so the client needs its API key. page and size travel in
// the query. HTTP 204 is an empty page. The paging is read from snake_case
// or camelCase keys; when the server sends no has_next, HasNext is true
// exactly when the page is full. An item that is not a JSON object, or an
// object without any call id, makes the call fail with a *DecodeError:
// never an empty record. OMICall API: POST /api/v3/call-transaction/search
// (docs/api.md §18.2: the path, x-api-key and body from integrators' code,
// one checked against a live account — grade C+live; the paging keys are
// ambiguous there, hence both styles). Retried (it only reads).
func (s *TransactionService) Search(ctx context.Context, req *SearchRequest) (*Page[Transaction], error) {
	r, err := req.check()
	if err != nil {
		return nil, err
	}
	return s.searchPage(ctx, req, r, max(req.Page, 1))
}

// searchPage fetches page n of req over r without validating it.
func (s *TransactionService) searchPage(ctx context.Context, req *SearchRequest, r dateRange, n int) (*Page[Transaction], error) {
	size := cmp.Or(req.Size, MaxSearchSize)
	w, err := doPage(ctx, s.e, &request{method: http.MethodPost, path: searchPath, query: setPage(nil, n, size),
		body: req.body(r), callOptions: callOptions{retryPOST: true}}, pageAsk{n, size}, getWire(size))
	if err != nil {
		putWire(w.Items.items)
		return nil, err
	}
	for i := range w.Items.items {
		if it := &w.Items.items[i]; it.TransactionID == "" && it.CallUUID == "" && it.ID == "" {
			putWire(w.Items.items)
			return nil, &DecodeError{HTTPStatus: http.StatusOK, Method: http.MethodPost, Path: searchPath,
				Err: fmt.Errorf("item %d of payload.items is not a call record (no transaction_id, call_uuid or _id)", i)}
		}
	}
	hasNext, sent := w.hasNext()
	full := len(w.Items.items) >= size
	p := transactionPage(w)
	if p.Number == 0 && len(p.Items) > 0 {
		p.Number = n
	}
	p.HasNext = full && (hasNext || !sent) // no paging keys: a full page may have a next one
	return p, nil
}

// SearchAll walks every page of the v3 search for req, from req.Page on,
// as one sequence: it stops after a page whose has_next is false, after a
// short page, on a page that repeats the previous one, or when the server
// answers another page than asked. Like All, it fetches the next page
// while the caller handles the current one, so at most two pages are in
// memory whatever the range; breaking out of the loop or ending ctx stops
// the fetching. No range limit is documented for the v3 search, so the
// range is not cut into windows. A failure, including a ValidationError
// (before any request), is yielded once as (zero, err) and ends the walk.
// OMICall API: POST /api/v3/call-transaction/search. Retried.
func (s *TransactionService) SearchAll(ctx context.Context, req *SearchRequest) iter.Seq2[Transaction, error] {
	r, err := req.check()
	if err != nil {
		return errSeq[Transaction](err)
	}
	o := *req
	// The walker ends on has_next false or a short page (see searchPage),
	// and with an error matching ErrMalformedResponse on a page that
	// repeats the previous one or answers another page number than asked.
	return paginateLists(ctx, 1, max(o.Page, 1), func(ctx context.Context, _, n int) (*Page[Transaction], error) {
		return s.searchPage(ctx, &o, r, n)
	})
}

// noEmptyItem refuses an empty string inside a list filter.
func noEmptyItem[S ~string](field string, vals []S) error {
	for i, v := range vals {
		if v == "" {
			return &ValidationError{Field: fmt.Sprintf("%s[%d]", field, i), Reason: "is empty"}
		}
	}
	return nil
}

// SearchLegacy returns one page of the detailed call log of the agents in
// req.UserUUIDs between req.From and req.To. It authenticates with the API
// key (x-api-key header), not the access token, so the client must have
// been created with an API key. The paging comes back in camelCase, which
// Page reads. page and size travel as query parameters (the documentation is
// ambiguous; see LegacySearchRequest). OMICall API:
// POST /api/call_transaction/search (docs/api.md §7.6, 2023). Retried (it
// only reads).
//
// Deprecated: use Search, the v3 search every 2026 integration uses
// (docs/api.md §18.2). SearchLegacy stays for tenants whose agents are known
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
	body := legacySearchBody{UserUUIDs: req.UserUUIDs, FromDate: r.from, ToDate: r.to,
		Direction: req.Directions, Disposition: req.Dispositions, Tags: req.Tags, Numbers: req.Numbers}
	w, err := doPage[Transaction](ctx, s.e, &request{method: http.MethodPost, path: "/api/call_transaction/search",
		query: setPage(nil, req.Page, req.Size), body: body, callOptions: callOptions{auth: authAPIKey, retryPOST: true}},
		pageAsk{max(req.Page, 1), cmp.Or(req.Size, MaxSearchSize)}, nil)
	if err != nil {
		return nil, err
	}
	p := w.page()
	return &p, nil
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

// legacySearchBody is the JSON body of SearchLegacy.
type legacySearchBody struct {
	UserUUIDs   []string      `json:"user_uuids"`
	FromDate    int64         `json:"from_date"`
	ToDate      int64         `json:"to_date"`
	Direction   []Direction   `json:"direction,omitempty"`
	Disposition []Disposition `json:"disposition,omitempty"`
	Tags        []string      `json:"tags,omitempty"`
	Numbers     []string      `json:"numbers,omitempty"`
}
