package omicall

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTransactionNumbersSentAsStrings: "bill_sec": "5" is 5, never a silent
// 0, in every path a record is decoded by.
func TestTransactionNumbersSentAsStrings(t *testing.T) {
	rec := `{"transaction_id":"t1","duration":"12","bill_sec":"5","record_seconds":"4.0","answer_sec":"5","wait_sec":"7",
		"hold_call_sec":"1","playback_seconds":"2","bill_sec_forward_out":"3","send_num_retry":"2","hangup_cause_q850":"16",
		"rtp_audio_in_mos":"4.4","call_out_price":"62.5","time_start_call":"1778552102","created_date":"1778552191345",
		"user":[{"full_name":"A"}],"tag":["x"]}`
	check := func(t *testing.T, tx *Transaction) {
		t.Helper()
		assert.Equal(t, 12, tx.Duration)
		assert.Equal(t, 5, tx.BillSec)
		assert.Equal(t, 4, tx.RecordSeconds)
		assert.Equal(t, 5, tx.AnswerSec)
		assert.Equal(t, 7, tx.WaitSec)
		assert.Equal(t, 1, tx.HoldCallSec)
		assert.Equal(t, 2, tx.PlaybackSeconds)
		assert.Equal(t, 3, tx.BillSecForwardOut)
		assert.Equal(t, 2, tx.SendNumRetry)
		assert.Equal(t, 16, tx.HangupCauseQ850)
		assert.InDelta(t, 4.4, tx.RTPAudioInMOS, 1e-9)
		assert.Equal(t, Float(62.5), tx.CallOutPrice)
		assert.Equal(t, int64(1778552102), tx.TimeStartCall.Unix())
		assert.Equal(t, int64(1778552191345), tx.CreatedDate.UnixMilli())
		assert.Equal(t, "A", tx.Users[0].FullName)
	}
	t.Run("Unmarshal", func(t *testing.T) {
		var tx Transaction
		require.NoError(t, json.Unmarshal([]byte(rec), &tx))
		check(t, &tx)
	})
	t.Run("page", func(t *testing.T) {
		var w pageJSON[transactionWire]
		require.NoError(t, decodeResponse(&request{out: &w}, 200, []byte(envelopeOK(`{"items":[`+rec+`]}`))))
		p := transactionPage(&w)
		require.Len(t, p.Items, 1)
		check(t, &p.Items[0])
	})
	t.Run("CDR", func(t *testing.T) {
		ev, err := ParseCallEvent([]byte(`{"state":"cdr",` + rec[1:]))
		require.NoError(t, err)
		check(t, ev.CDR)
	})
	t.Run("wrong types are zero", func(t *testing.T) {
		var tx Transaction
		require.NoError(t, json.Unmarshal([]byte(`{"bill_sec":{},"duration":[1],"note":5,"transaction_id":"t"}`), &tx))
		assert.Zero(t, tx.BillSec)
		assert.Zero(t, tx.Duration)
		assert.Equal(t, "t", tx.TransactionID)
	})
}

func TestTransactionListsAreBounded(t *testing.T) {
	users := `[` + repeatJoin(`{"full_name":"a"}`, MaxCallUsers+50) + `]`
	tags := `[` + repeatJoin(`"t"`, MaxTags+50) + `]`
	var tx Transaction
	require.NoError(t, json.Unmarshal([]byte(`{"user":`+users+`,"tag":`+tags+`,"transfer_histories":`+users+`}`), &tx))
	assert.Len(t, tx.Users, MaxCallUsers)
	assert.Len(t, tx.Tags, MaxTags)
	assert.Len(t, tx.TransferHistories, MaxCallUsers)
	assert.Equal(t, "a", tx.Users[MaxCallUsers-1].FullName)
}

// repeatJoin returns n copies of s joined by commas.
func repeatJoin(s string, n int) string {
	b := make([]byte, 0, n*(len(s)+1))
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s...)
	}
	return string(b)
}

func TestEachElement(t *testing.T) {
	var got []string
	isArray := eachElement([]byte(` [ "a,]\"" , {"b":[1,{"c":"]"}]}, 3 ,null,[[]],true ] `), 10, func(e []byte) { got = append(got, string(e)) })
	assert.True(t, isArray)
	assert.Equal(t, []string{`"a,]\""`, `{"b":[1,{"c":"]"}]}`, `3`, `null`, `[[]]`, `true`}, got)
	assert.False(t, eachElement([]byte(`{"a":1}`), 10, func([]byte) { t.Fatal("called") }))
	assert.True(t, eachElement([]byte(`[]`), 10, func([]byte) { t.Fatal("called") }))
	for _, broken := range []string{`[`, `[1,`, `["x`, `[{"a":`, `[1 2]`} {
		assert.NotPanics(t, func() { eachElement([]byte(broken), 10, func([]byte) {}) }, broken)
	}
}

func TestListDecodersSurviveDirectCallsWithBrokenJSON(t *testing.T) {
	for _, b := range []string{`["`, `[{`, `["a`, `[`, `"x`, `[1,`, `[{"name":`, ``} {
		assert.NotPanics(t, func() {
			var l TagList
			_ = l.UnmarshalJSON([]byte(b))
			var u callUserList
			_ = u.UnmarshalJSON([]byte(b))
			var r rawList
			_ = r.UnmarshalJSON([]byte(b))
			var o pageItems[transactionWire]
			_ = o.UnmarshalJSON([]byte(b))
		}, b)
	}
}
