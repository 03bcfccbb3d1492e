package main

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/omicall-go/omicall"
)

// directoryTTL is how long the agent directory is used before it is read
// again: how long a removed agent, or one moved to another extension, may
// keep using a session.
const directoryTTL = time.Minute

// directoryRetry is how long a failed read is remembered, so that an
// OMICall outage is not hit by every request.
const directoryRetry = 5 * time.Second

// agentEntry is what the directory knows of an agent: no SIP password.
type agentEntry struct {
	Extension string
	Name      string
}

// directory is the tenant's agents by e-mail, read from OMICall's extension
// list at most once per ttl, whatever the number of sign-in attempts,
// known e-mails or not. One read runs at a time; the others wait for it.
type directory struct {
	load func(context.Context) (map[string]agentEntry, error)
	ttl  time.Duration
	now  func() time.Time

	mu       sync.Mutex
	agents   map[string]agentEntry
	loadedAt time.Time     // when agents was read
	err      error         // of the last read, if it failed
	failedAt time.Time     // when it failed
	gen      int           // counts forget calls: a read begun before one is not kept
	loading  chan struct{} // closed when the read under way ends
}

func newDirectory(c *omicall.Client, ttl time.Duration) *directory {
	return &directory{ttl: ttl, now: time.Now, load: func(ctx context.Context) (map[string]agentEntry, error) {
		agents := map[string]agentEntry{}
		for e, err := range c.CallCenter.AllExtensions(ctx, nil) {
			if err != nil {
				return nil, err
			}
			if e.Email != "" && e.SIPUser != "" {
				agents[strings.ToLower(e.Email)] = agentEntry{Extension: e.SIPUser, Name: e.FullName}
			}
		}
		return agents, nil
	}}
}

// lookup returns the agent with that (lower-case) e-mail; ok is false for
// no such agent.
func (d *directory) lookup(ctx context.Context, email string) (agentEntry, bool, error) {
	for waited := false; ; waited = true {
		d.mu.Lock()
		now := d.now()
		if d.agents != nil && now.Sub(d.loadedAt) < d.ttl {
			return d.found(email)
		}
		if d.err != nil && now.Sub(d.failedAt) < directoryRetry {
			err := d.err
			d.mu.Unlock()
			return agentEntry{}, false, err
		}
		if waited && d.agents != nil { // the read just waited for is fresh enough, whatever the TTL
			return d.found(email)
		}
		if d.loading == nil {
			d.loading = make(chan struct{})
			go d.read(d.gen, d.loading)
		}
		wait := d.loading
		d.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return agentEntry{}, false, ctx.Err()
		}
	}
}

// found returns the agent with that e-mail and unlocks d.mu.
func (d *directory) found(email string) (agentEntry, bool, error) {
	e, ok := d.agents[email]
	d.mu.Unlock()
	return e, ok, nil
}

// read loads the directory, on a context of its own: a request that gives
// up waiting does not fail the read for the others.
func (d *directory) read(gen int, done chan struct{}) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	agents, err := d.load(ctx)
	d.mu.Lock()
	defer d.mu.Unlock()
	defer close(done)
	d.loading = nil
	switch {
	case gen != d.gen: // forgotten meanwhile: the next lookup reads again
	case err != nil:
		d.err, d.failedAt = err, d.now()
	default:
		d.agents, d.loadedAt, d.err = agents, d.now(), nil
	}
}

// forget makes the next lookup read the directory again (after an invite).
func (d *directory) forget() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.agents, d.err = nil, nil
	d.gen++
}
