package simulator

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// timelineNow is the fixed clock of the timeline tests.
var timelineNow = time.UnixMilli(1_760_000_000_500)

// int64Of reads a JSON number (decoded with UseNumber, or as float64) of m;
// ok is false when the key is absent or null.
func int64Of(m map[string]any, key string) (int64, bool) {
	switch v := m[key].(type) {
	case json.Number:
		n, err := v.Int64()
		return n, err == nil
	case float64:
		return int64(v), true
	}
	return 0, false
}

// checkCallTimes asserts that a call record or CDR, as JSON, tells one
// story: created ≤ ringing ≤ answer ≤ end ≤ now, and durations that match.
func checkCallTimes(t *testing.T, what string, m map[string]any, nowMs int64) {
	t.Helper()
	get := func(k string) int64 {
		v, ok := int64Of(m, k)
		require.True(t, ok, "%s: %s missing in %v", what, k, m)
		return v
	}
	created, updated := get("created_date"), get("last_updated_date")
	start, end := get("time_start_call"), get("time_end_call")
	duration, bill := get("duration"), get("bill_sec")
	assert.Equal(t, created/1000, start, "%s: time_start_call is created_date in seconds", what)
	assert.LessOrEqual(t, end, nowMs/1000, "%s: time_end_call after now", what)
	assert.LessOrEqual(t, end*1000, updated, "%s: last_updated_date before the end", what)
	assert.LessOrEqual(t, updated, nowMs, "%s: last_updated_date after now", what)
	assert.LessOrEqual(t, start, end, what)
	assert.Equal(t, end-start, duration, "%s: duration", what)
	answer, hasAnswer := int64Of(m, "time_start_to_answer")
	if a, ok := int64Of(m, "time_answer_start"); ok { // the 2026 shape
		answer, hasAnswer = a, true
	}
	if hasAnswer {
		assert.LessOrEqual(t, start, answer, "%s: answered before the start", what)
		assert.LessOrEqual(t, answer, end, "%s: answered after the end", what)
		if bill > 0 {
			assert.Equal(t, end-answer, bill, "%s: bill_sec", what)
		}
	}
	if ring, ok := int64Of(m, "time_ringing_start"); ok {
		assert.LessOrEqual(t, start, ring, what)
		limit := end
		if a, ok := int64Of(m, "time_answer_start"); ok {
			limit = a
		}
		assert.LessOrEqual(t, ring, limit, "%s: rang after the answer or the end", what)
	}
	if bill > 0 {
		a, ok := int64Of(m, "answer_sec")
		if ok {
			assert.Equal(t, bill, a, "%s: answer_sec", what)
		}
	}
}

// recordJSON is rec as the list shows it, decoded.
func recordJSON(t *testing.T, rec *callRecord) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, remarshal(copyRecord(rec), &m))
	return m
}

func TestTimelineSeededHistoryEndsByNow(t *testing.T) {
	// 3,000 calls in the last hour: many start minutes before now.
	s := New(WithClock(func() time.Time { return timelineNow }), WithHistory(3000, time.Hour, time.Time{}))
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rec := range s.history.recs {
		checkCallTimes(t, "seeded "+rec.TransactionID, recordJSON(t, rec), timelineNow.UnixMilli())
		var v map[string]any
		require.NoError(t, remarshal(s.record2026(rec), &v))
		checkCallTimes(t, "2026 "+rec.TransactionID, v, timelineNow.UnixMilli())
		var sv map[string]any
		require.NoError(t, remarshal(searchView(rec), &sv))
		checkCallTimes(t, "search "+rec.TransactionID, sv, timelineNow.UnixMilli())
		if t.Failed() {
			return
		}
	}
}

func TestTimelineAddedCallEndsByNow(t *testing.T) {
	s := New(WithClock(func() time.Time { return timelineNow }), WithHistory(0, 0, time.Time{}))
	for _, at := range []time.Time{{}, timelineNow, timelineNow.Add(-time.Second), timelineNow.Add(-90 * time.Second)} {
		for range 20 {
			id := s.AddCallOf(Call{At: at})
			s.mu.Lock()
			rec := s.history.byID[id]
			checkCallTimes(t, fmt.Sprint("added at ", at), recordJSON(t, rec), timelineNow.UnixMilli())
			if !at.IsZero() {
				assert.Equal(t, at.UnixMilli(), rec.CreatedDate, "created where asked")
			}
			s.mu.Unlock()
		}
	}
}

// TestTimelinePlacedCalls places calls of every kind and checks the
// records and every hook with times: the CDRs and the 2023 live events.
func TestTimelinePlacedCalls(t *testing.T) {
	for _, twoLegs := range []bool{false, true} {
		t.Run(fmt.Sprint("two legs ", twoLegs), func(t *testing.T) {
			opts := []Option{WithClock(func() time.Time { return timelineNow }), WithHistory(0, 0, time.Time{}), WithLiveEvents2023()}
			if twoLegs {
				opts = append(opts, WithTwoLegCalls())
			}
			c := newTestClient(t, opts...)
			rv, u := newReceiver(t, nil)
			c.ok("POST", "/api/webhooks/register", `{"webhook":{"type":"call","url":"`+u+`"}}`, nil)
			for range 10 {
				_, err := c.s.PlaceCall("100", "842899990001", "0901234567")
				require.NoError(t, err)
			}
			c.ok("POST", "/api/auto_call/execute_by_phone",
				`{"name":"n","template_dialplans":[{"target_type":"Recording","target":"g1"}],"phone_number_list":["0900000001","0900000002"]}`, nil)
			c.ok("POST", "/api/auto_call/execute_by_extension",
				`{"cid":"842899990001","template_dialplans":[{"target_type":"Recording","target":"g1"}],"extensions":["101"]}`, nil)
			status, _, raw := roundTrip(t, c.s, c.base, "POST", "/api/call_bot/execute_by_phone",
				[]byte(`{"phone_number_list":["0900000003"],"bot_script_id":"bot-remind-1"}`),
				map[string]string{"Authorization": "Bearer " + c.token, "x-api-key": c.s.APIKey()})
			require.Equal(t, 200, status, string(raw))
			for range 5 {
				_, err := c.s.ReceiveCall(InboundCall{Phone: "0901234568"})
				require.NoError(t, err)
			}
			c.s.WaitCalls()

			nowMs := timelineNow.UnixMilli()
			c.s.mu.Lock()
			require.Len(t, c.s.history.recs, 19)
			for _, rec := range c.s.history.recs {
				checkCallTimes(t, "placed "+rec.TransactionID, recordJSON(t, rec), nowMs)
				assert.Greater(t, rec.CreatedDate, nowMs-60_000, "a placed call starts within the minute before")
			}
			c.s.mu.Unlock()

			rv.mu.Lock()
			defer rv.mu.Unlock()
			cdrs := 0
			live := map[any][]map[string]any{}
			for _, b := range rv.bodies {
				if b["state"] == "cdr" {
					cdrs++
					checkCallTimes(t, fmt.Sprint("CDR ", b["transaction_id"]), b, nowMs)
					continue
				}
				live[b["call_uuid"]] = append(live[b["call_uuid"]], b)
			}
			assert.GreaterOrEqual(t, cdrs, 19)
			for id, evs := range live {
				prev := int64(0)
				for _, ev := range evs {
					created, _ := int64Of(ev, "created_time")
					at, _ := int64Of(ev, "date_time")
					assert.LessOrEqual(t, created*1000, at, "%v %s: the state before the call was created", id, ev["state"])
					assert.LessOrEqual(t, at, nowMs, "%v %s: date_time after now", id, ev["state"])
					assert.LessOrEqual(t, prev, at, "%v %s: states out of order", id, ev["state"])
					prev = at
				}
			}
			if t.Failed() {
				t.Log(strings.Repeat("-", 10), len(rv.bodies), "hooks")
			}
		})
	}
}
