package omicall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// A CRM receives OMICall's call hooks: the handler checks the secret in the
// registered URL, drops redeliveries and calls back once per event. Here the
// simulator plays OMICall; with the real API only the client's key and the
// public https URL differ.
func ExampleNewWebhookHandler() {
	sim := omicalltest.NewServer()
	apiURL, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(apiURL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	h := omicall.NewWebhookHandler(func(ctx context.Context, ev *omicall.CallEvent) error {
		if ev.State == omicall.StateCDR { // the finished call's record, a Transaction
			fmt.Println(ev.State, "record of", ev.CDR.PhoneNumber, "same id:", ev.CDR.TransactionID == ev.CallID)
			return nil
		}
		fmt.Println(ev.State, ev.Direction, "to", ev.To)
		return nil // an error answers 500, and OMICall delivers the event again
	}, omicall.WithWebhookSecret("s3cret"), omicall.WithDedup(10*time.Minute))
	srv := httptest.NewServer(h) // in production: an http.Server with timeouts, behind https
	defer srv.Close()

	_, err = c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{
		Type:   omicall.WebhookTypeCall,
		URL:    srv.URL + "/omicall/events?secret=s3cret",
		Events: []omicall.CallState{omicall.StateRinging, omicall.StateHangup, omicall.StateCDR},
	})
	if err != nil {
		log.Fatal(err)
	}
	ext, hotline := sim.DemoCaller() // an agent's extension and a hotline of the simulated tenant
	_, err = c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0901234567"})
	if err != nil {
		log.Fatal(err)
	}
	sim.WaitCalls() // the simulator has delivered every hook of the call
	// Output:
	// ringing outbound to 0901234567
	// hangup outbound to 0901234567
	// cdr record of 0901234567 same id: true
}

func ExampleParseCallEvent() {
	body := []byte(`{"call_uuid":"fee91d6c-90b0-4826-97d7-9ca74c58a4e7","state":"answered",
		"direction":"outbound","from_number":"100","to_number":"0395187319","hotline":"0868694566",
		"created_time":1626693561,"date_time":1626693561000}`)
	ev, err := omicall.ParseCallEvent(body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ev.State, ev.CallID)
	fmt.Println(ev.From, "->", ev.To, "via", ev.Hotline)
	fmt.Println(ev.Time.UTC().Format(time.RFC3339))

	_, err = omicall.ParseCallEvent([]byte(`{"call_uuid":"x"}`))
	fmt.Println(errors.Is(err, omicall.ErrInvalidCallEvent), err)
	// Output:
	// answered fee91d6c-90b0-4826-97d7-9ca74c58a4e7
	// 100 -> 0395187319 via 0868694566
	// 2021-07-19T11:19:21Z
	// true omicall: invalid call event: no state
}

// ExampleWithContactEvents receives contact hooks beside call events.
func ExampleWithContactEvents() {
	onCall := func(context.Context, *omicall.CallEvent) error { return nil }
	h := omicall.NewWebhookHandler(onCall,
		omicall.WithContactEvents(func(ctx context.Context, ev *omicall.ContactEvent) error {
			for _, ct := range ev.Contacts {
				log.Printf("contact %s: %s", ct.ID, ev.Action)
			}
			return nil // an error answers 500 and OMICall sends the hook again
		}))
	_ = h
}

// ExampleErrInvalidInput tells "your input was wrong" from other failures.
func ExampleErrInvalidInput() {
	c, _ := omicall.NewClient("key")
	ctx, number := context.Background(), "09x"
	check := func() error {
		_, err := c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: "101", Hotline: "842899990001", PhoneNumber: number})
		if errors.Is(err, omicall.ErrInvalidInput) {
			return fmt.Errorf("check the number %q: %w", number, err) // refused before sending, or by OMICall
		}
		return err
	}
	fmt.Println(check() != nil)
	// Output: true
}
