package omicall

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransactionsReport(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/report", fixtureResponder(t, "call_transaction_report.json"))
	rep, err := c.Transactions.Report(ctxT(t), &ReportOptions{
		From: listFrom, To: listTo, Numbers: []string{"842899990001", "842899990002"}, SIPUser: "101", Agents: []string{"a@x.vn"},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"from_date": {"1704067200000"}, "to_date": {"1704671999999"},
		"numbers": {"842899990001", "842899990002"}, "sip_user": {"101"}, "agents": {"a@x.vn"},
	}, log.last(t).Query)
	require.Len(t, rep.CategorizedByDirection, 2)
	assert.Equal(t, ReportByDirection{ID: DirectionInbound, TotalCount: 1051, TotalTime: 978}, rep.CategorizedByDirection[0])
	assert.Equal(t, ReportByDisposition{ID: DispositionCancelled, TotalCount: 1177, TotalOutbound: 133, TotalInbound: 1044},
		rep.CategorizedByDisposition[0])
	assert.Equal(t, ReportLocal{TotalCall: 23}, rep.CategorizedByLocalDirection, "null answer count reads as 0")

	n := log.count()
	_, err = c.Transactions.Report(ctxT(t), nil)
	assert.ErrorIs(t, err, ErrDateRequired)
	_, err = c.Transactions.Report(ctxT(t), &ReportOptions{From: listTo, To: listFrom})
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, n, log.count())
}

func TestTransactionsReportByTime(t *testing.T) {
	c, mt := newMockClient(t)
	rep := recordRoute(t, mt, http.MethodGet, "/api/v3/call-transaction/report", okPayload(`{"by_day":[]}`))
	raw, err := c.Transactions.ReportByTime(ctxT(t), v3From, v3To)
	require.NoError(t, err)
	assert.JSONEq(t, `{"by_day":[]}`, string(raw))
	assert.Equal(t, "1778518800000", rep.only(t).Query.Get("fromDate"))
	_, err = c.Transactions.ReportByTime(ctxT(t), v3To, v3From)
	requireValidation(t, err, "To")
	assert.Equal(t, testAPIKey, rep.only(t).Header.Get("x-api-key"))
}
