package callsync

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
)

func TestDropZeroMembers(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`{"a":"","b":0,"c":false,"d":null,"e":[],"f":{},"g":1}`:   `{"g":1}`,
		`{"a":{"x":"","y":"z"},"b":[{"k":0},{"k":2}],"c":"s\"}"}`: `{"a":{"y":"z"},"b":[{},{"k":2}],"c":"s\"}"}`,
		`{"a":{"x":""},"n":0.5,"m":-0}`:                           `{"n":0.5,"m":-0}`,
		`{}`:                                                      `{}`,
		`{"broken":`:                                              `{"broken":`,
	} {
		if got := string(dropZeroMembers([]byte(in))); got != want {
			t.Errorf("dropZeroMembers(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestRecordJSONKeepsTheRecord: a stored record says what the full
// encoding says: decoded and stored again, it gives the same bytes; and it
// is smaller. For every record of a history.
func TestRecordJSONKeepsTheRecord(t *testing.T) {
	t.Parallel()
	c, _ := seeded(t, 300)
	for tx, err := range c.Transactions.SearchAll(context.Background(), &omicall.SearchRequest{From: simEnd.Add(-8 * 24 * time.Hour), To: simEnd}) {
		if err != nil {
			t.Fatal(err)
		}
		full, _ := json.Marshal(&tx)
		rec := recordJSON(&tx)
		var back omicall.Transaction
		if err := json.Unmarshal(rec, &back); err != nil {
			t.Fatalf("%v: %s", err, rec)
		}
		if again := recordJSON(&back); string(again) != string(rec) || back.TransactionID != tx.TransactionID ||
			back.LastUpdatedDate != tx.LastUpdatedDate || back.RecordingURL() != tx.RecordingURL() {
			t.Fatalf("the stored record reads differently:\n%s\n%s\n%s", full, rec, again)
		}
		if len(rec) >= len(full) {
			t.Errorf("record of %d bytes, the full encoding %d", len(rec), len(full))
		}
	}
}

// FuzzDropZeroMembers: whatever the input, no panic, and valid JSON stays
// valid.
func FuzzDropZeroMembers(f *testing.F) {
	for _, s := range []string{`{"a":"","b":[{"c":0}],"d":"\\\""}`, `{"a": 1 , "b" :{}}`, `[0,{}]`, `{"a":`, `"x"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out := dropZeroMembers(b)
		if json.Valid(b) && !json.Valid(out) {
			t.Fatalf("%s became %s", b, out)
		}
	})
}
