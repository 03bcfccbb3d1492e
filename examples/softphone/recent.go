package main

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
)

// historyRefresh is how often an agent's recent calls are read again from
// the call history: OMICall allows its list only a few times in 30 minutes
// (limit_request_30_minute), so between two reads the CDR hooks keep the
// list current.
const historyRefresh = 30 * time.Minute

// recentCache holds each agent's last calls: read from the call history at
// most once per historyRefresh, and added to by every CDR hook.
type recentCache struct {
	mu    sync.Mutex
	byExt map[string]*recentEntry
}

type recentEntry struct {
	txs    []omicall.Transaction // newest first, at most recentLimit
	loaded time.Time             // when read from the history
}

// get returns ext's recent calls, reading the history with load when the
// list is older than historyRefresh. When the history is rate limited, the
// list it has is good enough.
func (rc *recentCache) get(ctx context.Context, ext string, now time.Time,
	load func(context.Context) ([]omicall.Transaction, error)) ([]omicall.Transaction, error) {
	rc.mu.Lock()
	e := rc.byExt[ext]
	if e != nil && now.Sub(e.loaded) < historyRefresh {
		txs := slices.Clone(e.txs)
		rc.mu.Unlock()
		return txs, nil
	}
	rc.mu.Unlock()

	txs, err := load(ctx)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e = rc.byExt[ext]; err != nil {
		if errors.Is(err, omicall.ErrRateLimited) && e != nil {
			return slices.Clone(e.txs), nil
		}
		return nil, err
	}
	if rc.byExt == nil {
		rc.byExt = map[string]*recentEntry{}
	}
	if e != nil { // CDRs that arrived while the history was read
		for _, tx := range e.txs {
			txs = addCall(txs, tx)
		}
	}
	rc.byExt[ext] = &recentEntry{txs: txs, loaded: now}
	return slices.Clone(txs), nil
}

// add puts the record of a finished call (a CDR hook) into ext's list, if
// the list was read already.
func (rc *recentCache) add(ext string, tx omicall.Transaction) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if e := rc.byExt[ext]; e != nil {
		e.txs = addCall(e.txs, tx)
	}
}

// addCall returns txs with tx in its place (newest first), replacing a
// record of the same call, cut to recentLimit.
func addCall(txs []omicall.Transaction, tx omicall.Transaction) []omicall.Transaction {
	txs = slices.DeleteFunc(slices.Clone(txs), func(x omicall.Transaction) bool { return x.TransactionID == tx.TransactionID })
	i, _ := slices.BinarySearchFunc(txs, tx, func(x, t omicall.Transaction) int { return t.CreatedDate.Compare(x.CreatedDate.Time) })
	txs = slices.Insert(txs, i, tx)
	return txs[:min(len(txs), recentLimit)]
}
