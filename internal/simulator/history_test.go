package simulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAddCallAndCallIDs(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	at := histEnd.Add(-time.Hour)
	a := s.AddCall(at)
	b := s.AddCall(at.Add(time.Millisecond))
	assert.Equal(t, []string{a}, s.CallIDs(at, at))
	assert.Equal(t, []string{a, b}, s.CallIDs(at, at.Add(time.Millisecond)))
	assert.Empty(t, s.CallIDs(at.Add(-time.Hour), at.Add(-time.Millisecond)))
}

func TestAddCallOfDefaultsAndOrder(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd), WithClock(func() time.Time { return histEnd }))
	late := s.AddCallOf(Call{Direction: "inbound", Extension: "101", Phone: "0901000004"})
	early := s.AddCallOf(Call{At: histEnd.Add(-30 * time.Minute)})
	assert.Equal(t, []string{early, late}, s.CallIDs(histEnd.Add(-time.Hour), histEnd), "kept in created_date order")
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.history.byID[late]
	assert.Equal(t, histEnd.UnixMilli(), in.LastUpdatedDate, "zero At: the call ends now")
	assert.Equal(t, histEnd.Unix(), in.TimeEndCall)
	assert.Equal(t, "inbound", in.Direction)
	assert.Equal(t, "0901000004", in.SourceNumber)
	assert.Equal(t, "842899990001", in.DestinationNumber)
	out := s.history.byID[early]
	assert.Equal(t, "outbound", out.Direction)
	assert.Equal(t, "100", out.SIPUser)
	assert.Equal(t, "0900000000", out.PhoneNumber)
}

func TestKeepOf(t *testing.T) {
	assert.Nil(t, keepOf(&callFilter{}), "no filter: the page is cut out directly")
	keep := keepOf(&callFilter{directions: []string{"local"}})
	require.NotNil(t, keep)
	assert.True(t, keep(&callRecord{Direction: "local"}))
	assert.False(t, keep(&callRecord{Direction: "inbound"}))
	assert.Nil(t, keepOf(&v3Filter{FromDate: 1, ToDate: 2}))
}
