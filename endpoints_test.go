package omicall_test

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// endpointCall is one documented endpoint with the SDK call that implements
// it.
type endpointCall struct {
	route string // METHOD path as documented
	call  func(t *testing.T, c *omicall.Client, p *omicall.PartnerClient)
}

// coreEndpoints are the documented auth, tenant, agent, call-center, call
// history, call and webhook endpoints (crmEndpoints has the rest).
var coreEndpoints = []endpointCall{
	{"GET /api/auth", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Token(ctxT(t))
		require.NoError(t, err)
	}},
	{"GET /api/tenant/detail", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Tenant.Get(ctxT(t))
		require.NoError(t, err)
	}},
	{"GET /api/agent/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Agents.List(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"POST /api/agent/invite", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Agents.Invite(ctxT(t), &omicall.InviteAgentRequest{FullName: "E P", Email: "ep@example.com", Password: "Str0ng!Passw0rd", UUID: "ep-1"})
		require.NoError(t, err)
	}},
	{"GET /api/call_center/extensions/detail", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.LookupExtension(ctxT(t), omicall.LookupByEmail, "ep@example.com")
		require.NoError(t, err)
	}},
	{"GET /api/call_center/internal_phone/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.ListExtensions(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"PUT /api/call_center/internal_phone/status", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.SetExtensionEnabled(ctxT(t), "101", true))
	}},
	{"GET /api/call_center/hotline/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.ListExtensionHotlines(ctxT(t), "101")
		require.NoError(t, err)
	}},
	{"POST /api/call_center/hotline/extension/update", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		hs, err := c.CallCenter.ListExtensionHotlines(ctxT(t), "101")
		require.NoError(t, err)
		require.NoError(t, c.CallCenter.AssignHotline(ctxT(t), &omicall.AssignHotlineRequest{Hotline: hs[0], UserEmail: "ep@example.com", Directions: []omicall.Direction{omicall.DirectionOutbound}}))
	}},
	{"GET /api/call_center/internal_group/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.ListGroups(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"POST /api/call_center/internal_group/add", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.CreateGroup(ctxT(t), &omicall.InternalGroupRequest{GroupName: "EP", Strategy: omicall.StrategyRollover, SIPMembers: []string{"100"}, Timeout: 30})
		require.NoError(t, err)
	}},
	{"POST /api/call_center/internal_group/update/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		g := groupNamed(t, c, "EP")
		_, err := c.CallCenter.UpdateGroup(ctxT(t), g.ID, &omicall.InternalGroupRequest{GroupName: "EP", Strategy: omicall.StrategyRandom, SIPMembers: []string{"100"}, Timeout: 20})
		require.NoError(t, err)
	}},
	{"POST /api/call_center/internal_group/add-members", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.AddGroupMembers(ctxT(t), groupNamed(t, c, "EP").ID, "101"))
	}},
	{"POST /api/call_center/internal_group/remove-members", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.RemoveGroupMembers(ctxT(t), groupNamed(t, c, "EP").ID, "101"))
	}},
	{"DELETE /api/call_center/internal_group/delete/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.DeleteGroup(ctxT(t), groupNamed(t, c, "EP").ID))
	}},
	{"GET /api/call_center/greeting/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.ListGreetings(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"POST /api/call_center/greeting/upload", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.UploadGreeting(ctxT(t), "EP", "ep.mp3", bytes.NewReader([]byte("ID3\x03\x00fake mp3")))
		require.NoError(t, err)
	}},
	{"POST /api/call_center/greeting/upload-text-to-speech", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.CreateGreeting(ctxT(t), &omicall.CreateGreetingRequest{Name: "EP TTS", Text: "Xin chào", Voice: omicall.VoiceBanMai})
		require.NoError(t, err)
	}},
	{"GET /api/call_center/key-interaction/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.ListIVRScripts(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"POST /api/call_center/key-interaction/add", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.CreateIVRScript(ctxT(t), &omicall.IVRScriptRequest{ScriptName: "EP menu", GreetingID: greetingNamed(t, c, "EP TTS").ID, MaxFailure: 2, TimeOut: 5,
			Scripts: []omicall.IVRKey{{IVR: "1", ActionType: omicall.ActionRingGroup, Action: firstGroup(t, c).ID}}})
		require.NoError(t, err)
	}},
	{"POST /api/call_center/key-interaction/update/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.CallCenter.UpdateIVRScript(ctxT(t), ivrNamed(t, c, "EP menu").ID, &omicall.IVRScriptRequest{ScriptName: "EP menu", GreetingID: greetingNamed(t, c, "EP TTS").ID, MaxFailure: 3, TimeOut: 5,
			Scripts: []omicall.IVRKey{{IVR: "1", ActionType: omicall.ActionRingGroup, Action: firstGroup(t, c).ID}}})
		require.NoError(t, err)
	}},
	{"DELETE /api/call_center/key-interaction/delete/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.DeleteIVRScript(ctxT(t), ivrNamed(t, c, "EP menu").ID))
	}},
	{"DELETE /api/call_center/greeting/delete/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.CallCenter.DeleteGreeting(ctxT(t), greetingNamed(t, c, "EP").ID))
	}},
	{"DELETE /api/agent/delete", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.Agents.Delete(ctxT(t), "ep@example.com"))
	}},
	{"GET /api/call_transaction/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.List(ctxT(t), &omicall.TransactionListOptions{From: time.Now().AddDate(0, 0, -7), To: time.Now()})
		require.NoError(t, err)
	}},
	{"GET /api/call_transaction/detail/:transaction_id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.Get(ctxT(t), lastCall(t, c).TransactionID)
		require.NoError(t, err)
	}},
	{"POST /api/call_transaction/change/:transaction_id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.Update(ctxT(t), lastCall(t, c).TransactionID, &omicall.UpdateTransactionRequest{Note: "n", Tags: []string{"t"}})
		require.NoError(t, err)
	}},
	{"GET /api/call_transaction/report", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.Report(ctxT(t), &omicall.ReportOptions{From: time.Now().AddDate(0, 0, -7), To: time.Now()})
		require.NoError(t, err)
	}},
	{"GET /api/evaluation_criteria/call/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.ListEvaluationCriteria(ctxT(t))
		require.NoError(t, err)
	}},
	{"POST /api/call_transaction/search", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.SearchLegacy(ctxT(t), &omicall.LegacySearchRequest{UserUUIDs: []string{"crm-user-1"}, From: time.Now().AddDate(0, 0, -7), To: time.Now()})
		require.NoError(t, err)
	}},
	{"POST /api/call_transaction/add_evaluation/:transaction_id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Transactions.Evaluate(ctxT(t), lastCall(t, c).TransactionID, &omicall.EvaluateRequest{UserUUID: "101", Evaluation: map[string]any{"score": 9}})
		require.NoError(t, err)
	}},
	{"POST /api/auto_call/execute_by_phone", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Calls.AutoCallByPhone(ctxT(t), &omicall.AutoCallByPhoneRequest{PhoneNumberList: []string{"0900000001"},
			TemplateDialplans: []omicall.DialplanStep{{TargetType: omicall.TargetTextVariable}}, Variables: []string{"Xin chào"}})
		require.NoError(t, err)
	}},
	{"POST /api/auto_call/execute_by_extension", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Calls.AutoCallByExtension(ctxT(t), &omicall.AutoCallByExtensionRequest{CID: "842899990001", Extensions: []string{"100"},
			TemplateDialplans: []omicall.DialplanStep{{TargetType: omicall.TargetTextVariable}}, Variables: []string{"Xin chào"}})
		require.NoError(t, err)
	}},
	{"POST /api/click2call", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Calls.ClickToCall(ctxT(t), &omicall.ClickToCallRequest{Extension: "100", Hotline: "842899990001", PhoneNumber: "0900000001"})
		require.NoError(t, err)
	}},
	{"POST /api/webhooks/register", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Webhooks.Register(ctxT(t), &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: "https://crm.example.com/hooks"})
		require.NoError(t, err)
	}},
	{"GET /api/webhooks/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Webhooks.List(ctxT(t))
		require.NoError(t, err)
	}},
	{"POST /api/webhooks/destroy", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.Webhooks.Delete(ctxT(t), omicall.WebhookTypeCall))
	}},
}

// TestEveryDocumentedEndpointIsImplemented calls, on the simulator, the SDK
// method of every endpoint in testdata/endpoints.txt (the documentation's
// endpoint index, then the endpoints in use that it leaves out) and checks
// that the call reached that endpoint. The counts come from the file: each
// of its blocks has exactly one SDK call per line (coreEndpoints and
// crmEndpoints for the first, endpointsInUse for the second), so an
// endpoint with no call fails the test, and so does a call for an endpoint
// the file does not have, or a line written twice.
func TestEveryDocumentedEndpointIsImplemented(t *testing.T) {
	blocks := readEndpointIndex(t)
	require.Len(t, blocks, 2, "testdata/endpoints.txt: the documented index, then the endpoints in use")
	documented := append(append([]endpointCall{}, coreEndpoints...), crmEndpoints...)
	assert.ElementsMatch(t, blocks[0], routesOf(documented), "one SDK call for each documented endpoint")
	assert.ElementsMatch(t, blocks[1], routesOf(endpointsInUse), "one SDK call for each endpoint in use")
	all := append(documented, endpointsInUse...)

	sim := omicalltest.NewServer()
	url, stop := sim.Start()
	t.Cleanup(stop)
	c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(url), omicall.WithSpeechBaseURLs(url, url))
	require.NoError(t, err)
	p, err := omicall.NewPartnerClient(omicalltest.PartnerToken, omicall.WithBaseURL(url))
	require.NoError(t, err)
	for _, ep := range all {
		ok := t.Run(ep.route, func(t *testing.T) {
			before := sim.Requests(simRoute(ep.route))
			ep.call(t, c, p)
			assert.Greater(t, sim.Requests(simRoute(ep.route)), before, "the call reached %s", simRoute(ep.route))
		})
		require.True(t, ok, "later endpoints build on %s", ep.route)
	}
	sim.WaitCalls()
}

// readEndpointIndex reads testdata/endpoints.txt as its blocks of
// endpoints ("METHOD path" lines); comment lines separate the blocks.
func readEndpointIndex(t *testing.T) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "endpoints.txt"))
	require.NoError(t, err)
	defer f.Close()
	var blocks [][]string
	inBlock := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		switch line := strings.TrimSpace(sc.Text()); {
		case line == "":
		case strings.HasPrefix(line, "#"):
			inBlock = false
		default:
			if !inBlock {
				blocks, inBlock = append(blocks, nil), true
			}
			blocks[len(blocks)-1] = append(blocks[len(blocks)-1], line)
		}
	}
	require.NoError(t, sc.Err())
	return blocks
}

// routesOf returns the routes of calls, in order.
func routesOf(calls []endpointCall) []string {
	out := make([]string, len(calls))
	for i, c := range calls {
		out[i] = c.route
	}
	return out
}

func groupNamed(t *testing.T, c *omicall.Client, name string) omicall.InternalGroup {
	t.Helper()
	for g, err := range c.CallCenter.AllGroups(ctxT(t), nil) {
		require.NoError(t, err)
		if g.GroupName == name {
			return g
		}
	}
	t.Fatalf("no group %q", name)
	return omicall.InternalGroup{}
}

func firstGroup(t *testing.T, c *omicall.Client) omicall.InternalGroup {
	t.Helper()
	p, err := c.CallCenter.ListGroups(ctxT(t), nil)
	require.NoError(t, err)
	require.NotEmpty(t, p.Items)
	return p.Items[0]
}

func greetingNamed(t *testing.T, c *omicall.Client, name string) omicall.Greeting {
	t.Helper()
	for g, err := range c.CallCenter.AllGreetings(ctxT(t), nil) {
		require.NoError(t, err)
		if g.GreetingName == name {
			return g
		}
	}
	t.Fatalf("no greeting %q", name)
	return omicall.Greeting{}
}

func ivrNamed(t *testing.T, c *omicall.Client, name string) omicall.IVRScript {
	t.Helper()
	for s, err := range c.CallCenter.AllIVRScripts(ctxT(t), nil) {
		require.NoError(t, err)
		if s.ScriptName == name {
			return s
		}
	}
	t.Fatalf("no IVR script %q", name)
	return omicall.IVRScript{}
}

func lastCall(t *testing.T, c *omicall.Client) omicall.Transaction {
	t.Helper()
	now := time.Now() // one reading: two would make the range a little longer than 30 days
	p, err := c.Transactions.List(ctxT(t), &omicall.TransactionListOptions{From: now.AddDate(0, 0, -30), To: now})
	require.NoError(t, err)
	require.NotEmpty(t, p.Items)
	return p.Items[0]
}
