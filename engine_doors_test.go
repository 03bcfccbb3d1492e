package omicall

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// door is one public method that sends a request, called with valid input.
// It returns how many items it got back (0 for a method that returns no
// list) and its error.
type door struct {
	name string // Service.Method, as reflection names it (TestDoorsCoverEveryMethod checks the list is complete)
	call func(ctx context.Context, c *Client, p *PartnerClient, base string) (int, error)
}

// page counts the items of a page.
func page[T any](p *Page[T], err error) (int, error) {
	if p == nil {
		return 0, err
	}
	return len(p.Items), err
}

// list counts the items of a slice.
func list[T any](s []T, err error) (int, error) { return len(s), err }

// one is a method that returns one value.
func one[T any](_ T, err error) (int, error) { return 0, err }

// none is a method that returns only an error.
func none(err error) (int, error) { return 0, err }

// walk counts what a sequence yields, up to 2,000 items, and returns its
// first error.
func walk[T any](seq iter.Seq2[T, error]) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		if n++; n >= 2000 {
			break
		}
	}
	return n, nil
}

// week is a valid range of the history searches.
func week() (time.Time, time.Time) { return time.Now().AddDate(0, 0, -7), time.Now() }

// doors lists every public method that sends a request.
var doors = []door{
	{"Client.Token", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Token(ctx))
	}},
	{"Client.Do", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		var out Page[Transaction]
		return len(out.Items), c.Do(ctx, "POST", "/api/v3/call-transaction/search", nil, map[string]any{"filter": map[string]any{}}, &out,
			WithHeader("X-Tenant-Secret", doorHeaderSecret))
	}},
	{"Tenant.Get", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Tenant.Get(ctx))
	}},

	{"Agents.List", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.Agents.List(ctx, &ListOptions{Size: 10}))
	}},
	{"Agents.All", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.Agents.All(ctx, &ListOptions{Size: 10}))
	}},
	{"Agents.Invite", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Agents.Invite(ctx, &InviteAgentRequest{FullName: "E P", Email: "ep@example.com", Password: "Str0ng!Passw0rd", UUID: "ep-1"}))
	}},
	{"Agents.Delete", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Agents.Delete(ctx, "ep@example.com"))
	}},
	{"Agents.Lookup", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Agents.Lookup(ctx, AgentByEmail, "an@example.com"))
	}},

	{"CallCenter.ListExtensions", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.CallCenter.ListExtensions(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.AllExtensions", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.CallCenter.AllExtensions(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.LookupExtension", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.LookupExtension(ctx, LookupByEmail, "ep@example.com"))
	}},
	{"CallCenter.SetExtensionEnabled", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.SetExtensionEnabled(ctx, "101", true))
	}},
	{"CallCenter.UpdateExtension", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.UpdateExtension(ctx, &UpdateExtensionRequest{SIPUser: "101", CallTimeout: 30}))
	}},
	{"CallCenter.ListExtensionHotlines", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.CallCenter.ListExtensionHotlines(ctx, "101"))
	}},
	{"CallCenter.ListHotlines", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.CallCenter.ListHotlines(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.AllHotlines", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.CallCenter.AllHotlines(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.AssignHotline", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.AssignHotline(ctx, &AssignHotlineRequest{Hotline: "842899990001", UserEmail: "ep@example.com", Directions: []Direction{DirectionOutbound}}))
	}},
	{"CallCenter.ListGroups", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.CallCenter.ListGroups(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.AllGroups", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.CallCenter.AllGroups(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.CreateGroup", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.CreateGroup(ctx, doorGroup()))
	}},
	{"CallCenter.UpdateGroup", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.UpdateGroup(ctx, "g-1", doorGroup()))
	}},
	{"CallCenter.AddGroupMembers", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.AddGroupMembers(ctx, "g-1", "101"))
	}},
	{"CallCenter.RemoveGroupMembers", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.RemoveGroupMembers(ctx, "g-1", "101"))
	}},
	{"CallCenter.DeleteGroup", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.DeleteGroup(ctx, "g-1"))
	}},
	{"CallCenter.ListIVRScripts", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.CallCenter.ListIVRScripts(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.AllIVRScripts", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.CallCenter.AllIVRScripts(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.CreateIVRScript", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.CreateIVRScript(ctx, doorIVR()))
	}},
	{"CallCenter.UpdateIVRScript", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.UpdateIVRScript(ctx, "ivr-1", doorIVR()))
	}},
	{"CallCenter.DeleteIVRScript", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.DeleteIVRScript(ctx, "ivr-1"))
	}},
	{"CallCenter.ListGreetings", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.CallCenter.ListGreetings(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.AllGreetings", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.CallCenter.AllGreetings(ctx, &ListOptions{Size: 10}))
	}},
	{"CallCenter.CreateGreeting", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.CreateGreeting(ctx, &CreateGreetingRequest{Name: "EP TTS", Text: "Xin chào", Voice: VoiceBanMai}))
	}},
	{"CallCenter.UploadGreeting", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.CallCenter.UploadGreeting(ctx, "EP", "ep.mp3", bytes.NewReader([]byte("ID3\x03\x00fake mp3"))))
	}},
	{"CallCenter.DeleteGreeting", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.CallCenter.DeleteGreeting(ctx, "gr-1"))
	}},

	{"Transactions.List", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return page(c.Transactions.List(ctx, &TransactionListOptions{From: from, To: to, Size: 10}))
	}},
	{"Transactions.All", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return walk(c.Transactions.All(ctx, &TransactionListOptions{From: from, To: to, Size: 10}))
	}},
	{"Transactions.Search", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return page(c.Transactions.Search(ctx, &SearchRequest{From: from, To: to, Size: 10}))
	}},
	{"Transactions.SearchAll", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return walk(c.Transactions.SearchAll(ctx, &SearchRequest{From: from, To: to, Size: 10}))
	}},
	{"Transactions.SearchLegacy", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return page(c.Transactions.SearchLegacy(ctx, &LegacySearchRequest{UserUUIDs: []string{"crm-user-1"}, From: from, To: to, Size: 10}))
	}},
	{"Transactions.Get", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Transactions.Get(ctx, "tx-1"))
	}},
	{"Transactions.GetFull", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Transactions.GetFull(ctx, "tx-1"))
	}},
	{"Transactions.Update", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Transactions.Update(ctx, "tx-1", &UpdateTransactionRequest{Note: "n", Tags: []string{"t"}}))
	}},
	{"Transactions.Report", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return one(c.Transactions.Report(ctx, &ReportOptions{From: from, To: to}))
	}},
	{"Transactions.ReportByTime", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		from, to := week()
		return one(c.Transactions.ReportByTime(ctx, from, to))
	}},
	{"Transactions.ListEvaluationCriteria", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.Transactions.ListEvaluationCriteria(ctx))
	}},
	{"Transactions.ListScoringCriteria", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.Transactions.ListScoringCriteria(ctx))
	}},
	{"Transactions.Evaluate", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Transactions.Evaluate(ctx, "tx-1", &EvaluateRequest{UserUUID: "101", Evaluation: map[string]any{"score": 9}}))
	}},
	{"Transactions.Score", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Transactions.Score(ctx, &ScoreRequest{TransactionID: "tx-1", AgentID: "a-1", Values: []EvaluationScore{{CriteriaID: "c-1", Point: 8}}}))
	}},
	{"Transactions.ListAnalyses", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.Transactions.ListAnalyses(ctx, "tx-1"))
	}},
	{"Transactions.GetAnalysis", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Transactions.GetAnalysis(ctx, "tx-1"))
	}},

	{"Webhooks.List", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.Webhooks.List(ctx))
	}},
	{"Webhooks.Register", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Webhooks.Register(ctx, &RegisterWebhookRequest{Type: WebhookTypeCall, URL: "https://crm.example.com/hooks"}))
	}},
	{"Webhooks.Delete", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Webhooks.Delete(ctx, WebhookTypeCall))
	}},

	{"Contacts.List", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.Contacts.List(ctx, &ContactListOptions{Size: 10}))
	}},
	{"Contacts.All", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.Contacts.All(ctx, &ContactListOptions{Size: 10}))
	}},
	{"Contacts.Create", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Contacts.Create(ctx, &CreateContactRequest{FullName: "A", RefID: "e1", Phones: []ContactPoint{{Data: "0900000001"}}}))
	}},
	{"Contacts.CreateMany", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Contacts.CreateMany(ctx, []CreateContactRequest{{FullName: "B"}}))
	}},
	{"Contacts.Update", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Contacts.Update(ctx, &UpdateContactRequest{RefID: "e1", Note: "n"}))
	}},
	{"Contacts.Delete", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Contacts.Delete(ctx, "ct-1"))
	}},
	{"Contacts.CreateNotes", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Contacts.CreateNotes(ctx, []ContactNote{{Content: "c", Phone: "0900000001"}}))
	}},
	{"Contacts.Lookup", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Contacts.Lookup(ctx, ContactByRefID, "e1"))
	}},
	{"Contacts.Get", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Contacts.Get(ctx, "ct-1"))
	}},

	{"Calls.ClickToCall", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Calls.ClickToCall(ctx, &ClickToCallRequest{Extension: "100", Hotline: "842899990001", PhoneNumber: "0900000001"}))
	}},
	{"Calls.AutoCallByPhone", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Calls.AutoCallByPhone(ctx, &AutoCallByPhoneRequest{PhoneNumberList: []string{"0900000001"},
			TemplateDialplans: []DialplanStep{{TargetType: TargetTextVariable}}, Variables: []string{"Xin chào"}}))
	}},
	{"Calls.AutoCallByExtension", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Calls.AutoCallByExtension(ctx, &AutoCallByExtensionRequest{CID: "842899990001", Extensions: []string{"100"},
			TemplateDialplans: []DialplanStep{{TargetType: TargetTextVariable}}, Variables: []string{"Xin chào"}}))
	}},
	{"Calls.CallBotByPhone", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Calls.CallBotByPhone(ctx, &CallBotRequest{PhoneNumbers: []string{"0900000001"}, BotScriptID: "bot-remind-1"}))
	}},
	{"Calls.ListCallBotScripts", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.Calls.ListCallBotScripts(ctx))
	}},

	{"Tickets.List", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return page(c.Tickets.List(ctx, &ListOptions{Size: 10}))
	}},
	{"Tickets.All", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return walk(c.Tickets.All(ctx, &ListOptions{Size: 10}))
	}},
	{"Tickets.Create", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Tickets.Create(ctx, &CreateTicketRequest{Name: "n", Description: "d", Priority: TicketPriorityLow, Assignee: "a@b.c"}))
	}},
	{"Tickets.UpdateStatus", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Tickets.UpdateStatus(ctx, "1"))
	}},
	{"Tickets.ListCategories", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return list(c.Tickets.ListCategories(ctx))
	}},

	{"Speech.TextToSpeech", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return one(c.Speech.TextToSpeech(ctx, &TTSRequest{Text: "a"}))
	}},
	{"Speech.Audio", func(ctx context.Context, c *Client, _ *PartnerClient, base string) (int, error) {
		return one(c.Speech.Audio(ctx, base+"/audio/a.wav"))
	}},
	{"Speech.RegisterASRWebhook", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Speech.RegisterASRWebhook(ctx, "https://crm.example.com/asr"))
	}},
	{"Speech.UploadASR", func(ctx context.Context, c *Client, _ *PartnerClient, _ string) (int, error) {
		return none(c.Speech.UploadASR(ctx, "id", bytes.NewReader([]byte("RIFF\x00\x00\x00\x00WAVE"))))
	}},

	{"Account.Get", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return one(p.Account.Get(ctx))
	}},
	{"Tenants.List", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return page(p.Tenants.List(ctx, &ListOptions{Size: 10}))
	}},
	{"Tenants.All", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return walk(p.Tenants.All(ctx, &ListOptions{Size: 10}))
	}},
	{"Tenants.Get", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return one(p.Tenants.Get(ctx, "t-1"))
	}},
	{"Tenants.Create", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return one(p.Tenants.Create(ctx, &CreateTenantRequest{Email: "o@s.vn", Password: "Passw0rd!", FullName: "S"}))
	}},
	{"Tenants.TopUp", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return none(p.Tenants.TopUp(ctx, &TopUpRequest{Email: "o@s.vn", Amount: 10000, Description: "top up of the month, fifty characters or more ok"}))
	}},
	{"Numbers.List", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return page(p.Numbers.List(ctx, &ListOptions{Size: 10}))
	}},
	{"Numbers.All", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return walk(p.Numbers.All(ctx, &ListOptions{Size: 10}))
	}},
	{"Numbers.Buy", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return none(p.Numbers.Buy(ctx, &BuyNumberRequest{Email: "o@s.vn", Number: "842899990009", NumberCount: 6}))
	}},
	{"Packages.List", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return list(p.Packages.List(ctx))
	}},
	{"Packages.Extend", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return none(p.Packages.Extend(ctx, &ExtendPackageRequest{Email: "o@s.vn", MonthNum: 6}))
	}},
	{"Packages.Upgrade", func(ctx context.Context, _ *Client, p *PartnerClient, _ string) (int, error) {
		return none(p.Packages.Upgrade(ctx, &UpgradePackageRequest{Email: "o@s.vn", CodeName: "omi_start", MonthNum: 6}))
	}},
}

func doorGroup() *InternalGroupRequest {
	return &InternalGroupRequest{GroupName: "EP", Strategy: StrategyRollover, SIPMembers: []string{"100"}, Timeout: 30}
}

func doorIVR() *IVRScriptRequest {
	return &IVRScriptRequest{ScriptName: "EP menu", GreetingID: "gr-1", MaxFailure: 2, TimeOut: 5,
		Scripts: []IVRKey{{IVR: "1", ActionType: ActionRingGroup, Action: "g-1"}}}
}

// deprecatedMethods returns Type.Method of every method deprecated.go
// declares (the aliases kept for one minor release, which reach the same
// engine calls as the names they alias).
func deprecatedMethods(t *testing.T) map[string]bool {
	f, err := parser.ParseFile(token.NewFileSet(), "deprecated.go", nil, parser.ParseComments)
	require.NoError(t, err)
	out := map[string]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Doc == nil || !strings.Contains(fd.Doc.Text(), "Deprecated:") {
			continue
		}
		recv := fd.Recv.List[0].Type
		if st, ok := recv.(*ast.StarExpr); ok {
			recv = st.X
		}
		out[recv.(*ast.Ident).Name+"."+fd.Name.Name] = true
	}
	return out
}

// TestDoorsCoverEveryMethod: every exported method of every service of
// Client and PartnerClient, and of Client itself, that is not a deprecated
// alias, has its door; every door names such a method. A new method
// fails this test until it joins doors (and so the lying servers).
func TestDoorsCoverEveryMethod(t *testing.T) {
	deprecated := deprecatedMethods(t)
	noRequest := map[string]bool{"Client.Format": true}
	want := map[string]bool{}
	add := func(field string, typ reflect.Type) {
		for i := range typ.NumMethod() {
			m := typ.Method(i)
			name := field + "." + m.Name
			if !deprecated[typ.Elem().Name()+"."+m.Name] && !noRequest[name] {
				want[name] = true
			}
		}
	}
	for _, v := range []any{&Client{}, &PartnerClient{}} {
		rt := reflect.TypeOf(v).Elem()
		for i := range rt.NumField() {
			if f := rt.Field(i); f.IsExported() && f.Type.Kind() == reflect.Pointer {
				add(f.Name, f.Type)
			}
		}
	}
	add("Client", reflect.TypeOf(&Client{}))
	add("PartnerClient", reflect.TypeOf(&PartnerClient{}))
	have := map[string]bool{}
	for _, d := range doors {
		assert.True(t, want[d.name], "door %s names no current method", d.name)
		assert.False(t, have[d.name], "door %s twice", d.name)
		have[d.name] = true
	}
	for name := range want {
		assert.True(t, have[name], "%s sends requests but has no door", name)
	}
	assert.GreaterOrEqual(t, len(doors), 80)
}

// TestDoorsReachEveryEndpoint: together the doors send a request to every
// endpoint of testdata/endpoints.txt, so a new endpoint joins the lying
// servers' test with its method.
func TestDoorsReachEveryEndpoint(t *testing.T) {
	routes := map[string]bool{}
	for _, d := range doors {
		ls := newLyingServer(t, "more")
		var obs []string
		var mu sync.Mutex
		c, p := doorClients(t, ls, 2*time.Second, io.Discard, &obs, &mu)
		_, err := d.call(ctxT(t), c, p, ls.srv.URL)
		assert.NotErrorIs(t, err, ErrValidation, "%s: the door's input must be valid, so that it reaches the server", d.name)
		_, rs, _, _ := ls.seen()
		assert.NotEmpty(t, rs, "%s sent nothing", d.name)
		for _, r := range rs {
			routes[r] = true
		}
	}
	for _, ep := range readEndpoints(t) {
		method, path, _ := strings.Cut(ep, " ")
		if i := strings.Index(path, "://"); i >= 0 { // an AI host: its path
			path = path[i+3:]
			path = path[strings.IndexByte(path, '/'):]
		}
		re := regexp.MustCompile("^" + method + " " + regexp.MustCompile(`:[a-z_]+`).ReplaceAllString(regexp.QuoteMeta(path), `[^/]+`) + "$")
		found := false
		for r := range routes {
			found = found || re.MatchString(r)
		}
		assert.True(t, found, "no door reaches %s", ep)
	}
}

// readEndpoints returns the METHOD path lines of testdata/endpoints.txt.
func readEndpoints(t *testing.T) []string {
	b, err := os.ReadFile(filepath.Join("testdata", "endpoints.txt"))
	require.NoError(t, err)
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	require.NotEmpty(t, out)
	return out
}
