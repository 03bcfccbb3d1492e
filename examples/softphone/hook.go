package main

import (
	"cmp"
	"context"
	"encoding/json"
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
	return omicall.NewWebhookHandler(func(_ context.Context, ev *omicall.CallEvent) error {
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
// "extension" (2026 hooks), else "sip_user" (the CDR), else the agent's
// side of a 2023 state hook: from_number on an outbound or local call,
// to_number on an inbound one (REFERENCE §18.4).
//
// TODO(v0.2 merge): use ev.Extension.
func agentExtension(ev *omicall.CallEvent) string {
	var wire struct {
		Extension string `json:"extension"`
		SIPUser   string `json:"sip_user"`
	}
	_ = json.Unmarshal(ev.Raw, &wire) // a field of another type stays empty
	if ext := cmp.Or(wire.Extension, wire.SIPUser); ext != "" {
		return ext
	}
	if ev.CDR != nil && ev.CDR.SIPUser != "" {
		return ev.CDR.SIPUser
	}
	if ev.Direction == omicall.DirectionInbound {
		return ev.To
	}
	return ev.From
}

// customerPhone is the customer's number of a call event: phone_number,
// else the other side than the agent's.
//
// TODO(v0.2 merge): use ev.PhoneNumber.
func customerPhone(ev *omicall.CallEvent) string {
	if ev.CDR != nil && ev.CDR.PhoneNumber != "" {
		return ev.CDR.PhoneNumber
	}
	var wire struct {
		PhoneNumber string `json:"phone_number"`
	}
	_ = json.Unmarshal(ev.Raw, &wire)
	if wire.PhoneNumber != "" {
		return wire.PhoneNumber
	}
	if ev.Direction == omicall.DirectionInbound {
		return ev.From
	}
	return ev.To
}

// toPageEvent is what the page shows of ev.
func toPageEvent(ev *omicall.CallEvent) pageEvent {
	pe := pageEvent{
		State: string(ev.State), CallID: ev.CallID, Direction: string(ev.Direction),
		Phone: customerPhone(ev), Hotline: ev.Hotline, Time: vietnamTime(ev.Time),
	}
	if cdr := ev.CDR; cdr != nil {
		pe.Duration, pe.BillSec = cdr.Duration, cdr.BillSec
		pe.Recording = cmp.Or(cdr.RecordingFileURL, cdr.RecordingFile)
	}
	return pe
}
