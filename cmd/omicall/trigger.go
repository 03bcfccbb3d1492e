package main

import (
	"context"

	"github.com/omicall-go/omicall"
	"github.com/spf13/cobra"
)

func (a *app) triggerCmd() *cobra.Command {
	trig := &cobra.Command{Use: "trigger", Short: "Make OMICall (or the simulator) send events"}
	var req omicall.ClickToCallRequest
	call := &cobra.Command{
		Use:   "call --extension E --phone P [--hotline H]",
		Short: "Place a click-to-call: the extension rings, then the phone number is dialled",
		Long: `trigger call places a click-to-call. On the simulator the call goes ringing,
answered, hangup and then cdr, each posted to the registered call webhooks (see
listen --sim). Against OMICall it rings the agent's real softphone. Without
--hotline the extension's first hotline (else the tenant's) is used.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if req.Extension == "" || req.PhoneNumber == "" {
				return usageErrorf("trigger call needs --extension and --phone")
			}
			ctx, c, cancel, err := a.session(cmd)
			if err != nil {
				return err
			}
			defer cancel()
			r := req
			if r.Hotline == "" {
				if r.Hotline, err = defaultHotline(ctx, c, r.Extension); err != nil {
					return err
				}
			}
			id, err := c.Calls.ClickToCall(ctx, &r)
			if err != nil {
				return fail(err)
			}
			v := map[string]string{"call_id": id, "extension": r.Extension, "hotline": r.Hotline, "phone_number": r.PhoneNumber}
			return a.printFields([][2]string{{"call id", id}, {"extension", r.Extension}, {"hotline", r.Hotline},
				{"phone", r.PhoneNumber}}, v)
		},
	}
	f := call.Flags()
	f.StringVar(&req.Extension, "extension", "", "the agent's extension, rung first")
	f.StringVar(&req.PhoneNumber, "phone", "", "the number dialled once the agent answers")
	f.StringVar(&req.Hotline, "hotline", "", "the hotline to call out on (default: the extension's first)")
	trig.AddCommand(call)
	return trig
}

// defaultHotline picks the extension's first hotline, else the tenant's.
func defaultHotline(ctx context.Context, c *omicall.Client, ext string) (string, error) {
	if hs, err := c.CallCenter.ListExtensionHotlines(ctx, ext); err == nil && len(hs) > 0 {
		return hs[0], nil
	}
	t, err := c.Tenant.Get(ctx)
	if err != nil {
		return "", fail(err)
	}
	if len(t.PublicNumbers) == 0 {
		return "", usageErrorf("the tenant has no hotline: pass --hotline")
	}
	return t.PublicNumbers[0].Number, nil
}
