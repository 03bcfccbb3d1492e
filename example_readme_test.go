package omicall_test

// The README's snippets, compiled here (TestReadmeSnippetsCompile checks that
// each README snippet appears in an example file). These examples have no
// Output comment: they are compiled, not run, since they talk to OMICall.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func readmeClient() (context.Context, *omicall.Client) {
	c, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
	if err != nil {
		log.Fatal(err)
	}
	return context.Background(), c
}

func Example_agentsAndWebSDK() {
	ctx, c := readmeClient()
	res, err := c.Agents.Invite(ctx, &omicall.InviteAgentRequest{
		FullName: "Phạm Minh Dũng",
		Email:    "dung.pham@example.com", // identify_info: the agent's login
		Password: "Str0ng!Passw0rd",       // >= 8 chars: upper, lower, digit, special
		RoleName: omicall.RoleSale,        // the default when empty
		UUID:     "crm-user-42",           // your user id, for LookupByUserUUID
	})
	var creds omicall.SIPCredentials
	switch {
	case err == nil:
		creds = res.PBXAccount.SIPCredentials()
	case errors.Is(err, omicall.ErrAgentExists): // already invited: look it up below
	case errors.Is(err, omicall.ErrAgentLimit):
		log.Fatal("the service package has no free agent seat")
	default:
		log.Fatal(err)
	}
	if !creds.Complete() { // OMICall's invite may answer without them
		d, err := c.CallCenter.LookupExtension(ctx, omicall.LookupByEmail, "dung.pham@example.com")
		if err != nil {
			log.Fatal(err)
		}
		creds = d.SIPCredentials()
	}
	fmt.Println(creds) // {democo 103 [redacted]}: printing never shows the password
}

func Example_serveSIPCredentials() {
	_, c := readmeClient()
	sipCredentials := func(w http.ResponseWriter, r *http.Request) {
		userID := r.Header.Get("X-User-ID") // however your app identifies the signed-in user
		d, err := c.CallCenter.LookupExtension(r.Context(), omicall.LookupByUserUUID, userID)
		if errors.Is(err, omicall.ErrNotFound) {
			http.Error(w, "no extension for this user", http.StatusNotFound)
			return
		} else if err != nil {
			http.Error(w, "call center unavailable", http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_ = json.NewEncoder(w).Encode(d.SIPCredentials())
	}
	http.HandleFunc("/sip-credentials", sipCredentials)
}

func Example_listAgents() {
	ctx, c := readmeClient()
	run := func() error {
		for a, err := range c.Agents.All(ctx, &omicall.ListOptions{Keyword: "nguyen"}) {
			if err != nil {
				return err
			}
			fmt.Println(a.FullName, a.Email, a.PhoneNumber, a.IsActive)
		}
		err := c.Agents.Delete(ctx, "dung.pham@example.com")
		return err
	}
	_ = run()
}

func Example_callCenter() {
	ctx, c := readmeClient()
	run := func() error {
		for ext, err := range c.CallCenter.AllExtensions(ctx, nil) {
			if err != nil {
				return err
			}
			fmt.Println(ext.SIPUser, ext.FullName, ext.PublicNumber)
		}
		err := c.CallCenter.SetExtensionEnabled(ctx, "103", false) // click-to-call then fails with ErrUserNotRegistered

		hotlines, err := c.CallCenter.ListExtensionHotlines(ctx, "103")
		err = c.CallCenter.AssignHotline(ctx, &omicall.AssignHotlineRequest{
			Hotline: hotlines[0], UserEmail: "dung.pham@example.com",
			Directions: []omicall.Direction{omicall.DirectionOutbound, omicall.DirectionInbound},
		})

		g, err := c.CallCenter.CreateGroup(ctx, &omicall.InternalGroupRequest{
			GroupName: "Sales", Strategy: omicall.StrategyRollover, SIPMembers: []string{"101", "103"}, Timeout: 30,
		})
		err = c.CallCenter.AddGroupMembers(ctx, g.ID, "104")

		f, _ := os.Open("welcome.mp3")
		defer f.Close()
		welcome, err := c.CallCenter.UploadGreeting(ctx, "Welcome", "welcome.mp3", f) // sent once, never retried
		wrongKey, err := c.CallCenter.CreateGreeting(ctx, &omicall.CreateGreetingRequest{
			Name: "Wrong key", Text: "Xin vui lòng chọn lại", Voice: omicall.VoiceBanMai,
		})
		_, err = c.CallCenter.CreateIVRScript(ctx, &omicall.IVRScriptRequest{
			ScriptName: "Main menu", GreetingID: welcome.ID, InvalidSoundID: wrongKey.ID, MaxFailure: 2, TimeOut: 5,
			Scripts: []omicall.IVRKey{{IVR: "1", ActionType: omicall.ActionRingGroup, Action: g.ID}},
		})
		return err
	}
	_ = run()
}

func Example_receivingCallEvents() {
	h := omicall.NewWebhookHandler(func(ctx context.Context, ev *omicall.CallEvent) error {
		switch ev.State {
		case omicall.StateRinging, omicall.StateAnswered, omicall.StateHangup:
			log.Printf("%s call=%s %s -> %s at %s", ev.State, ev.CallID, ev.From, ev.To, ev.Time)
		case omicall.StateCDR: // the finished call: the same Transaction as the call history
			log.Printf("call %s ended: %ds billed, recording %s", ev.CallID, ev.CDR.BillSec, ev.CDR.RecordingFileURL)
		default: // a state this SDK does not know yet: ev.Raw has the whole body
		}
		return nil // an error answers 500 and OMICall delivers the event again
	},
		omicall.WithWebhookSecret(os.Getenv("OMICALL_WEBHOOK_SECRET")), // ?secret=... in the registered URL
		omicall.WithDedup(10*time.Minute),                              // redeliveries reach the callback once
		omicall.WithWebhookLogger(slog.Default()),
	)
	mux := http.NewServeMux()
	mux.Handle("/omicall/events", h)
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 15 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

func Example_registerWebhook() {
	ctx, c := readmeClient()
	hooks, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{
		Type: omicall.WebhookTypeCall,
		URL:  "https://crm.example.com/omicall/events?secret=" + os.Getenv("OMICALL_WEBHOOK_SECRET"),
		// Events: nil (null) = every event
	})
	list, err := c.Webhooks.List(ctx)
	err = c.Webhooks.Delete(ctx, omicall.WebhookTypeCall)
	_, _, _ = hooks, list, err
}

func Example_contacts() {
	ctx, c := readmeClient()
	run := func() error {
		_, err := c.Contacts.Create(ctx, &omicall.CreateContactRequest{
			FullName: "Trần Văn An",
			RefID:    "crm-42", // your own id; find the contact by it later
			Birthday: "31/12/1990",
			Phones:   []omicall.ContactPoint{{Data: "0901234567"}}, // kind defaults to personal
			Emails:   []omicall.ContactPoint{{Data: "an@example.vn", Type: omicall.ContactPointOffice}},
		})
		if errors.Is(err, omicall.ErrNotApplied) {
			// OMICall answered success with payload false
		}
		ct, err := c.Contacts.Lookup(ctx, omicall.ContactByRefID, "crm-42") // or ContactByPhone, ContactByEmail, ContactByRefCode
		if err != nil {
			return err
		}
		fmt.Println(ct.PublicID, ct.FullName(), ct.Phones(), ct.Emails())
		err = c.Contacts.Update(ctx, &omicall.UpdateContactRequest{RefID: "crm-42", Note: "VIP"})
		n, err := c.Contacts.CreateNotes(ctx, []omicall.ContactNote{{Content: "Gọi lại", Phone: "0901234567"}})
		err = c.Contacts.Delete(ctx, ct.PublicID)
		for ct, err := range c.Contacts.All(ctx, &omicall.ContactListOptions{Keyword: "090"}) {
			if err != nil {
				return err
			}
			fmt.Println(ct.FullName())
		}
		_ = n
		return err
	}
	_ = run()
}

func Example_tickets() {
	ctx, c := readmeClient()
	run := func() error {
		cats, err := c.Tickets.ListCategories(ctx)
		if err != nil {
			return err
		}
		t, err := c.Tickets.Create(ctx, &omicall.CreateTicketRequest{
			Name: "Mất kết nối", Description: "Khách không gọi được",
			Priority: omicall.TicketPriorityHigh, Assignee: "agent1@example.vn",
			TicketCategoryID: cats[0].ID, TypeUUID: cats[0].Types[0].UUID,
		})
		if err != nil {
			return err
		}
		fmt.Println(t.UniqueID, cats[0].TicketStatusSet.StatusName(int(t.CurrentStatus)))
		for t, err := range c.Tickets.All(ctx, &omicall.ListOptions{Keyword: "agent1@example.vn"}) {
			if err != nil {
				return err
			}
			fmt.Println(t.UniqueID, t.Name)
		}
		return nil
	}
	_ = run()
}

func Example_speech() {
	ctx, c := readmeClient()
	res, err := c.Speech.TextToSpeech(ctx, &omicall.TTSRequest{Text: "Xin chào quý khách", Speed: 1.1,
		SpeakerID: omicall.SpeakerSouthernFemaleHongAnh})
	if err != nil {
		log.Fatal(err)
	}
	wav, err := c.Speech.Audio(ctx, res.URL) // WAV bytes
	fmt.Println(res.Duration(), res.SampleRate, len(wav))
	err = c.Speech.RegisterASRWebhook(ctx, "https://crm.example.com/asr") // transcripts are delivered there
	f, _ := os.Open("call.wav")
	err = c.Speech.UploadASR(ctx, "call-42", f) // multipart "audio" + "id"
}

func Example_partner() {
	ctx := context.Background()
	partnerToken := os.Getenv("OMICALL_PARTNER_TOKEN")
	run := func() error {
		p, err := omicall.NewPartnerClient(partnerToken)
		if err != nil {
			return err
		}
		tenant, err := p.Tenants.Create(ctx, &omicall.CreateTenantRequest{Email: "owner@shop.vn", Password: "Passw0rd!", FullName: "Shop Hoa", IsAutoActive: true})
		if errors.Is(err, omicall.ErrEmailRegistered) {
			// the email already has a tenant
		}
		if err != nil {
			return err
		}
		info, err := p.Tenants.Get(ctx, tenant.ID)
		err = p.Packages.Upgrade(ctx, &omicall.UpgradePackageRequest{Email: "owner@shop.vn", CodeName: "omi_start", MonthNum: 6})
		for n, err := range p.Numbers.All(ctx, nil) {
			if err != nil {
				return err
			}
			fmt.Println(n.Number, n.MaintainingPrices)
		}
		_ = info
		return err
	}
	_ = run()
}

func Example_callHistory() {
	ctx, c := readmeClient()
	run := func() error {
		to := time.Now()
		opts := &omicall.TransactionListOptions{From: to.AddDate(-1, 0, 0), To: to}
		for tx, err := range c.Transactions.All(ctx, opts) {
			if err != nil {
				return err // yielded once; the walk is over
			}
			fmt.Println(tx.CreatedDate.Format(time.DateTime), tx.Direction, tx.Disposition,
				tx.SourceNumber, "->", tx.DestinationNumber, tx.BillSec, "s")
		}

		page, err := c.Transactions.List(ctx, &omicall.TransactionListOptions{
			From: to.AddDate(0, 0, -7), To: to, Size: 100,
			Directions:  []omicall.Direction{omicall.DirectionInbound},
			Disposition: omicall.DispositionAnswered,
			SIPNumbers:  []string{"842899990001"},
		})
		if errors.Is(err, omicall.ErrRateLimited) {
			return err // limit_request_30_minute: try again in 30 minutes, resume where you stopped
		}
		_ = page

		id := "2159f8d9-5a6e-440f-8995-8d0f55c1d2e1"
		tx, err := c.Transactions.Get(ctx, id) // errors.Is(err, omicall.ErrNotFound) for an unknown id
		if err != nil {
			return err
		}
		_, err = c.Transactions.Update(ctx, tx.TransactionID, &omicall.UpdateTransactionRequest{
			Note: "Customer asked for a call back", Tags: []string{"callback"},
		})
		crit, err := c.Transactions.ListEvaluationCriteria(ctx)
		if err != nil {
			return err
		}
		_, err = c.Transactions.Evaluate(ctx, tx.TransactionID, &omicall.EvaluateRequest{
			UserUUID: "101", Evaluation: map[string]any{crit[0].ID: 9}, // format undocumented: sent as is
		})
		rep, err := c.Transactions.Report(ctx, &omicall.ReportOptions{From: to.AddDate(0, -1, 0), To: to})
		found, err := c.Transactions.SearchLegacy(ctx, &omicall.LegacySearchRequest{ // x-api-key, not the token
			UserUUIDs: []string{"0123456789"}, From: to.AddDate(0, 0, -30), To: to, Size: 50,
		})
		_, _ = rep, found
		return err
	}
	_ = run()
}

func Example_placingCalls() {
	ctx, c := readmeClient()
	id, err := c.Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{
		Extension: "101", Hotline: "842899990001", PhoneNumber: "0979816773",
	}) // id = the call's transaction id; errors.Is(err, omicall.ErrUserNotRegistered) if the agent is offline

	res, err := c.Calls.AutoCallByPhone(ctx, &omicall.AutoCallByPhoneRequest{
		Name:            "Order reminder",
		PhoneNumberList: []string{"0900000001", "0900000002"},
		TemplateDialplans: []omicall.DialplanStep{
			{TargetType: omicall.TargetTextVariable}, // speaks Variables[0]
			{TargetType: omicall.TargetRecording, Target: "5ed0c6dffb7b390007e5211"},
		},
		Variables: []string{"Đơn hàng của bạn đã sẵn sàng"},
		Voice:     omicall.VoiceBanMai,
	}) // never retried; ErrServiceLimit, ErrTTSWordLimit, ErrInsufficientBalance
	_, _, _ = id, res, err
}

// TestReadmeSimulatorSnippet is the README's "Testing your code with the
// simulator" snippet, run as a test.
func TestReadmeSimulatorSnippet(t *testing.T) {
	ctx := context.Background()
	c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(1000, 60*24*time.Hour, time.Time{}))

	n := 0
	for _, err := range c.Transactions.All(ctx, &omicall.TransactionListOptions{
		From: time.Now().AddDate(0, 0, -61), To: time.Now(),
	}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	srv.InjectFault(omicalltest.Fault{Route: "GET /api/tenant/detail", Status: 503}) // one failure, then fine
	if _, err := c.Tenant.Get(ctx); err != nil {
		t.Fatal(err) // the client retried
	}
	if got := srv.Requests("GET /api/auth"); got != 1 {
		t.Errorf("%d token requests, want 1", got)
	}
	if n != 1000 {
		t.Errorf("walked %d calls, want 1000", n)
	}
}
