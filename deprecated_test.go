package omicall

import (
	"context"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// aliasCase calls a deprecated name and its replacement the same way.
type aliasCase struct {
	name     string
	answer   string // a fixture name (".json") or a literal payload in a success envelope
	old, new func(ctx context.Context, c *Client, p *PartnerClient) (any, error)
}

// seqAll collects a sequence into a slice, stopping at the first error.
func seqAll[T any](seq func(func(T, error) bool)) (any, error) { return collect(seq) }

var aliasCases = []aliasCase{
	{"Tenant.Detail", "tenant_detail.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) { return c.Tenant.Detail(ctx) },
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) { return c.Tenant.Get(ctx) }},
	{"CallCenter.Extensions", "callcenter_internal_phone_list.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.Extensions(ctx, &ListOptions{Page: 2, Keyword: "1"})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.ListExtensions(ctx, &ListOptions{Page: 2, Keyword: "1"})
		}},
	{"CallCenter.Groups", "callcenter_internal_group_list.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.Groups(ctx, nil)
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.ListGroups(ctx, nil)
		}},
	{"CallCenter.IVRScripts", "callcenter_key_interaction_list.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.IVRScripts(ctx, &ListOptions{Size: 3})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.ListIVRScripts(ctx, &ListOptions{Size: 3})
		}},
	{"CallCenter.Greetings", "callcenter_greeting_list.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.Greetings(ctx, nil)
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.ListGreetings(ctx, nil)
		}},
	{"CallCenter.CreateTTSGreeting", "callcenter_greeting_tts.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.CreateTTSGreeting(ctx, &TTSGreetingRequest{Name: "n", Text: "xin chào", Voice: VoiceBanMai, Speed: 1})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.CreateGreeting(ctx, &CreateGreetingRequest{Name: "n", Text: "xin chào", Voice: VoiceBanMai, Speed: 1})
		}},
	{"CallCenter.Hotlines", "callcenter_hotline_list.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.Hotlines(ctx, "147")
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.ListExtensionHotlines(ctx, "147")
		}},
	{"Contacts.Add", "contacts_add.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Contacts.Add(ctx, &ContactInput{FullName: "An"})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			_, err := c.Contacts.Create(ctx, &CreateContactRequest{FullName: "An"})
			return nil, err
		}},
	{"Contacts.AddMany", "contacts_add_more.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Contacts.AddMany(ctx, []ContactInput{{FullName: "An"}, {FullName: "Bình"}})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Contacts.CreateMany(ctx, []CreateContactRequest{{FullName: "An"}, {FullName: "Bình"}})
		}},
	{"Contacts.AddNotes", "contacts_add_note.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Contacts.AddNotes(ctx, []ContactNote{{Content: "gọi lại", Phone: "0901"}})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Contacts.CreateNotes(ctx, []ContactNote{{Content: "gọi lại", Phone: "0901"}})
		}},
	{"Contacts.Details", `{"public_id":"p1"}`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Contacts.Details(ctx, "p1")
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) { return c.Contacts.Get(ctx, "p1") }},
	{"Tickets.Categories", "ticket_category_get_all.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) { return c.Tickets.Categories(ctx) },
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Tickets.ListCategories(ctx)
		}},
	{"Tickets.List(TicketListOptions)", "ticket_list.json",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Tickets.List(ctx, &TicketListOptions{Page: 2, Keyword: "k"})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Tickets.List(ctx, &ListOptions{Page: 2, Keyword: "k"})
		}},
	{"Agents.All(AgentListOptions)", `{"items":[{"_id":"a1"},{"_id":"a2"}],"page_number":1,"has_next":false}`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return seqAll(c.Agents.All(ctx, &AgentListOptions{Size: 7}))
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return seqAll(c.Agents.All(ctx, &ListOptions{Size: 7}))
		}},
	{"Webhooks.Destroy", "true",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Webhooks.Destroy(ctx, WebhookTypeCall)
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Webhooks.Delete(ctx, WebhookTypeCall)
		}},
	{"Transactions.EvaluationCriteria", `[{"_id":"c1","name":"Greeting"}]`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.EvaluationCriteria(ctx)
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.ListEvaluationCriteria(ctx)
		}},
	{"PartnerClient.Me", "partner_me.json",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) { return p.Me(ctx) },
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) { return p.Account.Get(ctx) }},
	{"PartnerClient.AllTenants", `{"items":[{"id":"t1"}],"page_number":1,"has_next":false}`,
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return seqAll(p.AllTenants(ctx, &PartnerListOptions{Keyword: "shop"}))
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return seqAll(p.Tenants.All(ctx, &ListOptions{Keyword: "shop"}))
		}},
	{"PartnerClient.TenantInfo", "partner_tenant_info.json",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) { return p.TenantInfo(ctx, "t1") },
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) { return p.Tenants.Get(ctx, "t1") }},
	{"PartnerClient.AddTenant", "partner_tenant_add.json",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return p.AddTenant(ctx, &AddTenantRequest{Email: "o@shop.vn", Password: "Passw0rd!", FullName: "Shop"})
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			t, err := p.Tenants.Create(ctx, &CreateTenantRequest{Email: "o@shop.vn", Password: "Passw0rd!", FullName: "Shop"})
			if err != nil {
				return nil, err
			}
			return t.ID, nil
		}},
	{"PartnerClient.TopUpTenant", "true",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.TopUpTenant(ctx, &TopUpRequest{Email: "o@shop.vn", Amount: 10000, Description: "d"})
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.Tenants.TopUp(ctx, &TopUpRequest{Email: "o@shop.vn", Amount: 10000, Description: "d"})
		}},
	{"PartnerClient.PublicNumbers", "partner_public_number_list.json",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return p.PublicNumbers(ctx, &PartnerListOptions{Page: 1, Size: 50})
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return p.Numbers.List(ctx, &ListOptions{Page: 1, Size: 50})
		}},
	{"PartnerClient.AllPublicNumbers", `{"items":[{"number":"1900"}],"page_number":1,"has_next":false}`,
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return seqAll(p.AllPublicNumbers(ctx, nil))
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return seqAll(p.Numbers.All(ctx, nil))
		}},
	{"PartnerClient.BuyPublicNumber", "true",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.BuyPublicNumber(ctx, &BuyPublicNumberRequest{Email: "o@shop.vn", Number: "1900", NumberCount: 6})
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.Numbers.Buy(ctx, &BuyNumberRequest{Email: "o@shop.vn", Number: "1900", NumberCount: 6})
		}},
	{"PartnerClient.ServicePackages", "partner_service_package_list.json",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) { return p.ServicePackages(ctx) },
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) { return p.Packages.List(ctx) }},
	{"PartnerClient.ExtendServicePackage", "true",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.ExtendServicePackage(ctx, &ExtendPackageRequest{Email: "o@shop.vn", MonthNum: 6})
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.Packages.Extend(ctx, &ExtendPackageRequest{Email: "o@shop.vn", MonthNum: 6})
		}},
	{"PartnerClient.UpgradeServicePackage", "true",
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.UpgradeServicePackage(ctx, &UpgradePackageRequest{Email: "o@shop.vn", CodeName: "omi_start", MonthNum: 6})
		},
		func(ctx context.Context, _ *Client, p *PartnerClient) (any, error) {
			return nil, p.Packages.Upgrade(ctx, &UpgradePackageRequest{Email: "o@shop.vn", CodeName: "omi_start", MonthNum: 6})
		}},
	// The names 0.3.0 replaced.
	{"CallCenter.SearchHotlines", `{"items":[{"_id":"h1","hotline":"842899990001"}],"page_number":1,"has_next":false}`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.SearchHotlines(ctx, &ListOptions{Keyword: "8428", Size: 10})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.CallCenter.ListHotlines(ctx, &ListOptions{Keyword: "8428", Size: 10})
		}},
	{"Transactions.GetByTransactionID", `{"transaction_id":"t1","time_start_call":1767225600}`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.GetByTransactionID(ctx, "t1")
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.GetFull(ctx, "t1")
		}},
	{"Transactions.ReportV3", `{"by_day":[{"date":"2026-01-01","total":3}]}`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.ReportV3(ctx, v3From, v3To)
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.ReportByTime(ctx, v3From, v3To)
		}},
	{"Transactions.ListEvaluationCriteriaV3", `[{"_id":"c1","name":"Greeting"}]`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.ListEvaluationCriteriaV3(ctx)
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Transactions.ListScoringCriteria(ctx)
		}},
	{"Transactions.EvaluateV3", "true",
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Transactions.EvaluateV3(ctx, &EvaluateV3Request{TransactionID: "t1", AgentID: "a1", Comment: "ok",
				Values: []EvaluationScore{{CriteriaID: "c1", Point: 8}}})
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return nil, c.Transactions.Score(ctx, &ScoreRequest{TransactionID: "t1", AgentID: "a1", Comment: "ok",
				Values: []EvaluationScore{{CriteriaID: "c1", Point: 8}}})
		}},
	{"Agents.GetByEmail", `{"_id":"a1","identify_info":"a@x.vn","full_name":"An","pbx_account":{"sip_user":"101","sip_password":"s"}}`,
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Agents.GetByEmail(ctx, "a@x.vn")
		},
		func(ctx context.Context, c *Client, _ *PartnerClient) (any, error) {
			return c.Agents.Lookup(ctx, AgentByEmail, "a@x.vn")
		}},
}

// TestDeprecatedAliasesBehaveLikeNewNames sends each call once through the
// deprecated name and once through its replacement, each on a fresh client,
// and compares what was sent and what came back.
func TestDeprecatedAliasesBehaveLikeNewNames(t *testing.T) {
	run := func(t *testing.T, tc aliasCase, call func(context.Context, *Client, *PartnerClient) (any, error)) ([]sentRequest, any, error) {
		c, mt := newMockClient(t)
		p, pmt := newPartnerMock(t)
		answer := httpmock.NewStringResponder(200, envelopeOK(tc.answer))
		if strings.HasSuffix(tc.answer, ".json") {
			answer = fixtureResponder(t, tc.answer)
		}
		rec, prec := recordAny(t, mt, answer), recordAny(t, pmt, answer)
		out, err := call(ctxT(t), c, p)
		return append(rec.all(), prec.all()...), out, err
	}
	for _, tc := range aliasCases {
		t.Run(tc.name, func(t *testing.T) {
			oldSent, oldOut, oldErr := run(t, tc, tc.old)
			newSent, newOut, newErr := run(t, tc, tc.new)
			require.NoError(t, newErr)
			assert.Equal(t, newErr, oldErr)
			assert.Equal(t, newOut, oldOut)
			require.NotEmpty(t, newSent)
			require.Len(t, oldSent, len(newSent))
			for i := range newSent {
				assert.Equal(t, newSent[i].Method, oldSent[i].Method)
				assert.Equal(t, newSent[i].Path, oldSent[i].Path)
				assert.Equal(t, newSent[i].Query, oldSent[i].Query)
				assert.Equal(t, string(newSent[i].Body), string(oldSent[i].Body))
			}
		})
	}
}

// TestDeprecatedAliasesValidateLikeNewNames checks that bad input is refused
// by a deprecated name exactly as by its replacement, before any request.
func TestDeprecatedAliasesValidateLikeNewNames(t *testing.T) {
	c, mt := newMockClient(t)
	p, pmt := newPartnerMock(t)
	rec, prec := recordAny(t, mt, okPayload("true")), recordAny(t, pmt, okPayload("true"))
	ctx := ctxT(t)
	pairs := [][2]error{
		{func() error { _, err := c.CallCenter.Extensions(ctx, &ListOptions{Size: -1}); return err }(),
			func() error { _, err := c.CallCenter.ListExtensions(ctx, &ListOptions{Size: -1}); return err }()},
		{func() error { _, err := c.CallCenter.Hotlines(ctx, ""); return err }(),
			func() error { _, err := c.CallCenter.ListExtensionHotlines(ctx, ""); return err }()},
		{c.Contacts.Add(ctx, nil), func() error { _, err := c.Contacts.Create(ctx, nil); return err }()},
		{c.Contacts.AddMany(ctx, nil), c.Contacts.CreateMany(ctx, nil)},
		{func() error { _, err := c.Contacts.Details(ctx, ""); return err }(),
			func() error { _, err := c.Contacts.Get(ctx, ""); return err }()},
		{c.Webhooks.Destroy(ctx, ""), c.Webhooks.Delete(ctx, "")},
		{func() error { _, err := p.AddTenant(ctx, &AddTenantRequest{Email: "x"}); return err }(),
			func() error { _, err := p.Tenants.Create(ctx, &CreateTenantRequest{Email: "x"}); return err }()},
		{p.TopUpTenant(ctx, nil), p.Tenants.TopUp(ctx, nil)},
		{p.BuyPublicNumber(ctx, &BuyPublicNumberRequest{Email: "e", Number: "n"}), p.Numbers.Buy(ctx, &BuyNumberRequest{Email: "e", Number: "n"})},
		// The names 0.3.0 replaced.
		{func() error { _, err := c.CallCenter.SearchHotlines(ctx, &ListOptions{Size: -1}); return err }(),
			func() error { _, err := c.CallCenter.ListHotlines(ctx, &ListOptions{Size: -1}); return err }()},
		{func() error { _, err := c.Transactions.GetByTransactionID(ctx, ""); return err }(),
			func() error { _, err := c.Transactions.GetFull(ctx, ""); return err }()},
		{func() error { _, err := c.Transactions.ReportV3(ctx, v3To, v3From); return err }(),
			func() error { _, err := c.Transactions.ReportByTime(ctx, v3To, v3From); return err }()},
		{c.Transactions.EvaluateV3(ctx, &EvaluateV3Request{TransactionID: "t1"}), c.Transactions.Score(ctx, &ScoreRequest{TransactionID: "t1"})},
		{func() error { _, err := c.Agents.GetByEmail(ctx, "not-an-email"); return err }(),
			func() error { _, err := c.Agents.Lookup(ctx, AgentByEmail, "not-an-email"); return err }()},
	}
	for i, pair := range pairs {
		require.ErrorIs(t, pair[1], ErrValidation, "pair %d", i)
		assert.Equal(t, pair[1], pair[0], "pair %d", i)
	}
	assert.Zero(t, rec.count()+prec.count(), "nothing is sent")
}
