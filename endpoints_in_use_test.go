package omicall_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

// endpointsInUse are the endpoints integrators use that the documentation's
// index leaves out (docs/api.md §18: the v3 call history, getByTransactionId
// and §18.8), the second block of testdata/endpoints.txt;
// TestEveryDocumentedEndpointIsImplemented runs them after the core and
// CRM ones.
var endpointsInUse = []endpointCall{
	{"POST /api/v3/call-transaction/search", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.Search(ctxT(t), &omicall.SearchRequest{From: time.Now().AddDate(0, 0, -7), To: time.Now()})
		require.NoError(t, err)
	}},
	{"GET /api/v3/call-transaction/report", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		raw, err := c.Transactions.ReportByTime(ctxT(t), time.Now().AddDate(0, 0, -7), time.Now())
		require.NoError(t, err)
		assert.NotEmpty(t, raw)
	}},
	{"GET /api/v3/call-transaction/evaluation-criteria/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		crit, err := c.Transactions.ListScoringCriteria(ctxT(t))
		require.NoError(t, err)
		require.NotEmpty(t, crit)
	}},
	{"POST /api/v3/call-transaction/add-evaluation", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		crit, err := c.Transactions.ListScoringCriteria(ctxT(t))
		require.NoError(t, err)
		require.NoError(t, c.Transactions.Score(ctxT(t), &omicall.ScoreRequest{TransactionID: lastCall(t, c).TransactionID,
			AgentID: "agent-1", Comment: "ok", Values: []omicall.EvaluationScore{{CriteriaID: crit[0].ID, Point: 8}}}))
	}},
	{"POST /api/v2/callTransaction/getByTransactionId", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		id := lastCall(t, c).TransactionID
		tx, err := c.Transactions.GetFull(ctxT(t), id)
		require.NoError(t, err)
		assert.Equal(t, id, tx.TransactionID)
	}},
	{"GET /api/v2/agent/get-by-email", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		a, err := c.Agents.Lookup(ctxT(t), omicall.AgentByEmail, "an.nguyen@democo.example")
		require.NoError(t, err)
		assert.NotEmpty(t, a.PBXAccount.SIPUser)
	}},
	{"POST /api/call_bot/execute_by_phone", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Calls.CallBotByPhone(ctxT(t), &omicall.CallBotRequest{PhoneNumbers: []string{"0900000001"}, BotScriptID: "bot-remind-1"})
		require.NoError(t, err)
	}},
	{"GET /api/call_bot/script/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		s, err := c.Calls.ListCallBotScripts(ctxT(t))
		require.NoError(t, err)
		require.NotEmpty(t, s)
		assert.NotEmpty(t, s[0].Fields)
	}},
	{"GET /api/call_center/hotline/search", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		p, err := c.CallCenter.ListHotlines(ctxT(t), nil)
		require.NoError(t, err)
		require.NotEmpty(t, p.Items)
		assert.True(t, bool(p.Items[0].Configs.AllowCallOut))
	}},
	{"POST /api/call_center/internal_phone/update", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.UpdateExtension(ctxT(t), &omicall.UpdateExtensionRequest{SIPUser: "101", CallTimeout: 30}))
	}},
	{"POST /api/ai/call_transaction/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.ListAnalyses(ctxT(t), lastCall(t, c).TransactionID)
		require.NoError(t, err)
	}},
	{"POST /api/ai/call_transaction/get", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		a, err := c.Transactions.GetAnalysis(ctxT(t), lastCall(t, c).TransactionID)
		require.NoError(t, err)
		assert.NotEmpty(t, a.TransactionID)
	}},
}
