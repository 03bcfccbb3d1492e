package simulator

import (
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
