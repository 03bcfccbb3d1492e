package omicall_test

// The README's snippets about the API as of 2026 (docs/api.md §18), compiled
// here like those of example_readme_test.go; not run.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func Example_callHistoryV3() {
	ctx, c := readmeClient()
	run := func() error {
		to := time.Now()
		req := &omicall.SearchRequest{From: to.AddDate(0, -3, 0), To: to, SIPUsers: []string{"101"}}
		for tx, err := range c.Transactions.SearchAll(ctx, req) {
			if err != nil {
				return err // yielded once; the walk is over
			}
			fmt.Println(tx.CreatedDate.In(omicall.Vietnam).Format(time.DateTime), tx.Direction, tx.AgentExtension(),
				tx.CustomerNumber(), tx.Answered(), tx.RecordingURL())
		}

		answered := true
		page, err := c.Transactions.Search(ctx, &omicall.SearchRequest{
			From: to.AddDate(0, 0, -7), To: to, Size: 50, // Size 1–50; 0 means 50
			Directions: []omicall.Direction{omicall.DirectionInbound},
			IsAnswer:   &answered,
			Keyword:    "0900000123",
			Sort:       omicall.Sort{Field: "time_start_call"}, // newest first; the zero Sort is created_date, oldest first
		})
		if err != nil {
			return err // a ValidationError before sending for a bad Size, range or filter
		}
		fmt.Println(len(page.Items), page.HasNext)
		return nil
	}
	_ = run()
}

func Example_callHistory2026Extras() {
	ctx, c := readmeClient()
	run := func() error {
		to := time.Now()
		id := "708dbad6-162b-4b09-9d2e-a7a8e3260cbd"
		tx, err := c.Transactions.GetFull(ctx, id) // the 2026 record of one call
		if err != nil {
			return err
		}
		fmt.Println(tx.TimeRingingStart, tx.TimeAnswerStart, tx.HangupCause, tx.RecordingURL())
		analyses, err := c.Transactions.ListAnalyses(ctx, id) // AI: speech-to-text, NLP, quality
		crit, err := c.Transactions.ListScoringCriteria(ctx)
		if err != nil {
			return err
		}
		err = c.Transactions.Score(ctx, &omicall.ScoreRequest{
			TransactionID: id, AgentID: "ef10de085eec652164353bf5", Comment: "Clear and polite",
			Values: []omicall.EvaluationScore{{CriteriaID: crit[0].ID, Point: 9}},
		})
		stats, err := c.Transactions.ReportByTime(ctx, to.AddDate(0, -1, 0), to) // weak evidence: raw JSON
		_, _ = analyses, stats
		return err
	}
	_ = run()
}

func Example_legacySearches() {
	ctx, c := readmeClient()
	to := time.Now()
	from := to.AddDate(0, 0, -30)
	var frozen omicall.Page[omicall.Transaction] // the v2 search: no data after 01/04/2026
	err := c.Do(ctx, http.MethodPost, "/api/v2/callTransaction/search", url.Values{"page": {"1"}, "size": {"50"}},
		map[string]any{"fromDate": from.UnixMilli(), "toDate": to.UnixMilli(), "keyword": "0900000001"},
		&frozen, omicall.WithRetryPOST())

	var byUUID omicall.Transaction // one call by a hook's call_uuid (unattributed source)
	err = c.Do(ctx, http.MethodGet, "/api/call/transaction/detail", url.Values{"call_uuid": {"708dbad6-..."}}, nil, &byUUID)
	_ = err
}

func Example_weakEndpoints() {
	ctx, c := readmeClient()
	var agents omicall.Page[json.RawMessage] // v3 agent search: POST in code, GET in a plan (medium-weak)
	err := c.Do(ctx, http.MethodPost, "/api/v3/agent/search", url.Values{"page": {"1"}, "size": {"50"}},
		map[string]any{}, &agents, omicall.WithRetryPOST())

	var contacts json.RawMessage // v2 contact search of a sister CRM (weak: no public code)
	err = c.Do(ctx, http.MethodPost, "/api/v2/contact/search", nil,
		map[string]any{"keyword": "0900000001"}, &contacts, omicall.WithAPIKeyHeader(), omicall.WithRetryPOST())

	var hotline json.RawMessage // one hotline by number (medium-weak)
	err = c.Do(ctx, http.MethodGet, "/api/call_center/hotline/by-phone", url.Values{"hotline": {"842800000001"}}, nil, &hotline)
	_ = err
}

func Example_callBot() {
	ctx, c := readmeClient()
	scripts, err := c.Calls.ListCallBotScripts(ctx) // ids and the variable codes each script reads
	if err != nil {
		return
	}
	res, err := c.Calls.CallBotByPhone(ctx, &omicall.CallBotRequest{
		PhoneNumbers: []string{"0900000001", "0900000002"},
		BotScriptID:  scripts[0].ID,
		CID:          "842800000001",
		Variables:    map[string]any{"ten": "An"},
	})
	var partial *omicall.PartialFailureError
	if errors.As(err, &partial) { // 200, but some numbers were refused: the others are being called
		for _, f := range partial.Failures {
			fmt.Println(f.PhoneNumber, f.Code) // e.g. number_dnc
		}
	}
	_ = res
}

func Example_callCenter2026() {
	ctx, c := readmeClient()
	for h, err := range c.CallCenter.AllHotlines(ctx, nil) {
		if err != nil {
			return
		}
		fmt.Println(h.Number, h.Configs.AllowCallIn, h.Configs.AllowCallOut, h.Configs.DefaultScript)
	}
	err := c.CallCenter.UpdateExtension(ctx, &omicall.UpdateExtensionRequest{SIPUser: "101", CallTimeout: 30})
	agent, err := c.Agents.Lookup(ctx, omicall.AgentByEmail, "dung.pham@example.com")
	if err == nil {
		fmt.Println(agent.PBXAccount.SIPUser) // %v never prints the SIP password
	}
}

func Example_webhooks2026() {
	ctx, c := readmeClient()
	_, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{
		Type: omicall.WebhookTypeCall, URL: "https://crm.example/omicall?secret=s3cret",
		// Flat: true sends only {"type","url","events"}; by default the documented
		// {"webhook": {...}} goes first and the flat body once more if refused.
	})
	h := omicall.NewWebhookHandler(func(ctx context.Context, ev *omicall.CallEvent) error {
		switch ev.State {
		case omicall.StateCreate, omicall.StateEarly, omicall.StateRinging:
			fmt.Println("agent", ev.Extension, "customer", ev.PhoneNumber) // from either event shape
		}
		return nil
	})
	_, _ = h, err
}

func TestSimulator2026Options(t *testing.T) {
	c, sim := omicalltest.NewClient(t,
		omicalltest.WithLiveEvents2023(), // the documented 2023 live events instead of the 2026 ones
		omicalltest.WithTwoLegCalls(),    // an answered call sends two CDRs for one transaction id
	)
	_, _ = c, sim
}
