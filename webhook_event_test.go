package omicall

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseCallEventStateFixtures(t *testing.T) {
	for _, tc := range []struct {
		file  string
		state CallState
	}{
		{"webhook_state_ringing.json", StateRinging},
		{"webhook_state_answered.json", StateAnswered},
		{"webhook_state_hangup.json", StateHangup},
	} {
		t.Run(tc.file, func(t *testing.T) {
			body := fixture(t, tc.file)
			ev, err := ParseCallEvent(body)
			require.NoError(t, err)
			assert.Equal(t, tc.state, ev.State)
			assert.Equal(t, "fee91d6c-90b0-4826-97d7-9ca74c58a4e7", ev.CallID)
			assert.Equal(t, DirectionOutbound, ev.Direction)
			assert.Equal(t, "100", ev.From)
			assert.Equal(t, "0395187319", ev.To)
			assert.Equal(t, "0868694566", ev.Hotline)
			// date_time is milliseconds: 1626693561000 ms = 1626693561 s.
			assert.Equal(t, time.UnixMilli(1626693561000).UTC(), ev.Time.UTC())
			assert.Nil(t, ev.CDR)
			assert.JSONEq(t, string(body), string(ev.Raw))
		})
	}
}

func TestParseCallEventCDRFixture(t *testing.T) {
	body := fixture(t, "webhook_cdr.json")
	ev, err := ParseCallEvent(body)
	require.NoError(t, err)
	assert.Equal(t, StateCDR, ev.State)
	assert.Equal(t, "ae5f56fc-7baa-4537-b312-1105023bbb49", ev.CallID)
	assert.Equal(t, DirectionOutbound, ev.Direction)
	assert.Equal(t, "100", ev.From)
	assert.Equal(t, "0395187319", ev.To)
	assert.Equal(t, "842899959300", ev.Hotline)
	// time_end_call is seconds.
	assert.Equal(t, time.Unix(1697595795, 0).UTC(), ev.Time.UTC())

	cdr := ev.CDR
	require.NotNil(t, cdr)
	assert.Equal(t, "ae5f56fc-7baa-4537-b312-1105023bbb49", cdr.TransactionID)
	assert.Equal(t, "6209c98461c1cb163ded25f7", cdr.TenantID)
	assert.Equal(t, "842899959300", cdr.SourceNumber)
	assert.Equal(t, "0395187319", cdr.DestinationNumber)
	assert.Equal(t, "0395187319", cdr.PhoneNumber)
	assert.Equal(t, "842899959300", cdr.SIPNumber)
	assert.Equal(t, "100", cdr.SIPUser)
	assert.Equal(t, "contact18", cdr.DomainFusion)
	assert.Equal(t, 5, cdr.AnswerSec)
	assert.Equal(t, 6, cdr.BillSec)
	assert.Equal(t, 5, cdr.RecordSeconds)
	assert.Equal(t, 12, cdr.Duration)
	// time_* are seconds, *_date are milliseconds.
	assert.Equal(t, int64(1697595783), cdr.TimeStartCall.Unix())
	assert.Equal(t, int64(1697595783), cdr.TimeStartToAnswer.Unix())
	assert.Equal(t, int64(1697595795), cdr.TimeEndCall.Unix())
	assert.Equal(t, int64(1697595795704), cdr.CreatedDate.UnixMilli())
	assert.Equal(t, int64(1697595795853), cdr.LastUpdatedDate.UnixMilli())
	assert.InDelta(t, 55.002, float64(cdr.CallOutPrice), 1e-9)
	require.NotNil(t, cdr.CreateBy)
	assert.Equal(t, "6209c98561c1cb163ded25fa", cdr.CreateBy.ID)
	assert.Equal(t, "6209c98c067f745da47367d1", cdr.CreateBy.ContactID)
	assert.Equal(t, "Trần Văn Tiến 1234", cdr.CreateBy.Name)
	require.NotNil(t, cdr.Customer)
	assert.Equal(t, "Mr. Tiến Demo2", cdr.Customer.FullName)
	require.Len(t, cdr.Users, 1)
	assert.Equal(t, "Tran Van Tien 1234", cdr.Users[0].FullNameUnsigned)
	assert.Equal(t, "end_call_by_customer", cdr.EndByName)
	assert.False(t, bool(cdr.IsAutoCall))
	assert.False(t, bool(cdr.IsHaveForwardOut))
	assert.Equal(t, "none", cdr.IVR)
	assert.Equal(t, "viettel", cdr.Provider)
	assert.Contains(t, cdr.RecordingFileURL, "https://public-v1-stg.omicrm.com/third_party/recording/uc?id=")
	assert.Equal(t, 1, cdr.SendNumRetry)
	assert.Empty(t, cdr.Tags)
	assert.NotNil(t, cdr.TransferHistories)
	assert.Empty(t, cdr.TransferHistories)
	assert.JSONEq(t, string(body), string(ev.Raw))
}

func TestParseCallEventRawIsACopy(t *testing.T) {
	body := fixture(t, "webhook_state_ringing.json")
	ev, err := ParseCallEvent(body)
	require.NoError(t, err)
	want := string(body)
	for i := range body {
		body[i] = 'x'
	}
	assert.Equal(t, want, string(ev.Raw))
}

func TestParseCallEventInvalid(t *testing.T) {
	for name, body := range map[string]string{
		"nil":             "",
		"spaces":          " \n\t ",
		"not JSON":        "state=ringing",
		"truncated":       `{"state":"ringing"`,
		"trailing junk":   `{"state":"ringing"} x`,
		"array":           `[{"state":"ringing"}]`,
		"string":          `"ringing"`,
		"number":          `42`,
		"null":            `null`,
		"no state":        `{"call_uuid":"abc"}`,
		"empty state":     `{"state":""}`,
		"blank state":     `{"state":"  "}`,
		"state of a type": `{"state":7,"call_uuid":"abc"}`,
		"empty object":    `{}`,
	} {
		t.Run(name, func(t *testing.T) {
			ev, err := ParseCallEvent([]byte(body))
			require.Error(t, err)
			assert.Nil(t, ev)
			assert.ErrorIs(t, err, ErrInvalidCallEvent)
			if len(body) > 3 {
				assert.NotContains(t, err.Error(), body, "the error must not quote the body")
			}
		})
	}
}

func TestParseCallEventNotJSONUnwraps(t *testing.T) {
	_, err := ParseCallEvent([]byte(`{"state":`))
	var syn *json.SyntaxError
	assert.True(t, errors.As(err, &syn), "the JSON error is reachable: %v", err)
}

func TestParseCallEventUnknownStatePassedThrough(t *testing.T) {
	ev, err := ParseCallEvent([]byte(`{"state":"transferring","call_uuid":"c1","date_time":1700000000123,"extra":{"a":1}}`))
	require.NoError(t, err)
	assert.Equal(t, CallState("transferring"), ev.State)
	assert.Equal(t, "c1", ev.CallID)
	assert.Equal(t, int64(1700000000123), ev.Time.UnixMilli())
	assert.Nil(t, ev.CDR)
	assert.Contains(t, string(ev.Raw), `"extra":{"a":1}`)
}

func TestParseCallEventLenientAndFallbacks(t *testing.T) {
	t.Run("state event with only created_time (seconds)", func(t *testing.T) {
		ev, err := ParseCallEvent([]byte(`{"state":"ringing","call_uuid":"c","created_time":1626693561}`))
		require.NoError(t, err)
		assert.Equal(t, int64(1626693561), ev.Time.Unix())
	})
	t.Run("numbers as strings and a mistyped field", func(t *testing.T) {
		ev, err := ParseCallEvent([]byte(`{"state":"hangup","call_uuid":"c","date_time":"1626693561000","direction":5,"hotline":"h"}`))
		require.NoError(t, err)
		assert.Equal(t, int64(1626693561000), ev.Time.UnixMilli())
		assert.Equal(t, Direction(""), ev.Direction)
		assert.Equal(t, "h", ev.Hotline)
	})
	t.Run("CDR without time_end_call uses last_updated_date (ms)", func(t *testing.T) {
		ev, err := ParseCallEvent([]byte(`{"state":"cdr","transaction_id":"t","last_updated_date":1697595795853}`))
		require.NoError(t, err)
		assert.Equal(t, int64(1697595795853), ev.Time.UnixMilli())
		require.NotNil(t, ev.CDR)
		assert.Equal(t, "t", ev.CDR.TransactionID)
	})
	t.Run("CDR with call_uuid only fills TransactionID", func(t *testing.T) {
		ev, err := ParseCallEvent([]byte(`{"state":"cdr","call_uuid":"u","source_number":"s","destination_number":"d","sip_number":"n","call_out_price":"12.5","tag":["vip"],"is_auto_call":"true"}`))
		require.NoError(t, err)
		assert.Equal(t, "u", ev.CallID)
		assert.Equal(t, "u", ev.CDR.TransactionID)
		assert.Equal(t, "s", ev.From)
		assert.Equal(t, "d", ev.To)
		assert.Equal(t, "n", ev.Hotline)
		assert.InDelta(t, 12.5, float64(ev.CDR.CallOutPrice), 1e-9)
		assert.Equal(t, TagList{"vip"}, ev.CDR.Tags)
		assert.True(t, bool(ev.CDR.IsAutoCall))
		assert.True(t, ev.Time.IsZero())
	})
	t.Run("leading whitespace", func(t *testing.T) {
		ev, err := ParseCallEvent([]byte("\n  {\"state\":\"ringing\"}\n"))
		require.NoError(t, err)
		assert.Equal(t, StateRinging, ev.State)
		assert.Empty(t, ev.CallID)
	})
}

func TestCallEventTimeIsUTC(t *testing.T) {
	ev, err := ParseCallEvent(fixture(t, "webhook_state_ringing.json"))
	require.NoError(t, err)
	require.False(t, ev.Time.IsZero())
	assert.Equal(t, time.UTC, ev.Time.Location())
	ev, err = ParseCallEvent(fixture(t, "webhook_cdr.json"))
	require.NoError(t, err)
	assert.Equal(t, time.UTC, ev.Time.Location())
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
