package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

func (a *app) authCmd() *cobra.Command {
	auth := &cobra.Command{Use: "auth", Short: "Check the API key"}
	auth.AddCommand(&cobra.Command{
		Use:   "check",
		Short: "Trade the key for a token and show the host, tenant and token expiry (never the token)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			tok, err := c.Token(ctx)
			if err != nil {
				return fail(err)
			}
			t, err := c.Tenant.Get(ctx)
			if err != nil {
				return fail(err)
			}
			v := struct {
				Host        string    `json:"host"`
				Tenant      string    `json:"tenant"`
				Domain      string    `json:"domain"`
				TokenExpiry time.Time `json:"token_expiry"`
			}{a.host(), t.FullName, t.Domain, tok.Expiry.In(a.loc)}
			exp := ""
			if !tok.Expiry.IsZero() {
				exp = a.fmtTime(tok.Expiry) + " (in " + time.Until(tok.Expiry).Round(time.Minute).String() + ")"
			}
			return a.printFields([][2]string{{"host", v.Host}, {"tenant", v.Tenant}, {"domain", v.Domain},
				{"token expires", exp}}, v)
		},
	})
	return auth
}

func (a *app) tenantCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "tenant",
		Short: "Show the tenant (business account) summary",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			t, err := c.Tenant.Get(ctx)
			if err != nil {
				return fail(err)
			}
			var hotlines []string
			for _, n := range t.PublicNumbers {
				hotlines = append(hotlines, n.Number)
			}
			return a.printFields([][2]string{
				{"name", t.FullName}, {"email", t.Email}, {"domain", t.Domain}, {"pbx domain", t.DomainFusion},
				{"status", t.Status}, {"enabled", strconv.FormatBool(bool(t.Enabled))}, {"paid type", t.PaidType},
				{"balance", strconv.FormatFloat(float64(t.Balance), 'f', -1, 64) + " " + t.Currency},
				{"package", t.ServicePackage.ServiceName}, {"agents allowed", strconv.Itoa(t.ServicePackage.StaffNum)},
				{"expires", a.fmtOTime(t.ExpireDate)}, {"hotlines", strings.Join(hotlines, " ")},
			}, t)
		},
	}
}

func (a *app) agentsCmd() *cobra.Command {
	agents := &cobra.Command{Use: "agents", Short: "List, invite and delete agents"}
	var keyword string
	list := &cobra.Command{
		Use:   "list",
		Short: "List every agent",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			t := table{header: []string{"email", "name", "phone", "active", "created"}, json: []omicall.Agent{}}
			var all []omicall.Agent
			for ag, err := range c.Agents.All(cmd.Context(), &omicall.ListOptions{Size: omicall.MaxPageSize, Keyword: keyword}) {
				if err != nil {
					return fail(err)
				}
				all = append(all, ag)
				t.rows = append(t.rows, []string{ag.IdentifyInfo, ag.FullName, ag.PhoneNumber,
					strconv.FormatBool(bool(ag.IsActive)), a.fmtOTime(ag.CreatedDate)})
			}
			if all != nil {
				t.json = all
			}
			return a.print(t)
		},
	}
	list.Flags().StringVar(&keyword, "keyword", "", "only agents matching this text")

	var in omicall.InviteAgentRequest
	invite := &cobra.Command{
		Use:   "invite --email E --name N --password P",
		Short: "Invite an agent and show its extension",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if in.Email == "" || in.FullName == "" || in.Password == "" {
				return usageErrorf("agents invite needs --email, --name and --password")
			}
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			res, err := c.Agents.Invite(ctx, &in)
			if err != nil {
				return fail(err)
			}
			v := struct {
				Email     string `json:"email"`
				Name      string `json:"full_name"`
				Extension string `json:"extension"`
				Domain    string `json:"domain"`
			}{res.Agent.Email, res.Agent.FullName, res.PBXAccount.SIPUser, res.PBXAccount.Domain}
			return a.printFields([][2]string{{"email", v.Email}, {"name", v.Name}, {"extension", v.Extension},
				{"domain", v.Domain}}, v)
		},
	}
	f := invite.Flags()
	f.StringVar(&in.Email, "email", "", "the agent's email (its login)")
	f.StringVar(&in.FullName, "name", "", "the agent's full name")
	f.StringVar(&in.Password, "password", "", "the agent's password (8+ characters, upper and lower case, digits, a symbol)")
	f.StringVar(&in.RoleName, "role", "", "role name (default "+omicall.RoleSale+")")
	f.StringVar(&in.UUID, "uuid", "", "the agent's id in your system (extensions lookup --uuid finds it)")

	del := &cobra.Command{
		Use:   "delete EMAIL",
		Short: "Delete an agent",
		Args:  exactArgs(1, "agents delete needs the agent's email"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			if err := c.Agents.Delete(ctx, args[0]); err != nil {
				return fail(err)
			}
			return a.printFields([][2]string{{"deleted", args[0]}}, map[string]string{"deleted": args[0]})
		},
	}
	agents.AddCommand(list, invite, del)
	return agents
}

// exactArgs is cobra.ExactArgs with a usage error of our own words.
func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s", msg)
		}
		return nil
	}
}

func (a *app) extensionsCmd() *cobra.Command {
	ext := &cobra.Command{Use: "extensions", Short: "List extensions and look up an agent's SIP account"}
	var keyword string
	list := &cobra.Command{
		Use:   "list",
		Short: "List every extension (without SIP passwords)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			type row struct {
				SIPUser  string `json:"sip_user"`
				FullName string `json:"full_name"`
				Email    string `json:"email"`
				Hotline  string `json:"public_number"`
				Domain   string `json:"domain"`
			}
			t := table{header: []string{"extension", "name", "email", "hotline", "domain"}}
			out := []row{}
			for e, err := range c.CallCenter.AllExtensions(cmd.Context(), &omicall.ListOptions{Size: omicall.MaxPageSize, Keyword: keyword}) {
				if err != nil {
					return fail(err)
				}
				out = append(out, row{e.SIPUser, e.FullName, e.Email, e.PublicNumber, e.Domain})
				t.rows = append(t.rows, []string{e.SIPUser, e.FullName, e.Email, e.PublicNumber, e.Domain})
			}
			t.json = out
			return a.print(t)
		},
	}
	list.Flags().StringVar(&keyword, "keyword", "", "only extensions matching this text")

	var email, sipUser, uuid string
	var websdk bool
	lookup := &cobra.Command{
		Use:   "lookup --email E | --sip-user S | --uuid U [--websdk]",
		Short: "Show one agent's extension; --websdk prints the JSON for omiSDK.register",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			by, value, err := lookupKey(email, sipUser, uuid)
			if err != nil {
				return err
			}
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			d, err := c.CallCenter.LookupExtension(ctx, by, value)
			if err != nil {
				return fail(err)
			}
			if websdk {
				b, err := json.Marshal(d.SIPCredentials())
				if err != nil {
					return fail(err)
				}
				_, err = a.stdout.Write(append(b, '\n'))
				return err
			}
			v := struct {
				Extension string `json:"extension"`
				FullName  string `json:"full_name"`
				Mail      string `json:"mail"`
				UUID      string `json:"uuid"`
				SIPRealm  string `json:"sip_realm"`
				WebSocket string `json:"sip_web_socket_server"`
			}{d.Extension, d.FullName, d.Mail, d.UUID, d.PBXAccount.SIPRealm, d.PBXAccount.SIPWebSocketServer}
			return a.printFields([][2]string{{"extension", v.Extension}, {"name", v.FullName}, {"email", v.Mail},
				{"uuid", v.UUID}, {"sip realm", v.SIPRealm}, {"websocket", v.WebSocket}}, v)
		},
	}
	f := lookup.Flags()
	f.StringVar(&email, "email", "", "the agent's email")
	f.StringVar(&sipUser, "sip-user", "", "the extension number")
	f.StringVar(&uuid, "uuid", "", "the agent's id in your system (given at invite)")
	f.BoolVar(&websdk, "websdk", false, `print exactly {"domain","username","password"} for omiSDK.register`)
	ext.AddCommand(list, lookup)
	return ext
}

// lookupKey picks the one lookup key given.
func lookupKey(email, sipUser, uuid string) (omicall.LookupBy, string, error) {
	var by omicall.LookupBy
	var value string
	n := 0
	for _, k := range []struct {
		by omicall.LookupBy
		v  string
	}{{omicall.LookupByEmail, email}, {omicall.LookupBySIPUser, sipUser}, {omicall.LookupByUserUUID, uuid}} {
		if k.v != "" {
			by, value = k.by, k.v
			n++
		}
	}
	if n != 1 {
		return "", "", usageErrorf("extensions lookup needs exactly one of --email, --sip-user, --uuid")
	}
	return by, value, nil
}
