package main

import (
	"net/url"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

func (a *app) webhooksCmd() *cobra.Command {
	hooks := &cobra.Command{Use: "webhooks", Short: "List, register and delete the URLs OMICall posts events to"}
	printHooks := func(hs []omicall.Webhook) error {
		shown := []omicall.Webhook{}
		t := table{header: []string{"type", "url", "status"}}
		for _, h := range hs {
			h.URL = redactURL(h.URL)
			shown = append(shown, h)
			t.rows = append(t.rows, []string{h.Type, h.URL, h.Status})
		}
		t.json = shown
		return a.print(t)
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "List the registered webhooks",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			hs, err := c.Webhooks.List(ctx)
			if err != nil {
				return fail(err)
			}
			return printHooks(hs)
		},
	}
	var hookType string
	var events []string
	register := &cobra.Command{
		Use:   "register URL [--type call] [--events ringing,answered,hangup,cdr]",
		Short: "Register (or replace) the webhook of a type",
		Args:  exactArgs(1, "webhooks register needs the URL (https, or http to a loopback host)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			req := omicall.RegisterWebhookRequest{Type: hookType, URL: args[0]}
			for _, e := range events {
				req.Events = append(req.Events, omicall.CallState(e))
			}
			ctx, cancel := a.ctxTimeout(cmd.Context())
			defer cancel()
			hs, err := c.Webhooks.Register(ctx, &req)
			if err != nil {
				return fail(err)
			}
			return printHooks(hs)
		},
	}
	register.Flags().StringVar(&hookType, "type", omicall.WebhookTypeCall, "webhook type: call or contact")
	register.Flags().StringSliceVar(&events, "events", nil, "call states to receive (default every one)")
	_ = register.RegisterFlagCompletionFunc("type", fixedCompletion("call", "contact"))
	_ = register.RegisterFlagCompletionFunc("events", fixedCompletion("ringing", "answered", "hangup", "cdr"))

	var delType string
	del := &cobra.Command{
		Use:   "delete [--type call]",
		Short: "Delete the webhook of a type",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			if err := c.Webhooks.Delete(ctx, delType); err != nil {
				return fail(err)
			}
			return a.printFields([][2]string{{"deleted", delType}}, map[string]string{"deleted": delType})
		},
	}
	del.Flags().StringVar(&delType, "type", omicall.WebhookTypeCall, "webhook type: call or contact")
	_ = del.RegisterFlagCompletionFunc("type", fixedCompletion("call", "contact"))
	hooks.AddCommand(list, register, del)
	return hooks
}

// redactURL hides the values of a URL's query (a webhook URL may carry its
// secret there).
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "[unreadable URL]"
	}
	if u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	for k := range q {
		q[k] = []string{"REDACTED"}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
