package omicall_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

// crmEndpoints lists, as docs/api.md §16 and Appendix A write them, every
// documented contacts, ticket, AI and partner endpoint, each with the SDK
// call that implements it. A documented endpoint missing here is missing
// from the SDK.
var crmEndpoints = []endpointCall{
	{"POST /api/contacts/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Contacts.List(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"POST /api/contacts/add", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Contacts.Create(ctxT(t), &omicall.CreateContactRequest{FullName: "A", RefID: "e1", Phones: []omicall.ContactPoint{{Data: "0900000001"}}})
		require.NoError(t, err)
	}},
	{"POST /api/contacts/add-more", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.Contacts.CreateMany(ctxT(t), []omicall.CreateContactRequest{{FullName: "B"}}))
	}},
	{"POST /api/contacts/update", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.Contacts.Update(ctxT(t), &omicall.UpdateContactRequest{RefID: "e1", Note: "n"}))
	}},
	{"GET /api/contacts/get", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Contacts.Lookup(ctxT(t), omicall.ContactByRefID, "e1")
		require.NoError(t, err)
	}},
	{"GET /api/contacts/details/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		ct, err := c.Contacts.Lookup(ctxT(t), omicall.ContactByRefID, "e1")
		require.NoError(t, err)
		_, err = c.Contacts.Get(ctxT(t), ct.PublicID)
		require.NoError(t, err)
	}},
	{"POST /api/contacts/add-note", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Contacts.CreateNotes(ctxT(t), []omicall.ContactNote{{Content: "c", Phone: "0900000001"}})
		require.NoError(t, err)
	}},
	{"DELETE /api/contacts/delete/:id", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		ct, err := c.Contacts.Lookup(ctxT(t), omicall.ContactByRefID, "e1")
		require.NoError(t, err)
		require.NoError(t, c.Contacts.Delete(ctxT(t), ct.PublicID))
	}},
	{"POST /api/ticket/list", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Tickets.List(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"POST /api/ticket/create", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Tickets.Create(ctxT(t), &omicall.CreateTicketRequest{Name: "n", Description: "d", Priority: omicall.TicketPriorityLow, Assignee: "a@b.c"})
		require.NoError(t, err)
	}},
	{"POST /api/ticket/update_status/:id_status", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Tickets.UpdateStatus(ctxT(t), "1")
		require.NoError(t, err)
	}},
	{"GET /api/ticket/category/get_all", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		_, err := c.Tickets.ListCategories(ctxT(t))
		require.NoError(t, err)
	}},
	{"POST https://tts-api-v1-stg.omicall.com/v1/tts", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		res, err := c.Speech.TextToSpeech(ctxT(t), &omicall.TTSRequest{Text: "a"})
		require.NoError(t, err)
		_, err = c.Speech.Audio(ctxT(t), res.URL)
		require.NoError(t, err)
	}},
	{"POST https://asr-api-v1-stg.omicall.com/api/asr/register", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.Speech.RegisterASRWebhook(ctxT(t), "https://crm.example.com/asr"))
	}},
	{"POST https://asr-api-v1-stg.omicall.com/api/asr/upload", func(t *testing.T, c *omicall.Client, _ *omicall.PartnerClient) {
		require.NoError(t, c.Speech.UploadASR(ctxT(t), "id", bytes.NewReader([]byte("RIFF\x00\x00\x00\x00WAVE"))))
	}},
	{"GET /api/partner/me", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		_, err := p.Account.Get(ctxT(t))
		require.NoError(t, err)
	}},
	{"GET /api/partner/public_number/list", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		_, err := p.Numbers.List(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"GET /api/partner/service_package/list", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		_, err := p.Packages.List(ctxT(t))
		require.NoError(t, err)
	}},
	{"POST /api/partner/tenant/add", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		_, err := p.Tenants.Create(ctxT(t), &omicall.CreateTenantRequest{Email: "o@s.vn", Password: "Passw0rd!", FullName: "S"})
		require.NoError(t, err)
	}},
	{"POST /api/partner/tenant/list", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		_, err := p.Tenants.List(ctxT(t), nil)
		require.NoError(t, err)
	}},
	{"GET /api/partner/tenant/info", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		page, err := p.Tenants.List(ctxT(t), nil)
		require.NoError(t, err)
		require.NotEmpty(t, page.Items)
		_, err = p.Tenants.Get(ctxT(t), page.Items[0].ID)
		require.NoError(t, err)
	}},
	{"POST /api/partner/public_number/buy", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		page, err := p.Numbers.List(ctxT(t), nil)
		require.NoError(t, err)
		require.NoError(t, p.Numbers.Buy(ctxT(t), &omicall.BuyNumberRequest{Email: "o@s.vn", Number: page.Items[0].Number, NumberCount: 6}))
	}},
	{"POST /api/partner/service_package/upgrade", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		require.NoError(t, p.Packages.Upgrade(ctxT(t), &omicall.UpgradePackageRequest{Email: "o@s.vn", CodeName: "omi_start", MonthNum: 6}))
	}},
	{"POST /api/partner/service_package/extend", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		require.NoError(t, p.Packages.Extend(ctxT(t), &omicall.ExtendPackageRequest{Email: "o@s.vn", MonthNum: 6}))
	}},
	{"POST /api/partner/tenant/update_balance", func(t *testing.T, _ *omicall.Client, p *omicall.PartnerClient) {
		require.NoError(t, p.Tenants.TopUp(ctxT(t), &omicall.TopUpRequest{Email: "o@s.vn", Amount: 10000, Description: strings.Repeat("d", 50)}))
	}},
}

// simRoute turns a documented "METHOD path" into the simulator's route name.
func simRoute(route string) string {
	method, path, _ := strings.Cut(route, " ")
	if i := strings.Index(path, ".omicall.com"); i >= 0 {
		path = path[i+len(".omicall.com"):]
	}
	parts := strings.Split(path, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, ":") {
			parts[i] = "{" + p[1:] + "}"
		}
	}
	return method + " " + strings.Join(parts, "/")
}

// TestCRMFixturesCovered makes sure every vendor fixture of these sections
// is decoded by a test (the tests named here).
func TestCRMFixturesCovered(t *testing.T) {
	covered := map[string]string{
		"contacts_add.json":                 "TestContactsAddRequest",
		"contacts_add_more.json":            "TestContactsAddManyRequest",
		"contacts_add_note.json":            "TestContactsAddNotesRequest",
		"contacts_delete.json":              "TestContactsDeleteRequest",
		"contacts_list.json":                "TestContactsListRequestAndFixture",
		"contacts_update.json":              "TestContactsUpdateRequest",
		"ticket_list.json":                  "TestTicketsListRequestAndFixture",
		"ticket_category_get_all.json":      "TestTicketsCategoriesFixture",
		"ai_tts.json":                       "TestSpeechTextToSpeechRequestAndFixture",
		"partner_me.json":                   "TestPartnerMeFixture",
		"partner_public_number_list.json":   "TestPartnerPublicNumbersFixture",
		"partner_service_package_list.json": "TestPartnerServicePackagesFixture",
		"partner_tenant_add.json":           "TestPartnerTenantAddFixtureAndRequest",
		"partner_tenant_info.json":          "TestPartnerTenantInfoFixture",
	}
	for _, pattern := range []string{"contacts_*.json", "ticket_*.json", "ai_*.json", "partner_*.json"} {
		names, err := filepath.Glob(filepath.Join("testdata", pattern))
		require.NoError(t, err)
		require.NotEmpty(t, names, pattern)
		for _, n := range names {
			assert.Contains(t, covered, filepath.Base(n), "no test decodes %s", n)
		}
	}
	for name := range covered {
		_, err := os.Stat(filepath.Join("testdata", name))
		assert.NoError(t, err)
	}
}
