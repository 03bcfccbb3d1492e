package omicall_test

import (
	"fmt"
	"iter"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// rangeTwiceConcurrently ranges seq in two goroutines at once and returns
// how many items each saw. A sequence is a value that may be ranged many
// times: its walks must not share state (run with -race).
func rangeTwiceConcurrently[T any](t *testing.T, seq iter.Seq2[T, error]) [2]int {
	t.Helper()
	var counts [2]int
	var wg sync.WaitGroup
	for i := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, err := range seq {
				if !assert.NoError(t, err) {
					return
				}
				counts[i]++
			}
		}()
	}
	wg.Wait()
	return counts
}

func TestAllSequencesCanBeRangedConcurrently(t *testing.T) {
	c, sim := newSimClient(t, nil)
	ctx := ctxT(t)
	p, err := omicall.NewPartnerClient(omicalltest.PartnerToken, omicall.WithBaseURL(sim.URL()))
	require.NoError(t, err)
	for i := range 5 {
		_, err := c.Contacts.Create(ctx, &omicall.CreateContactRequest{FullName: fmt.Sprintf("Khách %d", i)})
		require.NoError(t, err)
		_, err = c.Tickets.Create(ctx, &omicall.CreateTicketRequest{Name: "t", Description: "d", Priority: omicall.TicketPriorityLow, Assignee: "an.nguyen@democo.example"})
		require.NoError(t, err)
		_, err = p.Tenants.Create(ctx, &omicall.CreateTenantRequest{Email: fmt.Sprintf("shop%d@example.com", i), Password: "G00d!pass", FullName: "Shop"})
		require.NoError(t, err)
	}
	assert.Equal(t, [2]int{5, 5}, rangeTwiceConcurrently(t, c.Contacts.All(ctx, &omicall.ContactListOptions{Size: 2})))
	assert.Equal(t, [2]int{5, 5}, rangeTwiceConcurrently(t, c.Tickets.All(ctx, &omicall.ListOptions{Size: 2})))
	assert.Equal(t, [2]int{5, 5}, rangeTwiceConcurrently(t, p.Tenants.All(ctx, &omicall.ListOptions{Size: 2})))
	assert.Equal(t, [2]int{140, 140}, rangeTwiceConcurrently(t, p.Numbers.All(ctx, &omicall.ListOptions{Size: 50})))
	assert.Equal(t, [2]int{3, 3}, rangeTwiceConcurrently(t, c.Agents.All(ctx, &omicall.ListOptions{Size: 2})))
}

func TestSearchAllCanBeRangedAgain(t *testing.T) {
	end := time.Now().Truncate(time.Hour)
	c, _ := newSimClient(t, []omicalltest.Option{omicalltest.WithHistory(3, 24*time.Hour, end)})
	seq := c.Transactions.SearchAll(ctxT(t), &omicall.SearchRequest{From: end.Add(-48 * time.Hour), To: end.Add(time.Hour), Size: 10})
	first, err := collect(seq)
	require.NoError(t, err)
	require.Len(t, first, 3, "one page of three records")
	again, err := collect(seq)
	require.NoError(t, err)
	assert.Equal(t, first, again, "a second range of the same sequence yields the same records")
	assert.Equal(t, [2]int{3, 3}, rangeTwiceConcurrently(t, seq))
}
