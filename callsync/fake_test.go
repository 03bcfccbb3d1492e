package callsync

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
)

// fakeHistory is a v3 search that the test scripts: answer returns the
// items of one page and whether another follows, or writes its own answer
// (and returns ok false).
type fakeHistory func(w http.ResponseWriter, from, to int64, page, size int) (items []json.RawMessage, hasNext, ok bool)

// serveHistory serves f on a loopback server and returns a client of it
// (one attempt per request: the Syncer's own waits are what is tested).
func serveHistory(t testing.TB, f fakeHistory) *omicall.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Filter struct{ FromDate, ToDate int64 } `json:"filter"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil || r.URL.Path != "/api/v3/call-transaction/search" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("size"))
		items, hasNext, ok := f(w, body.Filter.FromDate, body.Filter.ToDate, page, size)
		if !ok {
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"status_code": 9999, "payload": map[string]any{
			"items": items, "page_number": page, "page_size": size, "has_next": hasNext}})
	}))
	t.Cleanup(srv.Close)
	c, err := omicall.NewClient("fake-api-key-0123456789", omicall.WithBaseURL(srv.URL), omicall.WithRetry(1, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// generated is a history of n calls, one every step from start, made up
// on demand: what a page holds is computed, not stored, so a test of
// millions of calls holds none of them.
func generated(n int, start time.Time, step time.Duration) fakeHistory {
	s0, st := start.UnixMilli(), step.Milliseconds()
	return func(_ http.ResponseWriter, from, to int64, page, size int) ([]json.RawMessage, bool, bool) {
		first := max(0, (from-s0+st-1)/st) // the first call at or after from
		last := min(int64(n)-1, (to-s0)/st)
		lo := first + int64((page-1)*size)
		var items []json.RawMessage
		for i := lo; i <= last && i < lo+int64(size); i++ {
			items = append(items, genRecord(i, time.UnixMilli(s0+i*st)))
		}
		return items, lo+int64(size) <= last, true
	}
}

// genRecord is call i of a generated history, as the v3 search sends it.
func genRecord(i int64, at time.Time) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"transaction_id":"gen-%09d","direction":"outbound","disposition":"answered",`+
		`"sip_user":"%d","phone_number":"09%08d","sip_number":"02800000001","bill_sec":%d,"duration":%d,`+
		`"time_start_call":%d,"time_answer_start":%d,"time_end_call":%d,"created_date":%d,"last_updated_date":%d,`+
		`"recording_file":"https://rec.invalid/gen-%09d.mp3","hangup_cause":"NORMAL_CLEARING"}`,
		i, 100+i%20, i%100000, 10+i%300, 15+i%300, at.Unix(), at.Unix()+5, at.Unix()+15+i%300, at.UnixMilli(),
		at.UnixMilli()+(15+i%300)*1000, i))
}
