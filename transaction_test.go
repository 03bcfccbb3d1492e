package omicall

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransactionsGet(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "GET", "/api/call_transaction/detail/91d3e842-9da2-43ec-8bb1-979c17e817ad",
		fixtureResponder(t, "call_transaction_detail.json"))
	tx, err := c.Transactions.Get(ctxT(t), "91d3e842-9da2-43ec-8bb1-979c17e817ad")
	require.NoError(t, err)
	assert.Equal(t, "GET", log.last(t).Method)
	assert.Empty(t, log.last(t).Query)
	assert.Equal(t, "91d3e842-9da2-43ec-8bb1-979c17e817ad", tx.TransactionID)
	assert.Equal(t, 90, tx.BillSecForwardOut)

	recordRoute(t, mt, "GET", "/api/call_transaction/detail/missing", failStatus(404, "not_found"))
	_, err = c.Transactions.Get(ctxT(t), "missing")
	assert.ErrorIs(t, err, ErrNotFound)

	before := mt.GetTotalCallCount()
	_, err = c.Transactions.Get(ctxT(t), "")
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, before, mt.GetTotalCallCount())
}

func TestTransactionsGetRefusesIDsThatAreNotOneSegment(t *testing.T) {
	c, mt := newMockClient(t)
	for _, id := range []string{"a/b", "a?c", `a`, "a#b", "..", "."} {
		_, err := c.Transactions.Get(ctxT(t), id)
		requireValidation(t, err, "transactionID")
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

func TestTransactionsUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	log := recordRoute(t, mt, "POST", "/api/call_transaction/change/91d3e842",
		failStatus(502, ""), fixtureResponder(t, "call_transaction_change.json"))
	tx, err := c.Transactions.Update(ctxT(t), "91d3e842", &UpdateTransactionRequest{Note: "Ghi chu cuoc goi", Tags: []string{"hailong", "goilaisau"}})
	require.NoError(t, err)
	req := log.last(t)
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"tag":["hailong","goilaisau"],"note":"Ghi chu cuoc goi"}`, string(req.Body))
	assert.Equal(t, 2, log.count(), "setting a note and tags is safe to repeat")
	assert.Equal(t, "Ghi chu cuoc goi", tx.Note, "the second of the duplicate keys wins")
	assert.Equal(t, []string{"hailong", "dongy", "vip"}, []string(tx.Tags))

	_, err = c.Transactions.Update(ctxT(t), "91d3e842", &UpdateTransactionRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"tag":[],"note":""}`, string(log.last(t).Body), "an empty update clears both")

	n := log.count()
	_, err = c.Transactions.Update(ctxT(t), "91d3e842", nil)
	assert.ErrorIs(t, err, ErrValidation)
	_, err = c.Transactions.Update(ctxT(t), "", &UpdateTransactionRequest{})
	assert.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, n, log.count())
}

func TestTransactionsGetFullPostsThenGets(t *testing.T) {
	rec2026 := string(fixture(t, "call_transaction_record_2026.json"))
	t.Run("POST answers", func(t *testing.T) {
		c, mt := newMockClient(t)
		post := recordRoute(t, mt, http.MethodPost, getFullPath, okPayload(rec2026))
		tx, err := c.Transactions.GetFull(ctxT(t), "708dbad6-162b-4b09-9d2e-a7a8e3260cbd")
		require.NoError(t, err)
		checkRecord2026(t, tx)
		assert.JSONEq(t, `{"transactionId":"708dbad6-162b-4b09-9d2e-a7a8e3260cbd"}`, string(post.only(t).Body))
		assert.Equal(t, "Bearer "+testToken, post.only(t).Header.Get("Authorization"))
	})
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		t.Run(fmt.Sprintf("POST route missing (%d)", status), func(t *testing.T) {
			c, mt := newMockClient(t)
			post := recordRoute(t, mt, http.MethodPost, getFullPath, httpmock.NewStringResponder(status, `<html>no route</html>`))
			get := recordRoute(t, mt, http.MethodGet, getFullPath, okPayload(rec2026))
			tx, err := c.Transactions.GetFull(ctxT(t), "id-1")
			require.NoError(t, err)
			checkRecord2026(t, tx)
			assert.Equal(t, 1, post.count())
			assert.Equal(t, "id-1", get.only(t).Query.Get("transactionId"))
		})
	}
	t.Run("an envelope's not found is not a missing route", func(t *testing.T) {
		c, mt := newMockClient(t)
		recordRoute(t, mt, http.MethodPost, getFullPath, failStatus(http.StatusNotFound, "not_found"))
		get := recordRoute(t, mt, http.MethodGet, getFullPath, okPayload(rec2026))
		_, err := c.Transactions.GetFull(ctxT(t), "nope")
		require.ErrorIs(t, err, ErrNotFound)
		assert.Zero(t, get.count())
	})
	_, err := (&TransactionService{}).GetFull(ctxT(t), "")
	requireValidation(t, err, "transactionID")
}
