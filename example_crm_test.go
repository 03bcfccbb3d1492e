package omicall_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// Add a customer, then find it by the id it has in your own system.
func ExampleContactService_Add() {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	_, err = c.Contacts.Create(ctx, &omicall.CreateContactRequest{
		FullName: "Trần Văn An",
		RefID:    "crm-42",
		Gender:   "male",
		Phones:   []omicall.ContactPoint{{Data: "0901234567", Type: omicall.ContactPointPersonal}},
		Emails:   []omicall.ContactPoint{{Data: "an@example.vn", Type: omicall.ContactPointOffice}},
	})
	if err != nil {
		log.Fatal(err)
	}
	ct, err := c.Contacts.Lookup(ctx, omicall.ContactByRefID, "crm-42")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ct.FullName(), ct.Phone(), ct.Email())

	err = c.Contacts.Update(ctx, &omicall.UpdateContactRequest{RefID: "crm-42", Note: "Gọi lại thứ Hai"})
	if err != nil {
		log.Fatal(err)
	}
	ct, _ = c.Contacts.Get(ctx, ct.PublicID)
	fmt.Println(ct.Note())

	if err := c.Contacts.Delete(ctx, ct.PublicID); err != nil {
		log.Fatal(err)
	}
	_, err = c.Contacts.Lookup(ctx, omicall.ContactByPhone, "0901234567")
	fmt.Println(errors.Is(err, omicall.ErrNotFound))
	// Output:
	// Trần Văn An 0901234567 an@example.vn
	// Gọi lại thứ Hai
	// true
}

// Invalid input is refused before anything is sent, naming the field.
func ExampleContactService_AddMany() {
	c, _ := omicall.NewClient("api-key")
	err := c.Contacts.CreateMany(context.Background(), []omicall.CreateContactRequest{
		{FullName: "Khách 1", Phones: []omicall.ContactPoint{{Data: "0900000001"}}},
		{FullName: "Khách 2", Birthday: "1990-12-31"},
	})
	fmt.Println(err)
	fmt.Println(errors.Is(err, omicall.ErrValidation))
	// Output:
	// omicall: invalid contacts[1].Birthday: must be a date as dd/MM/yyyy
	// true
}

// Open a ticket in a category and move it along its status set.
func ExampleTicketService_Create() {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	c, _ := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url))
	ctx := context.Background()

	cats, err := c.Tickets.ListCategories(ctx)
	if err != nil {
		log.Fatal(err)
	}
	cat := cats[0]
	t, err := c.Tickets.Create(ctx, &omicall.CreateTicketRequest{
		Name: "Khách báo mất kết nối", Description: "Gọi lại trong ngày",
		Priority: omicall.TicketPriorityHigh, Assignee: "agent1@example.vn",
		TicketCategoryID: cat.ID, TypeUUID: cat.Types[1].UUID,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(t.UniqueID, cat.TicketStatusSet.StatusName(int(t.CurrentStatus)))
	t, _ = c.Tickets.UpdateStatus(ctx, t.ID)
	fmt.Println(t.UniqueID, cat.TicketStatusSet.StatusName(int(t.CurrentStatus)))
	// Output:
	// 1 Mới tạo
	// 1 Đang xử lý
}

// Synthesise speech and download the audio.
func ExampleSpeechService_TextToSpeech() {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	// The simulator serves the AI routes too; in production leave the AI
	// hosts at their defaults.
	c, _ := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url), omicall.WithSpeechBaseURLs(url, url))
	ctx := context.Background()

	res, err := c.Speech.TextToSpeech(ctx, &omicall.TTSRequest{
		Text:      "Xin chào quý khách",
		SpeakerID: omicall.SpeakerSouthernFemaleHongAnh,
	})
	if err != nil {
		log.Fatal(err)
	}
	wav, err := c.Speech.Audio(ctx, res.URL)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res.Duration(), res.SampleRate, string(wav[:4]), len(wav))
	// Output: 1.08s 8000 RIFF 17324
}

// Manage businesses as a reseller, with a partner token obtained from
// OMICall.
func ExampleNewPartnerClient() {
	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	defer stop()
	p, err := omicall.NewPartnerClient(omicalltest.PartnerToken, omicall.WithBaseURL(url))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	tenant, err := p.Tenants.Create(ctx, &omicall.CreateTenantRequest{
		Email: "owner@shop.example.vn", Password: "Passw0rd!", FullName: "Shop Hoa", IsAutoActive: true,
	})
	if err != nil {
		log.Fatal(err)
	}
	info, err := p.Tenants.Get(ctx, tenant.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.FullName, info.Status, info.ServicePackage.CodeName)
	_, err = p.Tenants.Create(ctx, &omicall.CreateTenantRequest{Email: "owner@shop.example.vn", Password: "Passw0rd!", FullName: "Again"})
	fmt.Println(errors.Is(err, omicall.ErrEmailRegistered))
	// Output:
	// Shop Hoa activated trial
	// true
}
