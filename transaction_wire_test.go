package omicall

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkRecord2026 checks the record of call_transaction_record_2026.json
// (also the first item of the v3 search and the CDR of 2026), in the units
// of REFERENCE §18.3.
func checkRecord2026(t *testing.T, tx *Transaction) {
	t.Helper()
	assert.Equal(t, "708dbad6-162b-4b09-9d2e-a7a8e3260cbd", tx.TransactionID)
	assert.Equal(t, int64(1778552102), tx.TimeStartCall.Unix(), "seconds")
	assert.Equal(t, int64(1778552104), tx.TimeRingingStart.Unix(), "seconds")
	assert.Equal(t, int64(1778552112), tx.TimeAnswerStart.Unix(), "seconds")
	assert.Equal(t, int64(1778552190), tx.TimeEndCall.Unix(), "seconds")
	assert.Equal(t, 2026, tx.TimeStartCall.Year())
	assert.Equal(t, int64(1778552191345), tx.CreatedDate.UnixMilli(), "milliseconds")
	assert.Equal(t, int64(1778552195012), tx.LastUpdatedDate.UnixMilli(), "milliseconds")
	assert.Equal(t, 79, tx.BillSec, "seconds")
	assert.Equal(t, 78, tx.AnswerSec, "seconds")
	assert.Equal(t, 88, tx.Duration, "seconds")
	assert.Equal(t, 78*time.Second, tx.TimeEndCall.Sub(tx.TimeAnswerStart.Time), "answer to end is the talk time")
	assert.Equal(t, Float(104.5), tx.CallOutPrice)
	assert.Equal(t, "842800000001", tx.SIPNumber)
	assert.Equal(t, "0900000123", tx.PhoneNumber)
	assert.Equal(t, "NORMAL_CLEARING", tx.HangupCause)
	require.NotNil(t, tx.Customer)
	assert.Equal(t, "nguyen thi mau", tx.Customer.FullNameUnsigned)
	require.NotNil(t, tx.CreateBy)
	assert.Equal(t, "ef10de085eec652164353bf5", tx.CreateBy.ID)
	assert.Equal(t, "fb56e2618b07616994ecfa73", tx.CreateBy.ContactID)
	require.Len(t, tx.Users, 1)
	assert.Equal(t, "le van thu", tx.Users[0].FullNameUnsigned)
	assert.Equal(t, "https://public-v1.omicrm.com/third_party/recording/uc?id=U0FNUExFLVJFQ09SRElORw%3D%3D&code=708dbad6-162b-4b09-9d2e-a7a8e3260cbd", tx.RecordingFileURL)
}

func TestRecord2026FixtureDecodes(t *testing.T) {
	var tx Transaction
	require.NoError(t, json.Unmarshal(fixture(t, "call_transaction_record_2026.json"), &tx))
	checkRecord2026(t, &tx)
	assert.Equal(t, "https://recordings.example.invalid/2026/05/12/708dbad6-162b-4b09-9d2e-a7a8e3260cbd.mp3", tx.RecordingURL(), "recording_file first")
	assert.Equal(t, TagList{"d13b638de5c0167c950071d1"}, tx.Tags, "tag ids")
	assert.Equal(t, TagList{"goi_lai"}, tx.Users[0].Tags, "user tags by name")
	assert.Empty(t, tx.State, "null in REST records")
	assert.Empty(t, tx.CallUUID)
	assert.Empty(t, tx.FromNumber)
	assert.Empty(t, tx.InviteFailureStatus)
	assert.Empty(t, tx.AutocallUUID)
	assert.True(t, tx.TimeStartToAnswer.IsZero(), "absent from 2026 REST records")
	assert.JSONEq(t, "null", string(tx.RecordingData))
}

func TestV3SearchFixtureDecodes(t *testing.T) {
	var p Page[Transaction]
	decodeFixturePayload(t, "call_transaction_v3_search.json", &p)
	require.Len(t, p.Items, 2)
	checkRecord2026(t, &p.Items[0])
	missed := p.Items[1]
	assert.True(t, missed.TimeRingingStart.IsZero(), "null: never rang")
	assert.True(t, missed.TimeAnswerStart.IsZero(), "null: unanswered")
	assert.Equal(t, int64(1778557241), missed.TimeEndCall.Unix())
	assert.Equal(t, "af8e6f67-5111-4d8d-b828-92209035751a", missed.AutocallUUID)
	assert.Equal(t, "54d083e39c51732e6d7b7413", missed.AutocallID)
	assert.Equal(t, NoAgentName, missed.CreateBy.Name)
	assert.Empty(t, missed.CreateBy.ID, "null")
	assert.Empty(t, missed.RecordingURL())
	assert.NotNil(t, missed.Users)
	assert.Empty(t, missed.Users)
	assert.Equal(t, "NO_ANSWER", missed.HangupCause)
	assert.Equal(t, 1, p.Number)
	assert.Equal(t, 50, p.Size)
	assert.Equal(t, 2, p.TotalItems)
	assert.False(t, p.HasNext)
}

func TestCDR2026FixtureDecodes(t *testing.T) {
	ev, err := ParseCallEvent(fixture(t, "webhook_cdr_2026.json"))
	require.NoError(t, err)
	require.Equal(t, StateCDR, ev.State)
	require.NotNil(t, ev.CDR)
	checkRecord2026(t, ev.CDR)
	assert.Equal(t, StateCDR, ev.CDR.State)
	assert.Equal(t, "708dbad6-162b-4b09-9d2e-a7a8e3260cbd", ev.CDR.CallUUID)
	assert.Equal(t, ev.CDR.RecordingFileURL, ev.CDR.RecordingURL(), "a CDR carries only recording_file_url")
	assert.Equal(t, int64(1778552102), ev.CDR.TimeStartToAnswer.Unix(), "still sent by the CDR")
	assert.Equal(t, 1, ev.CDR.SendNumRetry)
	assert.Equal(t, "101", ev.Extension)
	assert.Equal(t, "0900000123", ev.PhoneNumber)
	assert.Equal(t, "101", ev.From)
	assert.Equal(t, "0900000123", ev.To)
	assert.Equal(t, "842800000001", ev.Hotline)
	assert.Equal(t, int64(1778552190), ev.Time.Unix(), "time_end_call, seconds")
}

func TestLiveEvents2026Decode(t *testing.T) {
	early, err := ParseCallEvent(fixture(t, "webhook_state_early_2026.json"))
	require.NoError(t, err)
	assert.Equal(t, StateEarly, early.State)
	assert.Equal(t, "8689318a-6951-4adb-9566-84f34c2fba73", early.CallID, "call_uuid")
	assert.Equal(t, "101", early.Extension)
	assert.Equal(t, "0900000789", early.PhoneNumber)
	assert.Equal(t, "101", early.From, "outbound: from the extension")
	assert.Equal(t, "0900000789", early.To, "outbound: to the customer")
	assert.True(t, early.Time.IsZero(), "the 2026 shape carries no time")

	answered, err := ParseCallEvent(fixture(t, "webhook_state_answered_2026.json"))
	require.NoError(t, err)
	assert.Equal(t, StateAnswered, answered.State)
	assert.Equal(t, early.CallID, answered.CallID, "transaction_id when call_uuid is absent")
	assert.Equal(t, "101", answered.Extension)
}

func TestLiveEventShapesFillEachOther(t *testing.T) {
	for _, tc := range []struct {
		name, body                 string
		ext, phone, from, to, call string
	}{
		{"2023 outbound", `{"call_uuid":"c1","state":"ringing","direction":"outbound","from_number":"101","to_number":"0901","hotline":"8428"}`,
			"101", "0901", "101", "0901", "c1"},
		{"2023 inbound", `{"call_uuid":"c2","state":"ringing","direction":"inbound","from_number":"0902","to_number":"8428"}`,
			"", "0902", "0902", "8428", "c2"},
		{"2026 inbound", `{"transaction_id":"c3","state":"create","direction":"inbound","extension":"102","phone_number":"0903"}`,
			"102", "0903", "0903", "102", "c3"},
		{"sip_user", `{"call_uuid":"c4","state":"ringing","direction":"outbound","sip_user":"103","to_number":"0904"}`,
			"103", "0904", "103", "0904", "c4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := ParseCallEvent([]byte(tc.body))
			require.NoError(t, err)
			assert.Equal(t, tc.ext, ev.Extension, "Extension")
			assert.Equal(t, tc.phone, ev.PhoneNumber, "PhoneNumber")
			assert.Equal(t, tc.from, ev.From, "From")
			assert.Equal(t, tc.to, ev.To, "To")
			assert.Equal(t, tc.call, ev.CallID, "CallID")
		})
	}
	ev, err := ParseCallEvent([]byte(`{"call_uuid":"c5","state":"create"}`))
	require.NoError(t, err)
	assert.Equal(t, StateCreate, ev.State, "create passes")
}

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
