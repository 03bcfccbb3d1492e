package omicall

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallHistoryFixturesDecode(t *testing.T) {
	t.Run("list", func(t *testing.T) {
		var p Page[Transaction]
		decodeFixturePayload(t, "call_transaction_list.json", &p)
		assert.Equal(t, 943, p.TotalItems)
		require.Len(t, p.Items, 1)
		tx := p.Items[0]
		assert.Equal(t, "2159f8d9-5a6e-440f-8995-8d0f55c1xxx", tx.TransactionID)
		assert.Equal(t, DirectionOutbound, tx.Direction)
		assert.Equal(t, DispositionAnswered, tx.Disposition)
		assert.Equal(t, "842899990338", tx.SourceNumber)
		assert.Equal(t, "0395187319", tx.DestinationNumber)
		assert.Equal(t, 5, tx.BillSec)
		assert.Equal(t, 5, tx.RecordSeconds, "the second of the duplicate keys wins")
		assert.Equal(t, 20, tx.Duration)
		assert.Equal(t, "142", tx.SIPUser)
		assert.Equal(t, int64(1575253218), tx.TimeStartToAnswer.Unix(), "time_* fields are seconds")
		assert.Equal(t, int64(1575253235933), tx.CreatedDate.UnixMilli(), "*_date fields are milliseconds")
		assert.Equal(t, int64(1575253239002), tx.LastUpdatedDate.UnixMilli())
		assert.Equal(t, Float(2389), tx.CallOutPrice)
		assert.Equal(t, TagList{"hailong", "dongy", "vip"}, tx.Tags)
		assert.True(t, bool(tx.IsVoicemail))
		assert.True(t, bool(tx.IsHaveForwardOut))
		assert.Equal(t, 90, tx.BillSecForwardOut)
		require.Len(t, tx.Users, 1)
		assert.Equal(t, "TRAN VAN TIEN", tx.Users[0].FullName)
		assert.Equal(t, TagList{"hailong", "dongy", "vip"}, tx.Users[0].Tags, "user tags are objects")
		require.NotNil(t, tx.CreateBy)
		assert.Equal(t, "0383459972", tx.CreateBy.UUID)
		assert.Equal(t, "extension", tx.CreateBy.Type)
		require.NotNil(t, tx.InternalDestination)
		assert.Equal(t, "6350", tx.InternalDestination.Extension)
		require.NotNil(t, tx.Customer)
		assert.Equal(t, "Tran Van Tien", tx.Customer.FullNameUnsigned)
	})
	t.Run("detail", func(t *testing.T) {
		var tx Transaction
		decodeFixturePayload(t, "call_transaction_detail.json", &tx)
		assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", tx.TransactionID)
		assert.Equal(t, 232, tx.BillSec)
		assert.Equal(t, 242, tx.Duration)
		assert.Equal(t, int64(1589015432), tx.TimeStartToAnswer.Unix())
		assert.Equal(t, int64(1589015675440), tx.CreatedDate.UnixMilli())
		assert.Equal(t, "none", tx.IVR)
		assert.Equal(t, "Ghi chu cuoc goi", tx.Note)
		assert.Equal(t, "viettel", tx.Provider)
	})
	t.Run("change", func(t *testing.T) {
		var tx Transaction
		decodeFixturePayload(t, "call_transaction_change.json", &tx)
		assert.Equal(t, "Ghi chu cuoc goi", tx.Note, "null then a string: the string wins")
		assert.Equal(t, TagList{"hailong", "dongy", "vip"}, tx.Tags)
		assert.Equal(t, int64(1589015678726), tx.LastUpdatedDate.UnixMilli())
	})
	t.Run("report", func(t *testing.T) {
		var rep TransactionReport
		decodeFixturePayload(t, "call_transaction_report.json", &rep)
		require.Len(t, rep.CategorizedByDirection, 2)
		assert.Equal(t, DirectionOutbound, rep.CategorizedByDirection[1].ID)
		assert.Equal(t, 1658, rep.CategorizedByDirection[1].TotalTime)
		require.Len(t, rep.CategorizedByDisposition, 2)
		assert.Equal(t, DispositionAnswered, rep.CategorizedByDisposition[1].ID)
		assert.Equal(t, 12, rep.CategorizedByDisposition[1].TotalCount)
		assert.Equal(t, 23, rep.CategorizedByLocalDirection.TotalCall)
	})
	t.Run("search", func(t *testing.T) {
		var p Page[Transaction]
		decodeFixturePayload(t, "call_transaction_search.json", &p)
		assert.Equal(t, 20, p.Size)
		assert.True(t, p.HasNext)
		require.Len(t, p.Items, 1)
		tx := p.Items[0]
		assert.Equal(t, "123400000000000000000000", tx.ID)
		assert.Equal(t, DirectionLocal, tx.Direction)
		assert.Equal(t, DispositionCancelled, tx.Disposition)
		assert.Equal(t, int64(946659600000), tx.CreatedDate.UnixMilli())
		assert.Equal(t, int64(946659600000), tx.MsTimeStartToAnswer.UnixMilli())
		assert.Equal(t, int64(9466596000), tx.TimeStartCall.Unix(), "the sample's placeholder is read as seconds")
		assert.Equal(t, "ORIGINATOR_CANCEL", tx.HangupCause)
		assert.Equal(t, 16, tx.HangupCauseQ850)
		assert.Equal(t, 4.5, tx.RTPAudioInMOS)
		assert.Equal(t, "CANCEL", tx.DialStatus)
		assert.Equal(t, "1000071", tx.SIPFromUser)
		require.NotNil(t, tx.CreateBy)
		assert.Equal(t, "agent", tx.CreateBy.Type)
		assert.Equal(t, "0123456", tx.CreateBy.Extension)
		require.Len(t, tx.Users, 1)
		assert.Equal(t, int64(1696421425598), tx.Users[0].NoteCreatedDate.UnixMilli())
		require.NotNil(t, tx.Customer)
		assert.Equal(t, "0123456789", tx.Customer.UUID)
	})
	t.Run("cdr", func(t *testing.T) {
		var tx Transaction
		require.NoError(t, json.Unmarshal(fixture(t, "webhook_cdr.json"), &tx))
		assert.NotEmpty(t, tx.TransactionID)
		assert.False(t, tx.TimeStartCall.IsZero())
		assert.Less(t, tx.TimeStartCall.Year(), 2100, "time_start_call is seconds")
		assert.False(t, tx.CreatedDate.IsZero())
		assert.Less(t, tx.CreatedDate.Year(), 2100, "created_date is milliseconds")
		assert.InDelta(t, 55.002, float64(tx.CallOutPrice), 1e-9)
	})
	t.Run("click2call", func(t *testing.T) {
		var out struct {
			CallUUID string `json:"call_uuid"`
		}
		decodeFixturePayload(t, "click2call.json", &out)
		assert.Equal(t, "b4dae7fe-9d09-4491-918f-2b391fd5feef", out.CallUUID)
	})
	t.Run("autocall", func(t *testing.T) {
		var byPhone, byExt AutoCallResult
		decodeFixturePayload(t, "autocall_execute_by_phone.json", &byPhone)
		assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", byPhone.AutocallID)
		assert.Equal(t, "Chiến dịch giới thiệu sản phẩm mới", byPhone.Name)
		decodeFixturePayload(t, "autocall_execute_by_extension.json", &byExt)
		assert.Equal(t, "64b8117691447377aecac985", byExt.AutocallID)
		assert.Equal(t, []string{"f5d39f30-fef7-49df-9ef6-697bf5353983"}, byExt.AutocallUUIDs)
	})
	t.Run("search request", func(t *testing.T) {
		var body legacySearchBody
		require.NoError(t, json.Unmarshal(fixture(t, "request_call_transaction_search.json"), &body))
		assert.Equal(t, []string{"0123456789"}, body.UserUUIDs)
		assert.Equal(t, int64(1693846799000), body.FromDate)
		assert.Equal(t, int64(1696438799000), body.ToDate)
		from, to := time.UnixMilli(body.FromDate), time.UnixMilli(body.ToDate)
		_, err := checkRange(from, to, maxRangeMs)
		assert.NoError(t, err, "the documented example is a 30-day range")
	})
}

// A field of an unexpected type is left zero; the rest of the record, and
// the rest of the page, still decode.
func TestTransactionMistypedFieldsLeaveZero(t *testing.T) {
	raw := fixture(t, "call_transaction_list.json")
	for _, sub := range [][2]string{
		{`"bill_sec": 5,`, `"bill_sec": "five",`},
		{`"direction": "outbound",`, `"direction": 7,`},
		{`"user": [`, `"user": "nobody", "ignored": [`},
		{`"time_start_to_answer": 1575253218,`, `"time_start_to_answer": {"at": 1},`},
		{`"is_voicemail" : true,`, `"is_voicemail" : "yes please",`},
	} {
		require.True(t, bytes.Contains(raw, []byte(sub[0])), sub[0])
		raw = bytes.Replace(raw, []byte(sub[0]), []byte(sub[1]), 1)
	}
	c, mt := newMockClient(t)
	recordRoute(t, mt, "GET", "/api/call_transaction/list", httpmock.NewBytesResponder(200, raw))
	p, err := c.Transactions.List(ctxT(t), &TransactionListOptions{From: listFrom, To: listTo})
	require.NoError(t, err)
	assert.Equal(t, 943, p.TotalItems)
	require.Len(t, p.Items, 1)
	tx := p.Items[0]
	assert.Zero(t, tx.BillSec)
	assert.Zero(t, tx.Direction)
	assert.Empty(t, tx.Users)
	assert.True(t, tx.TimeStartToAnswer.IsZero())
	assert.False(t, bool(tx.IsVoicemail))
	assert.Equal(t, "2159f8d9-5a6e-440f-8995-8d0f55c1xxx", tx.TransactionID)
	assert.Equal(t, DispositionAnswered, tx.Disposition)
	assert.Equal(t, 20, tx.Duration)
	assert.Equal(t, int64(1575253235933), tx.CreatedDate.UnixMilli())
	assert.Equal(t, TagList{"hailong", "dongy", "vip"}, tx.Tags)
	require.NotNil(t, tx.Customer)
	assert.Equal(t, "Trần Văn Tiến", tx.Customer.FullName)
}

// checkRecord2026 checks the record of call_transaction_record_2026.json
// (also the first item of the v3 search and the CDR of 2026), in the units
// of docs/api.md §18.3.
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
