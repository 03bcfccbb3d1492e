package simulator

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecord2026(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := s.newCallRecord(histEnd, "outbound", "101", "842899990001", "0901000002")
	rec.Disposition, rec.TimeStartToAnswer, rec.RecordingFile = "answered", rec.TimeStartCall+4, "https://r.example/x.mp3"
	v := s.record2026(rec)
	require.NotNil(t, v.TimeRingingStart)
	assert.Equal(t, rec.TimeStartCall+1, *v.TimeRingingStart)
	require.NotNil(t, v.TimeAnswerStart)
	assert.Equal(t, rec.TimeStartCall+4, *v.TimeAnswerStart)
	assert.Equal(t, "NORMAL_CLEARING", v.HangupCause)
	assert.Equal(t, "https://public-v1.omicrm.sim.invalid/third_party/recording/uc?code="+rec.TransactionID, v.RecordingFileURL)
	require.NotNil(t, v.CreateBy.ID)
	assert.Equal(t, "ext-101", *v.CreateBy.ID)
	assert.Nil(t, v.AutocallUUID)

	rec.Disposition, rec.RecordingFile, rec.SIPUser, rec.CreateBy, rec.IsAutoCall = "cancelled", "", "", callParty{}, true
	v = s.record2026(rec)
	assert.Nil(t, v.TimeRingingStart, "never rang at an agent")
	assert.Nil(t, v.TimeAnswerStart)
	assert.Equal(t, "NO_ANSWER", v.HangupCause)
	assert.Empty(t, v.RecordingFileURL)
	assert.Equal(t, party2026{Name: noAgentName}, v.CreateBy)
	require.NotNil(t, v.AutocallUUID)
	assert.Equal(t, rec.TransactionID, *v.AutocallUUID)
}

func TestSearchView(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	s.mu.Lock()
	rec := s.newCallRecord(histEnd.Add(-time.Hour), "inbound", "102", "842899990001", "0901000003")
	s.mu.Unlock()
	rec.Disposition = "answered"
	v := searchView(rec)
	assert.Equal(t, objectIDOf(rec.TransactionID), v.ID)
	assert.Equal(t, "agent", v.CreateBy.Type)
	assert.Equal(t, "102", v.CreateBy.Extension)
	assert.Equal(t, "extension", rec.CreateBy.Type, "the record itself is left as it is")
	assert.Equal(t, "ANSWER", v.DialStatus)
	assert.False(t, v.IsMissedCall)
	assert.Equal(t, rec.TimeStartToAnswer, v.TimeStartMedia)
	assert.Equal(t, "cust-0901000003", v.Customer.ID)
	require.Len(t, v.User, 1)
	assert.Equal(t, rec.CreateBy.ID, v.User[0].ID)
}

// TestRecord2026MoreFields: the 2026 record carries the keys a captured
// record shows beside the documented ones (docs/api.md §18.9).
func TestRecord2026MoreFields(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	s.mu.Lock()
	defer s.mu.Unlock()
	ict := time.FixedZone("ICT", 7*3600)
	sunday := time.Date(2025, 3, 2, 10, 0, 0, 0, ict)
	tuesday := time.Date(2025, 3, 4, 10, 0, 0, 0, ict)
	for _, c := range []struct {
		at          time.Time
		dir, disp   string
		hangup      string
		outOfWorkAt bool
	}{
		{tuesday, "outbound", "answered", "recv_bye", false},
		{tuesday, "outbound", "cancelled", "send_cancel", false},
		{tuesday, "inbound", "cancelled", "recv_cancel", false},
		{sunday, "inbound", "answered", "recv_bye", true},
		{tuesday.Add(10 * time.Hour), "inbound", "answered", "recv_bye", true}, // 20:00
		{sunday, "outbound", "answered", "recv_bye", false},                    // working hours are the hotline's, for calls in
	} {
		rec := s.newCallRecord(c.at, c.dir, "101", "842899990001", "0901000002")
		rec.Disposition = c.disp
		var m map[string]json.RawMessage
		require.NoError(t, remarshal(s.record2026(rec), &m))
		what := fmt.Sprint(c.at, " ", c.dir, " ", c.disp)
		for _, k := range []string{"user_data_str", "user_ref_code"} {
			assert.JSONEq(t, `null`, string(m[k]), "%s: %s", what, k)
		}
		for _, k := range []string{"classifies", "sip_number_tags"} {
			assert.JSONEq(t, `[]`, string(m[k]), "%s: %s", what, k)
		}
		assert.JSONEq(t, `"`+c.hangup+`"`, string(m["sip_hangup_disposition"]), what)
		assert.JSONEq(t, fmt.Sprint(c.outOfWorkAt), string(m["out_of_working_time"]), what)
	}
}
