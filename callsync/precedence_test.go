package callsync

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// newSyncer returns a Syncer on a fresh database of b and the simulator
// behind its client.
func newSyncer(t *testing.T, b backend, opts ...Option) (*Syncer, *omicalltest.Server) {
	t.Helper()
	return newSyncerOn(t, openStore(t, b.newDB(t)), opts...)
}

// newSyncerOn returns a Syncer on st and the simulator behind its client
// (with an empty history).
func newSyncerOn(t *testing.T, st *Store, opts ...Option) (*Syncer, *omicalltest.Server) {
	t.Helper()
	c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(0, time.Hour, time.Time{}))
	s, err := New(c, st, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return s, srv
}

// cdr is the body of a CDR hook.
func cdr(id string, updated time.Time, billSec int, recording string) string {
	return fmt.Sprintf(`{"state":"cdr","transaction_id":%q,"call_uuid":%q,"direction":"outbound","sip_user":"101",`+
		`"phone_number":"0900000001","sip_number":"02800000001","bill_sec":%d,"duration":%d,"time_start_call":%d,`+
		`"time_end_call":%d,"last_updated_date":%d,"recording_file_url":%q,"send_num_retry":1}`,
		id, id, billSec, billSec+5, updated.Unix()-int64(billSec)-5, updated.Unix(), updated.UnixMilli(), recording)
}

// live is the body of a live event in the 2026 shape.
func live(id, state string) string {
	return fmt.Sprintf(`{"state":%q,"transaction_id":%q,"call_uuid":"leg-%s","extension":"101","phone_number":"0900000001","direction":"outbound"}`,
		state, id, id)
}

// hook hands one body to HandleEvent.
func hook(t *testing.T, s *Syncer, body string) {
	t.Helper()
	ev, err := omicall.ParseCallEvent([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.HandleEvent(context.Background(), ev); err != nil {
		t.Fatalf("HandleEvent: %v", err)
	}
}

func TestPrecedence(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	forEachBackend(t, func(t *testing.T, b backend) {
		var skipped int
		obs := &Observer{Write: func(_ context.Context, w WriteInfo) { skipped += w.Skipped }}
		s, _ := newSyncer(t, b, WithObserver(obs))
		st := s.Store()

		t.Run("a CDR sent twice with different data keeps the later", func(t *testing.T) {
			hook(t, s, cdr("twice", t0, 0, ""))
			hook(t, s, cdr("twice", t0.Add(30*time.Second), 42, "https://rec/twice.mp3"))
			c := mustGet(t, st, "twice")
			if c.BillSec != 42 || c.RecordingURL != "https://rec/twice.mp3" || !c.SourceUpdatedAt.Equal(t0.Add(30*time.Second)) {
				t.Errorf("row = bill %d, recording %q, updated %v; want the later copy", c.BillSec, c.RecordingURL, c.SourceUpdatedAt)
			}
		})
		t.Run("an older copy after a newer is ignored", func(t *testing.T) {
			before := skipped
			hook(t, s, cdr("older", t0.Add(time.Minute), 42, "https://rec/older.mp3"))
			hook(t, s, cdr("older", t0, 0, ""))
			if c := mustGet(t, st, "older"); c.BillSec != 42 || c.RecordingURL == "" {
				t.Errorf("the older copy overwrote the newer: %+v", c)
			}
			if skipped != before+1 {
				t.Errorf("skipped %d, want 1", skipped-before)
			}
		})
		t.Run("equal last_updated_date: the later arrival wins", func(t *testing.T) {
			hook(t, s, cdr("tie", t0, 10, ""))
			hook(t, s, cdr("tie", t0, 10, "https://rec/tie.mp3"))
			if c := mustGet(t, st, "tie"); c.RecordingURL != "https://rec/tie.mp3" {
				t.Errorf("recording %q: the earlier arrival was kept", c.RecordingURL)
			}
		})
		t.Run("live states: the furthest wins, a final beats them, none follows a final", func(t *testing.T) {
			hook(t, s, live("lv", "ringing"))
			hook(t, s, live("lv", "answered"))
			hook(t, s, live("lv", "early")) // late and out of order
			c := mustGet(t, st, "lv")
			if c.State != "answered" || c.AnsweredAt.IsZero() || c.StartedAt.IsZero() || c.Extension != "101" {
				t.Errorf("live row = %+v", c)
			}
			hook(t, s, cdr("lv", t0, 30, "https://rec/lv.mp3"))
			hook(t, s, live("lv", "hangup"))
			c = mustGet(t, st, "lv")
			if c.State != StateFinal || c.BillSec != 30 || c.Source != SourceHook {
				t.Errorf("after the CDR and a late hangup: %+v", c)
			}
		})
		t.Run("a live event is keyed by transaction_id, not the leg's call_uuid", func(t *testing.T) {
			if c, _ := st.Get(context.Background(), "leg-lv"); c != nil {
				t.Errorf("a row was keyed by the leg id")
			}
		})
	})
}
