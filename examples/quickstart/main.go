// Command quickstart is a first session with the OMICall API: it reads the
// tenant, invites an agent, looks up the agent's extension, prints the Web
// SDK credentials as the JSON object the browser passes to
// omiSDK.register, and prints the last 7 days of call history as a table.
//
//	go run ./examples/quickstart
//
// Without OMICALL_API_KEY it runs against the built-in simulator and says so
// on its first line. With OMICALL_API_KEY it runs against OMICall
// (OMICALL_BASE_URL picks the host, staging by default); there it creates an
// agent only when given -invite (each run invites a fresh address), and
// prints SIP passwords only with -show-password.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"text/tabwriter"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

func main() {
	invite := flag.Bool("invite", false, "on OMICall, invite a new agent (on the simulator the agent is always invited)")
	showPassword := flag.Bool("show-password", false, "on OMICall, print the SIP password instead of masking it")
	rows := flag.Int("rows", 15, "call-history rows to print")
	tz := flag.String("tz", "ICT", "time zone of the printed times: ICT (Vietnam, UTC+7), UTC, Local or an IANA name")
	flag.Parse()
	loc := omicall.Vietnam
	if *tz != "ICT" {
		var err error
		if loc, err = time.LoadLocation(*tz); err != nil {
			fmt.Fprintln(os.Stderr, "quickstart: -tz:", err)
			os.Exit(2)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	cfg := config{apiKey: os.Getenv("OMICALL_API_KEY"), baseURL: os.Getenv("OMICALL_BASE_URL"),
		invite: *invite, showPassword: *showPassword, rows: *rows, loc: loc}
	if err := run(ctx, os.Stdout, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

type config struct {
	apiKey, baseURL string
	invite          bool
	showPassword    bool
	rows            int
	loc             *time.Location // printed times are in this zone; nil means omicall.Vietnam
}

func run(ctx context.Context, out io.Writer, cfg config) error {
	if cfg.apiKey == "" {
		fmt.Fprintln(out, "OMICALL_API_KEY is not set: running against the built-in OMICall simulator.")
		sim := omicalltest.NewServer()
		url, stop := sim.Start()
		defer stop()
		cfg.apiKey, cfg.baseURL = sim.APIKey(), url
		cfg.invite, cfg.showPassword = true, true
	} else {
		if cfg.baseURL == "" {
			cfg.baseURL = omicall.DefaultBaseURL
		}
		fmt.Fprintln(out, "Running against OMICall at", cfg.baseURL)
	}

	c, err := omicall.NewClient(cfg.apiKey, omicall.WithBaseURL(cfg.baseURL))
	if err != nil {
		return err
	}
	t, err := c.Tenant.Get(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nTenant %q: PBX domain %s, %s, balance %.0f %s, %d hotline(s)\n",
		t.FullName, t.DomainFusion, t.Status, float64(t.Balance), t.Currency, len(t.PublicNumbers))

	email, err := agentEmail(ctx, out, c, cfg.invite)
	if err != nil {
		return err
	}
	if email != "" {
		if err := printCredentials(ctx, out, c, email, cfg.showPassword); err != nil {
			return err
		}
	}
	return printHistory(ctx, out, c, cfg.rows, cmp.Or(cfg.loc, omicall.Vietnam))
}

// agentEmail invites a fresh agent, or without invite picks the first
// existing one; it returns "" when the tenant has no agent.
func agentEmail(ctx context.Context, out io.Writer, c *omicall.Client, invite bool) (string, error) {
	if !invite {
		page, err := c.Agents.List(ctx, &omicall.ListOptions{Size: 1})
		if err != nil {
			return "", err
		}
		if len(page.Items) == 0 {
			fmt.Fprintln(out, "\nThe tenant has no agent yet; run with -invite to create one.")
			return "", nil
		}
		a := page.Items[0]
		fmt.Fprintf(out, "\nUsing agent %s <%s> (run with -invite to create a new one)\n", a.FullName, a.Email)
		return a.Email, nil
	}
	email := fmt.Sprintf("quickstart+%d@example.com", time.Now().UnixNano())
	res, err := c.Agents.Invite(ctx, &omicall.InviteAgentRequest{
		FullName: "Quickstart Agent",
		Email:    email,
		Password: "Quick!Start-2026",
		RoleName: omicall.RoleSale,
		UUID:     "quickstart-" + email,
	})
	if err != nil {
		return "", fmt.Errorf("inviting %s: %w", email, err)
	}
	fmt.Fprintf(out, "\nInvited agent %s <%s>\n", res.Agent.FullName, res.Agent.Email)
	return email, nil
}

// printCredentials looks up the agent's extension and prints what the
// browser passes to omiSDK.register.
func printCredentials(ctx context.Context, out io.Writer, c *omicall.Client, email string, showPassword bool) error {
	ext, err := c.CallCenter.LookupExtension(ctx, omicall.LookupByEmail, email)
	if errors.Is(err, omicall.ErrNotFound) {
		fmt.Fprintf(out, "No extension for %s yet.\n", email)
		return nil
	}
	if err != nil {
		return err
	}
	creds := ext.SIPCredentials()
	if !showPassword {
		creds.Password = "********"
	}
	b, err := json.MarshalIndent(creds, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Extension %s on %s. Web SDK credentials for omiSDK.register:\n%s\n",
		ext.Extension, ext.PBXAccount.SIPWebSocketServer, b)
	return nil
}

// printHistory prints the calls of the last 7 days as an aligned table,
// times in loc.
func printHistory(ctx context.Context, out io.Writer, c *omicall.Client, rows int, loc *time.Location) error {
	to := time.Now().In(loc)
	from := to.AddDate(0, 0, -7)
	fmt.Fprintf(out, "\nCalls from %s to %s (times in %s):\n", from.Format(time.DateOnly), to.Format(time.DateOnly), loc)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tDIRECTION\tEXTENSION\tCUSTOMER\tHOTLINE\tDURATION\tANSWERED")
	total, answered := 0, 0
	// The v3 search is the history OMICall keeps current; it takes any range.
	for tx, err := range c.Transactions.SearchAll(ctx, &omicall.SearchRequest{From: from, To: to}) {
		if err != nil {
			return err
		}
		total++
		if tx.Answered() {
			answered++
		}
		if total <= rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%t\n", tx.CreatedDate.In(loc).Format("2006-01-02 15:04"),
				tx.Direction, tx.AgentExtension(), tx.CustomerNumber(), tx.HotlineNumber(),
				time.Duration(tx.Duration)*time.Second, tx.Answered())
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if total > rows {
		fmt.Fprintf(out, "... and %d more.\n", total-rows)
	}
	fmt.Fprintf(out, "%d calls, %d answered.\n", total, answered)
	return nil
}
