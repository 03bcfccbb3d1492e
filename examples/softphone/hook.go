package main

import (
	"cmp"
	"context"
	"net/http"
	"time"

	"github.com/omicall-go/omicall"
)

// newHookHandler is the SDK's webhook handler at /omicall/hook: it checks the
// secret, parses the event and hands it to the broker, which never blocks,
// so OMICall's delivery is answered at once.
func (a *app) newHookHandler() http.Handler {
	opts := []omicall.WebhookOption{
		omicall.WithDedup(10 * time.Minute),
		omicall.WithWebhookLogger(a.log),
	}
	if a.cfg.HookSecret != "" {
		opts = append(opts, omicall.WithWebhookSecret(a.cfg.HookSecret))
	}
	return omicall.NewWebhookHandler(func(ctx context.Context, ev *omicall.CallEvent) error {
		if a.calls != nil { // stored first: a failure answers 500 and OMICall sends the hook again
			if err := a.calls.HandleEvent(ctx, ev); err != nil {
				return err
			}
		}
		ext := agentExtension(ev)
		if ext == "" {
			a.log.Debug("call event without an agent", "state", ev.State, "call", ev.CallID)
			return nil
		}
		if ev.CDR != nil {
			a.recent.add(ext, *ev.CDR) // before the page hears of it and asks
		}
		a.events.publish(ext, toPageEvent(ev))
		return nil
	}, opts...)
}

// agentExtension is the extension of the agent a call event belongs to:
// ev.Extension ("extension", else "sip_user", else from_number of an
// outbound 2023 hook), and for an inbound 2023 hook, which names the agent
// only as its to_number, ev.To.
func agentExtension(ev *omicall.CallEvent) string {
	if ev.Extension == "" && ev.Direction == omicall.DirectionInbound {
		return ev.To
	}
	return ev.Extension
}

// toPageEvent is what the page shows of ev.
func toPageEvent(ev *omicall.CallEvent) pageEvent {
	pe := pageEvent{
		State: string(ev.State), CallID: ev.CallID, Direction: string(ev.Direction),
		Phone: ev.PhoneNumber, Hotline: ev.Hotline, Time: vietnamTime(ev.Time),
	}
	if cdr := ev.CDR; cdr != nil {
		pe.Duration, pe.BillSec = cdr.Duration, cdr.BillSec
		pe.Recording = cmp.Or(cdr.RecordingFileURL, cdr.RecordingFile)
	}
	return pe
}
