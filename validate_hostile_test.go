package omicall

import (
	"fmt"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Page and Size of every list are checked against the
// documented bounds before any request: negative, and absurdly large.
func TestPagingBoundsOfEveryList(t *testing.T) {
	c, mt := newMockClient(t)
	p, _ := newPartnerMock(t)
	ctx := ctxT(t)
	from, to := time.Now().Add(-time.Hour), time.Now()
	bad := []struct{ page, size int }{{-1, 0}, {0, -5}, {0, 1e9}}
	for _, b := range bad {
		name := fmt.Sprintf("page=%d,size=%d", b.page, b.size)
		field := "Size"
		if b.page < 0 {
			field = "Page"
		}
		lo := &ListOptions{Page: b.page, Size: b.size}
		checks := map[string]error{}
		_, checks["Transactions.List"] = c.Transactions.List(ctx, &TransactionListOptions{From: from, To: to, Page: b.page, Size: b.size})
		checks["Transactions.All"] = seqErr(c.Transactions.All(ctx, &TransactionListOptions{From: from, To: to, Page: b.page, Size: b.size}))
		_, checks["Agents.List"] = c.Agents.List(ctx, &ListOptions{Page: b.page, Size: b.size})
		checks["Agents.All"] = seqErr(c.Agents.All(ctx, &ListOptions{Page: b.page, Size: b.size}))
		_, checks["Extensions"] = c.CallCenter.ListExtensions(ctx, lo)
		checks["AllExtensions"] = seqErr(c.CallCenter.AllExtensions(ctx, lo))
		_, checks["Groups"] = c.CallCenter.ListGroups(ctx, lo)
		_, checks["IVRScripts"] = c.CallCenter.ListIVRScripts(ctx, lo)
		_, checks["Greetings"] = c.CallCenter.ListGreetings(ctx, lo)
		_, checks["Contacts.List"] = c.Contacts.List(ctx, &ContactListOptions{Page: b.page, Size: b.size})
		checks["Contacts.All"] = seqErr(c.Contacts.All(ctx, &ContactListOptions{Page: b.page, Size: b.size}))
		_, checks["Tickets.List"] = c.Tickets.List(ctx, &ListOptions{Page: b.page, Size: b.size})
		checks["Tickets.All"] = seqErr(c.Tickets.All(ctx, &ListOptions{Page: b.page, Size: b.size}))
		_, checks["PublicNumbers"] = p.Numbers.List(ctx, &ListOptions{Page: b.page, Size: b.size})
		_, checks["Tenants"] = p.Tenants.List(ctx, &ListOptions{Page: b.page, Size: b.size})
		for call, err := range checks {
			t.Run(name+"/"+call, func(t *testing.T) { requireValidation(t, err, field) })
		}
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
	// The documented maxima themselves are accepted.
	require.NoError(t, checkPaging(1, MaxPageSize, MaxPageSize))
	require.NoError(t, checkPaging(1, MaxTransactionPageSize, MaxTransactionPageSize))
}

func seqErr[T any](seq iter.Seq2[T, error]) error {
	for _, err := range seq {
		return err
	}
	return nil
}

// The ids ".", ".." never go out as path segments; whitespace-only
// required fields are refused.
func TestPathIDsAndBlankRequiredFields(t *testing.T) {
	c, mt := newMockClient(t)
	ctx := ctxT(t)
	for _, id := range []string{".", "..", "...", " ", "\t"} {
		_, err := c.Transactions.Get(ctx, id)
		requireValidation(t, err, "transactionID")
		_, err = c.Transactions.Update(ctx, id, &UpdateTransactionRequest{Note: "x"})
		requireValidation(t, err, "transactionID")
		_, err = c.Contacts.Get(ctx, id)
		requireValidation(t, err, "id")
		requireValidation(t, c.Contacts.Delete(ctx, id), "id")
		requireValidation(t, c.CallCenter.DeleteGroup(ctx, id), "id")
		requireValidation(t, c.CallCenter.DeleteIVRScript(ctx, id), "id")
		_, err = c.Tickets.UpdateStatus(ctx, id)
		requireValidation(t, err, "idStatus")
	}
	_, err := c.CallCenter.ListExtensionHotlines(ctx, "   ")
	requireValidation(t, err, "extension")
	requireValidation(t, c.Agents.Delete(ctx, " "), "email")
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

// Invite checks the e-mail and the password rule before sending;
// the errors also match the API's sentinels.
func TestInviteChecksEmailAndPassword(t *testing.T) {
	c, mt := newMockClient(t)
	for _, email := range []string{"not-an-email", "a@b", "Name <a@b.vn>", "a@@b.vn", "a b@c.vn"} {
		_, err := c.Agents.Invite(ctxT(t), &InviteAgentRequest{FullName: "A", Email: email, Password: testPassword})
		requireValidation(t, err, "Email")
		assert.ErrorIs(t, err, ErrEmailInvalid)
	}
	for _, pw := range []string{"Sh0rt!", "alllower1!", "ALLUPPER1!", "NoDigits!!", "NoSpecial12", "        "} {
		_, err := c.Agents.Invite(ctxT(t), &InviteAgentRequest{FullName: "A", Email: "a@b.vn", Password: pw})
		requireValidation(t, err, "Password")
		assert.ErrorIs(t, err, ErrPasswordInvalid)
		assert.NotContains(t, err.Error(), pw)
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}

// Unknown action types (the dial-plan target of a group's timeout,
// an IVR key or fallback) are refused before sending.
func TestUnknownActionTypesAreRefused(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.CallCenter.CreateGroup(ctxT(t), &InternalGroupRequest{GroupName: "g", Strategy: StrategyRandom, SIPMembers: []string{"100"},
		Timeout: 5, TargetTimeoutType: "Hangup_now"})
	requireValidation(t, err, "TargetTimeoutType")
	_, err = c.CallCenter.CreateIVRScript(ctxT(t), &IVRScriptRequest{ScriptName: "s", GreetingID: "g", Scripts: []IVRKey{{IVR: "1", ActionType: "Dial"}}})
	requireValidation(t, err, "Scripts.ActionType")
	_, err = c.CallCenter.CreateIVRScript(ctxT(t), &IVRScriptRequest{ScriptName: "s", GreetingID: "g", Scripts: []IVRKey{{IVR: "1"}}, ActionType: "x"})
	requireValidation(t, err, "ActionType")
	assert.Zero(t, mt.GetTotalCallCount(), "nothing is sent")
}
