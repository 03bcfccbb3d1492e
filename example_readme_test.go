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
	"time"

	"github.com/omicall-go/omicall"
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
		for a, err := range c.Agents.All(ctx, &omicall.AgentListOptions{Keyword: "nguyen"}) {
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

		hotlines, err := c.CallCenter.Hotlines(ctx, "103")
		err = c.CallCenter.AssignHotline(ctx, &omicall.HotlineAssignment{
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
		wrongKey, err := c.CallCenter.CreateTTSGreeting(ctx, &omicall.TTSGreetingRequest{
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
	hooks, err := c.Webhooks.Register(ctx, omicall.WebhookRegistration{
		Type: omicall.WebhookTypeCall,
		URL:  "https://crm.example.com/omicall/events?secret=" + os.Getenv("OMICALL_WEBHOOK_SECRET"),
		// Events: nil (null) = every event
	})
	list, err := c.Webhooks.List(ctx)
	err = c.Webhooks.Destroy(ctx, omicall.WebhookTypeCall)
	_, _, _ = hooks, list, err
}
