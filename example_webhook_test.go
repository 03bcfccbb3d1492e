package omicall_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/internal/simulator"
)

// A CRM receives OMICall's call hooks: the handler checks the secret in the
// registered URL, drops redeliveries and calls back once per event. Here the
// simulator plays OMICall; with the real API only the client's key and the
// public https URL differ.
func ExampleNewWebhookHandler() {
	sim := simulator.New()
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

	_, err = c.Webhooks.Register(ctx, omicall.WebhookRegistration{
		Type:   omicall.WebhookTypeCall,
		URL:    srv.URL + "/omicall/events?secret=s3cret",
		Events: []omicall.CallState{omicall.StateRinging, omicall.StateHangup, omicall.StateCDR},
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := placeDemoCall(ctx, c, "0901234567"); err != nil {
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

// placeDemoCall places a click-to-call on the simulator from one of its
// extensions on its first hotline.
func placeDemoCall(ctx context.Context, c *omicall.Client, phone string) (string, error) {
	tenant, err := c.Tenant.Detail(ctx)
	if err != nil {
		return "", err
	}
	if len(tenant.PublicNumbers) == 0 {
		return "", errors.New("the tenant has no hotline")
	}
	var phones struct {
		Items []struct {
			SIPUser string `json:"sip_user"`
		} `json:"items"`
	}
	_ = c.Do(ctx, http.MethodGet, "/api/call_center/internal_phone/list", nil, nil, &phones)
	exts := []string{}
	for _, p := range phones.Items {
		exts = append(exts, p.SIPUser)
	}
	for _, ext := range append(exts, "100") {
		id, e := c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: ext, Hotline: tenant.PublicNumbers[0].Number, PhoneNumber: phone})
		if e == nil {
			return id, nil
		}
		err = e
	}
	return "", err
}
