package simulator

import (
	"encoding/json"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHistoryReportAddsUp(t *testing.T) {
	s := New(WithHistory(1000, 10*24*time.Hour, histEnd))
	from, to := histEnd.Add(-10*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	a := histCall(t, s, "GET", "/api/call_transaction/report?"+url.Values{
		"from_date": {strconv.FormatInt(from, 10)}, "to_date": {strconv.FormatInt(to, 10)}}.Encode(), nil, false)
	var rep report
	require.NoError(t, json.Unmarshal(a.Payload, &rep))
	byDir := rep.ByDirection[0].TotalCount + rep.ByDirection[1].TotalCount
	byDisp := rep.ByDisposition[0].TotalCount + rep.ByDisposition[1].TotalCount
	assert.Equal(t, byDir, byDisp)
	assert.Equal(t, 1000, byDir+rep.Local.TotalCall)
	assert.Equal(t, rep.ByDirection[0].TotalCount, rep.ByDisposition[0].TotalInbound+rep.ByDisposition[1].TotalInbound)
	assert.Positive(t, rep.ByDirection[1].TotalTime)

	a = histCall(t, s, "GET", "/api/call_transaction/report?to_date=1", nil, false)
	assert.Equal(t, "from_date_is_required", a.Message)
}

func TestV3ReportCountsPerDay(t *testing.T) {
	s := New(WithHistory(500, 10*24*time.Hour, histEnd))
	from, to := histEnd.Add(-10*24*time.Hour).UnixMilli(), histEnd.UnixMilli()
	a := histCall(t, s, "GET", "/api/v3/call-transaction/report?"+url.Values{
		"fromDate": {strconv.FormatInt(from, 10)}, "toDate": {strconv.FormatInt(to, 10)}}.Encode(), nil, true)
	require.Equal(t, 9999, a.StatusCode, a.Message)
	var rep struct {
		ByDay []struct {
			Date                                           string
			Inbound, Outbound, Local, Answered, Unanswered int
		} `json:"by_day"`
	}
	require.NoError(t, json.Unmarshal(a.Payload, &rep))
	require.GreaterOrEqual(t, len(rep.ByDay), 10)
	total := 0
	for _, d := range rep.ByDay {
		assert.Equal(t, d.Inbound+d.Outbound+d.Local, d.Answered+d.Unanswered, d.Date)
		total += d.Answered + d.Unanswered
	}
	assert.Equal(t, 500, total)

	a = histCall(t, s, "GET", "/api/v3/call-transaction/report?"+url.Values{
		"from_date": {"1"}, "to_date": {strconv.FormatInt(to, 10)}}.Encode(), nil, true)
	assert.Equal(t, "date_is_too_long", a.Message, "at most 12 months")
}
