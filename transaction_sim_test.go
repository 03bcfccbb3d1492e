package omicall_test

import (
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransactionsSimulatorRoundTrip(t *testing.T) {
	c, sim := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(500, 10*24*time.Hour, simEnd)})
	ctx := ctxT(t)
	from, to := simEnd.Add(-10*24*time.Hour), simEnd

	_, err := c.Transactions.Get(ctx, "no-such-call")
	assert.ErrorIs(t, err, omicall.ErrNotFound)
	_, err = c.Transactions.Update(ctx, "no-such-call", &omicall.UpdateTransactionRequest{Note: "x"})
	assert.ErrorIs(t, err, omicall.ErrNotFound)

	p, err := c.Transactions.List(ctx, &omicall.TransactionListOptions{From: from, To: to})
	require.NoError(t, err)
	assert.Equal(t, 500, p.TotalItems)
	assert.Len(t, p.Items, 50, "the default page size")
	first := p.Items[0]

	got, err := c.Transactions.Get(ctx, first.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, first.TransactionID, got.TransactionID)
	assert.Equal(t, first.CreatedDate.UnixMilli(), got.CreatedDate.UnixMilli())

	upd, err := c.Transactions.Update(ctx, first.TransactionID, &omicall.UpdateTransactionRequest{Note: "Gọi lại lúc 3h", Tags: []string{"callback"}})
	require.NoError(t, err)
	assert.Equal(t, "Gọi lại lúc 3h", upd.Note)
	got, err = c.Transactions.Get(ctx, first.TransactionID)
	require.NoError(t, err)
	assert.Equal(t, omicall.TagList{"callback"}, got.Tags)
	assert.Equal(t, omicall.TagList{"callback"}, got.Users[0].Tags)

	crit, err := c.Transactions.ListEvaluationCriteria(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, crit)
	ev, err := c.Transactions.Evaluate(ctx, first.TransactionID, &omicall.EvaluateRequest{UserUUID: "101", Evaluation: map[string]int{crit[0].ID: 9}})
	require.NoError(t, err)
	require.NotNil(t, ev)
	assert.Contains(t, string(ev.Evaluations), crit[0].ID)
	_, err = c.Transactions.Evaluate(ctx, "no-such-call", &omicall.EvaluateRequest{UserUUID: "101", Evaluation: map[string]int{}})
	assert.ErrorIs(t, err, omicall.ErrNotFound)

	// The report counts the same calls the list holds.
	rep, err := c.Transactions.Report(ctx, &omicall.ReportOptions{From: from, To: to})
	require.NoError(t, err)
	total := rep.CategorizedByLocalDirection.TotalCall
	for _, d := range rep.CategorizedByDirection {
		total += d.TotalCount
	}
	assert.Equal(t, 500, total)

	// Filters reach the omicalltest.
	in, err := c.Transactions.List(ctx, &omicall.TransactionListOptions{From: from, To: to, Directions: []omicall.Direction{omicall.DirectionInbound}, Size: 200})
	require.NoError(t, err)
	assert.Equal(t, rep.CategorizedByDirection[0].TotalCount, in.TotalItems)
	for _, tx := range in.Items {
		assert.Equal(t, omicall.DirectionInbound, tx.Direction)
	}
	yes := true
	auto, err := c.Transactions.List(ctx, &omicall.TransactionListOptions{From: from, To: to, IsAutoCall: &yes, Size: 200})
	require.NoError(t, err)
	for _, tx := range auto.Items {
		assert.True(t, bool(tx.IsAutoCall))
	}

	// Search: the agent's user id, with the API key; camelCase paging.
	require.NotNil(t, first.CreateBy)
	uuid := first.CreateBy.UUID
	sp, err := c.Transactions.SearchLegacy(ctx, &omicall.LegacySearchRequest{UserUUIDs: []string{uuid}, From: from, To: to, Size: 10})
	require.NoError(t, err)
	assert.Equal(t, 10, sp.Size)
	assert.Positive(t, sp.TotalItems)
	assert.Equal(t, sp.TotalItems > 10, sp.HasNext)
	for _, tx := range sp.Items {
		assert.Equal(t, uuid, tx.CreateBy.UUID)
		assert.NotEmpty(t, tx.ID)
		assert.Equal(t, tx.TimeStartToAnswer.UnixMilli(), tx.MsTimeStartToAnswer.UnixMilli())
	}
	assert.Equal(t, 1, sim.Requests("GET /api/auth"), "search did not need a token")
}
