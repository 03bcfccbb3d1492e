package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func TestRunSimulated(t *testing.T) {
	// Every hook is answered 200 at the first attempt: the server is not
	// closed while it still answers the call's record.
	for range 10 {
		sim := omicalltest.NewServer()
		if err := runSimulated(sim, "/omicall/events", 20*time.Second); err != nil {
			t.Fatal(err)
		}
		for _, d := range sim.Deliveries() {
			if d.Status != http.StatusOK || d.Attempt != 1 {
				t.Fatalf("%s delivery %d answered %d", d.State, d.Attempt, d.Status)
			}
		}
	}
}

func TestHandlerAndDescribe(t *testing.T) {
	var got *omicall.CallEvent
	srv := newServer("/hook", newHandler("s", func(ev *omicall.CallEvent) { got = ev }))
	body := `{"state":"cdr","transaction_id":"t1","direction":"outbound","from_number":"100","to_number":"09","bill_sec":3,"time_end_call":1697595795}`
	for _, tc := range []struct {
		target string
		want   int
	}{{"/hook?secret=x", 401}, {"/hook?secret=s", 200}} {
		rec := httptest.NewRecorder()
		srv.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, tc.target, strings.NewReader(body)))
		if rec.Code != tc.want {
			t.Fatalf("%s: status %d, want %d", tc.target, rec.Code, tc.want)
		}
	}
	if got == nil {
		t.Fatal("no event")
	}
	line := describe(got)
	for _, want := range []string{"cdr", "call=t1", "outbound", "from=100", "to=09", "billsec=3s", "attempt=0"} {
		if !strings.Contains(line, want) {
			t.Errorf("line %q lacks %q", line, want)
		}
	}
}

// TestCallRecordsUpsert: the newest copy of a call's record is kept, an
// older copy arriving late is not, and an empty recording URL does not
// erase a known one.
func TestCallRecordsUpsert(t *testing.T) {
	r := newCallRecords()
	parse := func(body string) *omicall.Transaction {
		ev, err := omicall.ParseCallEvent([]byte(body))
		if err != nil {
			t.Fatal(err)
		}
		return ev.CDR
	}
	if kept, first := r.upsert(parse(`{"state":"cdr","transaction_id":"t1","last_updated_date":1000,"recording_file_url":""}`)); !kept || !first {
		t.Fatal("the first copy is kept")
	}
	if kept, _ := r.upsert(parse(`{"state":"cdr","transaction_id":"t1","last_updated_date":3000,"recording_file_url":"https://rec.example/t1.mp3"}`)); !kept {
		t.Fatal("a newer copy is kept")
	}
	if kept, _ := r.upsert(parse(`{"state":"cdr","transaction_id":"t1","last_updated_date":2000,"recording_file_url":""}`)); kept {
		t.Fatal("an older copy is not kept")
	}
	r.upsert(parse(`{"state":"cdr","transaction_id":"t1","last_updated_date":4000,"recording_file_url":""}`))
	if got := r.byID["t1"].RecordingFileURL; got != "https://rec.example/t1.mp3" {
		t.Fatalf("recording URL %q", got)
	}
}
