package omicall_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// Walk a quarter of call history — longer than the API's 30-day limit, so
// All walks it in 30-day windows — and stop at the first call in March:
// breaking ends the walk, and beyond the page holding that call at most the
// one being prefetched is requested.
func ExampleTransactionService_All() {
	sim := omicalltest.NewServer(omicalltest.WithHistory(0, 0, time.Time{}))
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for day := range 90 { // one call a day at 09:00
		sim.AddCall(start.AddDate(0, 0, day).Add(9 * time.Hour))
	}
	url, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	opts := &omicall.TransactionListOptions{From: start, To: start.AddDate(0, 3, 0)}
	before := 0
	for tx, err := range c.Transactions.All(ctx, opts) {
		if err != nil {
			log.Fatal(err) // the walk is over
		}
		if tx.CreatedDate.UTC().Month() == time.March {
			fmt.Println("first call in March:", tx.CreatedDate.UTC().Format(time.DateTime), tx.Direction)
			break
		}
		before++
	}
	fmt.Println("calls before March:", before)
	// Output:
	// first call in March: 2025-03-01 09:00:00 outbound
	// calls before March: 59
}

// Ring an agent's extension and, once it answers, dial the customer. The
// call id is the transaction id of the call's record in the history.
func ExampleCallService_ClickToCall() {
	sim := omicalltest.NewServer(omicalltest.WithHistory(0, 0, time.Time{}))
	url, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	id, err := c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{
		Extension:   "101",          // the agent's extension, rung first
		Hotline:     "842899990001", // the hotline the customer sees
		PhoneNumber: "0979816773",
	})
	if err != nil {
		log.Fatal(err) // e.g. errors.Is(err, omicall.ErrUserNotRegistered): the agent is offline
	}

	sim.WaitCalls() // in the simulator, the call ends at once
	tx, err := c.Transactions.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tx.TransactionID == id, tx.Direction, tx.SourceNumber, "->", tx.DestinationNumber, "by", tx.SIPUser)
	// Output:
	// true outbound 842899990001 -> 0979816773 by 101
}
