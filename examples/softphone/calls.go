package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/omicall-go/omicall"
)

// phonePattern is what the page may dial: a Vietnamese or international
// number, digits only after an optional "+".
var phonePattern = regexp.MustCompile(`^\+?[0-9]{8,15}$`)

// handleCall is POST /api/calls {"phone"}: a click-to-call from the agent's
// extension. OMICall rings the agent's softphone first, then dials the
// number; the call's events arrive on the event stream.
func (a *app) handleCall(w http.ResponseWriter, r *http.Request, s *session) {
	var in struct {
		Phone string `json:"phone"`
	}
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096)).Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "send {\"phone\": \"...\"}")
		return
	}
	phone := strings.Map(func(c rune) rune {
		if c == ' ' || c == '.' || c == '-' {
			return -1
		}
		return c
	}, strings.TrimSpace(in.Phone))
	if !phonePattern.MatchString(phone) {
		writeError(w, http.StatusBadRequest, "enter a phone number: 8 to 15 digits, optionally after +")
		return
	}
	hotline, err := a.hotline(r.Context())
	if err != nil {
		a.log.Warn("click-to-call: no hotline", "err", err)
		writeError(w, http.StatusBadGateway, "OMICall is unavailable, try again")
		return
	}
	id, err := a.c.Calls.ClickToCall(r.Context(), &omicall.ClickToCallRequest{
		Extension: s.Extension, Hotline: hotline, PhoneNumber: phone,
	})
	switch {
	case err == nil:
		a.log.Info("click-to-call", "extension", s.Extension, "call", id)
		writeJSON(w, http.StatusAccepted, map[string]string{"callId": id})
	case errors.Is(err, omicall.ErrUserNotRegistered):
		writeError(w, http.StatusConflict, "your softphone is not registered: wait for 'registered' and try again")
	case errors.Is(err, omicall.ErrPhoneInvalid):
		writeError(w, http.StatusBadRequest, "OMICall refused the number as invalid")
	case errors.Is(err, omicall.ErrDoNotCall):
		writeError(w, http.StatusBadRequest, "this number is on the do-not-call list")
	case errors.Is(err, omicall.ErrUserBusy):
		writeError(w, http.StatusConflict, "the line is busy: try again later")
	default:
		a.log.Warn("click-to-call", "extension", s.Extension, "err", err)
		writeError(w, http.StatusBadGateway, "OMICall did not place the call")
	}
}

// hotline is the hotline click-to-call goes out on: -hotline, else the
// tenant's first public number (looked up once).
func (a *app) hotline(ctx context.Context) (string, error) {
	if a.cfg.Hotline != "" {
		return a.cfg.Hotline, nil
	}
	a.hotlineMu.Lock()
	defer a.hotlineMu.Unlock()
	if a.hotlineV != "" {
		return a.hotlineV, nil
	}
	t, err := a.c.Tenant.Get(ctx)
	if err != nil {
		return "", err
	}
	if len(t.PublicNumbers) == 0 {
		return "", errors.New("the tenant has no hotline")
	}
	a.hotlineV = t.PublicNumbers[0].Number
	return a.hotlineV, nil
}

// recentCall is one row of the recent-calls table.
type recentCall struct {
	CallID      string `json:"callId"`
	Time        string `json:"time"` // Vietnam time
	Direction   string `json:"direction"`
	Phone       string `json:"phone"`
	Disposition string `json:"disposition"`
	Duration    int    `json:"duration"`
	BillSec     int    `json:"billSec"`
	Recording   string `json:"recording,omitempty"`
}

// recentLimit is how many calls the table shows.
const recentLimit = 20

// handleRecent is GET /api/calls/recent: the agent's last 20 calls of the
// last 30 days, newest first, from the call history (read again every 30
// minutes at most) and the CDR hooks since.
func (a *app) handleRecent(w http.ResponseWriter, r *http.Request, s *session) {
	if a.calls != nil {
		a.handleRecentStored(w, r, s)
		return
	}
	now := time.Now()
	txs, err := a.recent.get(r.Context(), s.Extension, now, func(ctx context.Context) ([]omicall.Transaction, error) {
		return a.recentCalls(ctx, s.Extension, now)
	})
	if err != nil {
		a.log.Warn("recent calls", "extension", s.Extension, "err", err)
		writeError(w, http.StatusBadGateway, "call history is unavailable, try again")
		return
	}
	rows := make([]recentCall, 0, len(txs))
	for _, tx := range txs {
		rows = append(rows, recentCall{
			CallID: tx.TransactionID, Time: vietnamTime(tx.CreatedDate.Time),
			Direction: string(tx.Direction), Phone: customerNumber(&tx),
			Disposition: string(tx.Disposition), Duration: tx.Duration, BillSec: tx.BillSec,
			Recording: cmp.Or(tx.RecordingFile, tx.RecordingFileURL),
		})
	}
	writeJSON(w, http.StatusOK, rows)
}

// handleRecentStored is handleRecent with a database of calls (config.CallsDB):
// the agent's last calls as stored from the hooks and the history.
func (a *app) handleRecentStored(w http.ResponseWriter, r *http.Request, s *session) {
	calls, err := a.calls.Store().Recent(r.Context(), s.Extension, recentLimit)
	if err != nil {
		a.log.Warn("recent calls from the database", "extension", s.Extension, "err", err)
		writeError(w, http.StatusBadGateway, "the call database is unavailable, try again")
		return
	}
	rows := make([]recentCall, 0, len(calls))
	for _, c := range calls {
		rows = append(rows, recentCall{
			CallID: c.TransactionID, Time: vietnamTime(c.StartedAt), Direction: c.Direction, Phone: c.CustomerNumber,
			Disposition: c.Disposition, Duration: c.DurationSec, BillSec: c.BillSec, Recording: c.RecordingURL,
		})
	}
	writeJSON(w, http.StatusOK, rows)
}

// recentCalls returns ext's last recentLimit calls of the 30 days before
// now, newest first. The history lists oldest first, so it reads the
// number of calls first, then the last one or two pages.
func (a *app) recentCalls(ctx context.Context, ext string, now time.Time) ([]omicall.Transaction, error) {
	opts := omicall.TransactionListOptions{
		From: now.Add(-omicall.MaxTransactionRange).Add(time.Millisecond), To: now,
		SIPUser: ext, Size: recentLimit, Page: 1,
	}
	first, err := a.c.Transactions.List(ctx, &opts)
	if err != nil {
		return nil, err
	}
	txs := first.Items
	if last := (first.TotalItems + recentLimit - 1) / recentLimit; last > 1 {
		txs = nil
		for _, p := range []int{last - 1, last} {
			opts.Page = p
			page, err := a.c.Transactions.List(ctx, &opts)
			if err != nil {
				return nil, err
			}
			txs = append(txs, page.Items...)
		}
	}
	slices.SortStableFunc(txs, func(x, y omicall.Transaction) int { return y.CreatedDate.Compare(x.CreatedDate.Time) })
	return txs[:min(len(txs), recentLimit)], nil
}

// customerNumber is the other party of a recorded call.
func customerNumber(tx *omicall.Transaction) string {
	if tx.PhoneNumber != "" {
		return tx.PhoneNumber
	}
	if tx.Direction == omicall.DirectionInbound {
		return tx.SourceNumber
	}
	return tx.DestinationNumber
}

// vietnamTime prints t as OMICall's console shows it.
func vietnamTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(omicall.Vietnam).Format("2006-01-02 15:04:05") + " ICT"
}
