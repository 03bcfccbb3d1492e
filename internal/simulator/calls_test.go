package simulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoCallerCanPlaceACall(t *testing.T) {
	s := New()
	ext, hotline := s.DemoCaller()
	if ext == "" || hotline == "" {
		t.Fatalf("DemoCaller() = %q, %q", ext, hotline)
	}
	if _, err := s.PlaceCall(ext, hotline, "0901234567"); err != nil {
		t.Fatal(err)
	}
	s.WaitCalls()
}

func TestPlaceCallChecks(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	s.AddAgent(Agent{FullName: "Off", Email: "off@democo.example"})
	s.mu.Lock()
	s.agents.byExt["103"].enabled = false
	s.mu.Unlock()
	for _, c := range []struct{ ext, hotline, phone, code string }{
		{"", "842899990001", "0901", "data_is_required"},
		{"100", "842899990001", "09-01", "data_is_required"},
		{"999", "842899990001", "0901", "extension_invalid"},
		{"103", "842899990001", "0901", "user_not_registered"},
		{"100", "842800000000", "0901", "number_call_out_invalid"},
	} {
		_, err := s.PlaceCall(c.ext, c.hotline, c.phone)
		if assert.Error(t, err, c) {
			assert.Equal(t, c.code, err.Error(), c)
		}
	}
	id, err := s.PlaceCall("100", "842899990001", "+84901000005")
	require.NoError(t, err)
	s.WaitCalls()
	assert.Equal(t, []string{id}, s.CallIDs(time.UnixMilli(0), time.Now().Add(time.Hour)), "a finished call joins the history")
}

func TestClick2Call(t *testing.T) {
	c := newTestClient(t)
	var res map[string]string
	c.ok("POST", "/api/click2call", `{"extension":"101","hotline":"842899990002","phone_number":"0901000006"}`, &res)
	assert.Len(t, res["call_uuid"], 36)
	c.fails(200, "extension_invalid", "POST", "/api/click2call", `{"extension":"555","hotline":"842899990002","phone_number":"0901"}`)
	c.s.WaitCalls()
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	rec := c.s.history.byID[res["call_uuid"]]
	require.NotNil(t, rec)
	assert.Equal(t, "Trần Thị Bình", rec.CreateBy.Name)
	assert.Equal(t, "outbound", rec.Direction)
}

func TestFillCallRecordByDirection(t *testing.T) {
	s := New(WithHistory(0, 0, histEnd))
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.newCallRecord(histEnd, "inbound", "100", "842899990001", "0901")
	assert.Equal(t, [2]string{"0901", "842899990001"}, [2]string{in.SourceNumber, in.DestinationNumber})
	assert.Zero(t, in.CallOutPrice)
	local := s.newCallRecord(histEnd, "local", "100", "842899990001", "101")
	assert.Empty(t, local.Hotline)
	assert.Equal(t, "Trần Thị Bình", local.Customer.FullName)
	require.NotNil(t, local.InternalDestination)
	assert.Equal(t, "101", local.InternalDestination.Extension)
	assert.Equal(t, in.TimeStartCall+int64(in.Duration), in.TimeEndCall)
	assert.True(t, isDigits("0901"))
	assert.False(t, isDigits(""))
	assert.False(t, isDigits("09a"))
}
