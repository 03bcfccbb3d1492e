package omicall

import (
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// MaxTransactionRange is the longest From..To range one call-history request
// may ask for (the API answers date_is_too_long beyond it). List refuses a
// longer range; All splits any range into windows of this length.
const MaxTransactionRange = 30 * 24 * time.Hour

// maxRangeMs is MaxTransactionRange in milliseconds, the unit of the API.
const maxRangeMs = int64(MaxTransactionRange / time.Millisecond)

// TransactionListOptions filters GET /api/call_transaction/list. From and To
// are required and both inclusive; they travel as Unix milliseconds
// (from_date, to_date), so anything finer than a millisecond is dropped.
//
// The list filters (Agents, UserUUIDs, Directions, SIPNumbers,
// QueueDestinations) are sent as repeated query keys
// (agents=a@x.vn&agents=b@x.vn). The documentation does not say how arrays
// travel in a query; repeated keys is this SDK's choice, made in one place
// (addList).
type TransactionListOptions struct {
	From time.Time // required; the first millisecond of the range
	To   time.Time // required; the last millisecond of the range

	Page int // 1-based; 0 means 1; negative is a ValidationError
	Size int // at most MaxTransactionPageSize; 0 means DefaultPageSize, the API's default; negative is a ValidationError

	Agents            []string    // agent emails
	UserUUIDs         []string    // third-party user ids of agents
	IsAutoCall        *bool       // nil: all calls; true: only auto calls; false: no auto calls
	Keyword           string      // free-text search
	SIPUser           string      // an agent extension
	Disposition       Disposition // one disposition; empty means both
	Directions        []Direction // empty means every direction
	SIPNumbers        []string    // hotline numbers
	QueueDestinations []string    // internal group (queue) numbers
}

// query returns the query of one list request over [from, to] (ms).
func (o *TransactionListOptions) query(from, to int64) url.Values {
	q := setPage(url.Values{}, o.Page, o.Size)
	q.Set("from_date", formatMs(from))
	q.Set("to_date", formatMs(to))
	addList(q, "agents", o.Agents)
	addList(q, "user_uuids", o.UserUUIDs)
	if o.IsAutoCall != nil {
		q.Set("is_auto_call", strconv.FormatBool(*o.IsAutoCall))
	}
	setNonEmpty(q, "keyword", o.Keyword)
	setNonEmpty(q, "sip_user", o.SIPUser)
	setNonEmpty(q, "disposition", string(o.Disposition))
	addList(q, "direction", o.Directions)
	addList(q, "sip_numbers", o.SIPNumbers)
	addList(q, "queue_destination", o.QueueDestinations)
	return q
}

// addList adds an array-valued query parameter as repeated keys
// (key=a&key=b). It is the one place that decides how arrays travel in a
// query string; empty values are skipped.
func addList[S ~string](q url.Values, key string, vals []S) {
	for _, v := range vals {
		if v != "" {
			q.Add(key, string(v))
		}
	}
}

// setNonEmpty sets a query parameter when v is not empty.
func setNonEmpty(q url.Values, key, v string) {
	if v != "" {
		q.Set(key, v)
	}
}

// dateRange is a checked From..To range in Unix milliseconds, both inclusive.
type dateRange struct{ from, to int64 }

// checkRange validates a From..To range: both set, not before 1970, and From
// strictly before To (a zero-length range is refused: it is almost always a
// day meant as a whole but given as two equal midnights). maxMs > 0 also
// limits the length. The errors are ValidationErrors that also match the
// sentinel the API would have answered with (ErrDateRequired,
// ErrDateInvalid, ErrDateRangeTooLong).
func checkRange(from, to time.Time, maxMs int64) (dateRange, error) {
	switch {
	case from.IsZero():
		return dateRange{}, invalidAs("From", "is required", ErrDateRequired)
	case to.IsZero():
		return dateRange{}, invalidAs("To", "is required", ErrDateRequired)
	}
	r := dateRange{from.UnixMilli(), to.UnixMilli()}
	switch {
	case r.from < 0 || r.to < 0:
		return dateRange{}, invalidAs("From", "must not be before 1970-01-01", ErrDateInvalid)
	case r.from >= r.to:
		return dateRange{}, invalidAs("To", "must be after From (both are inclusive milliseconds)", ErrDateInvalid)
	case maxMs > 0 && r.to-r.from > maxMs:
		return dateRange{}, invalidAs("To", "range is longer than 30 days; All walks a longer range in 30-day windows", ErrDateRangeTooLong)
	}
	return r, nil
}

// windows returns how many windows r splits into. Window k is
// [from + k·30d, from + (k+1)·30d − 1 ms], both inclusive, and the last one
// ends at r.to: each spans less than MaxTransactionRange, and consecutive
// windows share no millisecond and leave none out, so no record is listed
// twice or lost at an edge.
func (r dateRange) windows() int {
	return int((r.to-r.from)/maxRangeMs) + 1
}

// window returns window k of r (see windows).
func (r dateRange) window(k int) dateRange {
	from := r.from + int64(k)*maxRangeMs
	return dateRange{from, min(from+maxRangeMs-1, r.to)}
}

// UpdateTransactionRequest is the body of POST /api/call_transaction/change/:id. It
// replaces the call's note and tags: an empty Note clears the note, empty
// Tags clear the tags.
type UpdateTransactionRequest struct {
	Note string
	Tags []string
}

// MarshalJSON writes {"tag": [...], "note": "..."}, with [] for no tags.
func (u UpdateTransactionRequest) MarshalJSON() ([]byte, error) {
	tags := u.Tags
	if tags == nil {
		tags = []string{}
	}
	return json.Marshal(struct {
		Tag  []string `json:"tag"`
		Note string   `json:"note"`
	}{tags, u.Note})
}

// ReportOptions filters GET /api/call_transaction/report. From and To
// (inclusive, sent as Unix milliseconds) are required by this SDK: the
// documentation does not mark them, but a report has no meaning without a
// range. No 30-day limit is documented for the report, so none is applied.
// Numbers and Agents are sent as repeated query keys, like the list filters.
type ReportOptions struct {
	From    time.Time
	To      time.Time
	Numbers []string // hotline numbers
	SIPUser string   // an agent extension
	Agents  []string // agent emails
}

// TransactionReport is the call statistics of GET /api/call_transaction/report.
// Internal (local) calls are counted only in CategorizedByLocalDirection.
type TransactionReport struct {
	CategorizedByDirection      []ReportByDirection   `json:"categorized_by_direction"`
	CategorizedByDisposition    []ReportByDisposition `json:"categorized_by_disposition"`
	CategorizedByLocalDirection ReportLocal           `json:"categorized_by_local_direction"`
}

// ReportByDirection counts the calls of one direction (inbound or outbound).
type ReportByDirection struct {
	ID         Direction `json:"_id"`
	TotalCount int       `json:"total_count"` // calls
	TotalTime  int       `json:"total_time"`  // seconds
}

// ReportByDisposition counts the calls of one disposition.
type ReportByDisposition struct {
	ID            Disposition `json:"_id"`
	TotalCount    int         `json:"total_count"`
	TotalOutbound int         `json:"total_outbound"`
	TotalInbound  int         `json:"total_inbound"`
}

// ReportLocal counts internal calls. TotalCallAnswer is 0 when the API sends
// null.
type ReportLocal struct {
	TotalCall       int `json:"total_call"`
	TotalCallAnswer int `json:"total_call_answer"`
}

// EvaluationCriterion is one call-evaluation criterion of the tenant. The
// payload of GET /api/evaluation_criteria/call/list is undocumented: ID,
// Name and Description are read from the usual keys (_id or id, name or
// title, description) and Raw keeps the whole object.
type EvaluationCriterion struct {
	ID          string
	Name        string
	Description string
	Raw         json.RawMessage
}

// UnmarshalJSON reads the known keys and keeps the object in Raw; it never
// fails.
func (e *EvaluationCriterion) UnmarshalJSON(b []byte) error {
	var a struct {
		UID         string `json:"_id"`
		ID          string `json:"id"`
		Name        string `json:"name"`
		Title       string `json:"title"`
		Description string `json:"description"`
	}
	_ = decodeLenient(b, &a)
	*e = EvaluationCriterion{ID: a.UID, Name: a.Name, Description: a.Description, Raw: append(json.RawMessage(nil), b...)}
	if e.ID == "" {
		e.ID = a.ID
	}
	if e.Name == "" {
		e.Name = a.Title
	}
	return nil
}

// EvaluateRequest is the body of POST /api/call_transaction/add_evaluation/:id.
// Both fields are required.
type EvaluateRequest struct {
	// UserUUID is the evaluator: a third-party user id or an extension.
	UserUUID string `json:"user_uuid"`
	// Evaluation is the evaluation object, sent as is. Its format is
	// documented only as a screenshot, so it is left to the caller: a
	// map[string]any, a json.RawMessage, or any value that marshals to a
	// JSON object.
	Evaluation any `json:"evaluation"`
}

// formatMs formats Unix milliseconds for a query.
func formatMs(ms int64) string { return strconv.FormatInt(ms, 10) }
