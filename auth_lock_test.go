package omicall_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall"
)

// lockerStore is a TokenLocker in memory, shared by several clients as a
// fleet's store would be; down makes every call fail.
type lockerStore struct {
	mu     sync.Mutex
	tok    omicall.Token
	ok     bool
	holder int // 0: free
	seq    int
	down   atomic.Bool
	locks  atomic.Int32
}

var errDown = errors.New("store down")

func (s *lockerStore) Load(context.Context) (omicall.Token, bool, error) {
	if s.down.Load() {
		return omicall.Token{}, false, errDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok, s.ok, nil
}

func (s *lockerStore) Save(_ context.Context, t omicall.Token) error {
	if s.down.Load() {
		return errDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tok, s.ok = t, true
	return nil
}

func (s *lockerStore) LockToken(context.Context) (omicall.TokenLock, error) {
	if s.down.Load() {
		return nil, errDown
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.holder != 0 {
		return nil, nil
	}
	s.seq++
	s.holder = s.seq
	s.locks.Add(1)
	return &fakeLock{s: s, id: s.seq}, nil
}

type fakeLock struct {
	s  *lockerStore
	id int
}

func (l *fakeLock) Save(_ context.Context, t omicall.Token) error {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	if l.s.holder != l.id {
		return fmt.Errorf("save: %w", omicall.ErrTokenLockLost)
	}
	l.s.tok, l.s.ok = t, true
	return nil
}

func (l *fakeLock) Unlock(context.Context) error {
	l.s.mu.Lock()
	defer l.s.mu.Unlock()
	if l.s.holder == l.id {
		l.s.holder = 0
	}
	return nil
}

// TestTokenLockerOneFetchForTheFleet: 8 clients (a fleet's processes, each
// with its own in-process single flight) sharing a TokenLocker store make
// one /api/auth call between them, and after a revocation one more.
func TestTokenLockerOneFetchForTheFleet(t *testing.T) {
	store := &lockerStore{}
	_, sim := newSimClient(t, nil)
	var clients []*omicall.Client
	for range 8 {
		clients = append(clients, sim.Client(t, omicall.WithTokenStore(store)))
	}
	run := func() {
		var wg sync.WaitGroup
		for _, c := range clients {
			for range 20 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := c.Tenant.Get(ctxT(t))
					assert.NoError(t, err)
				}()
			}
		}
		wg.Wait()
	}
	run()
	assert.Equal(t, 1, sim.Requests(routeAuth), "one /api/auth for 8 clients x 20 calls")
	sim.RevokeTokens()
	run()
	assert.Equal(t, 2, sim.Requests(routeAuth), "one more after the revocation")
}

// TestTokenLockerStoreOutage: with the store down calls go on with a token
// of the client's own (a warning is logged once); when the store answers
// again the client shares its token, and a second client adopts it.
func TestTokenLockerStoreOutage(t *testing.T) {
	store := &lockerStore{}
	store.down.Store(true)
	lb, logger := newLogBuffer()
	_, sim := newSimClient(t, nil)
	a := sim.Client(t, omicall.WithTokenStore(store), omicall.WithLogger(logger))
	for range 3 {
		_, err := a.Tenant.Get(ctxT(t))
		require.NoError(t, err)
	}
	assert.Equal(t, 1, sim.Requests(routeAuth))
	assert.Equal(t, 1, countLines(lb.String(), "the token store failed"))
	assert.NotContains(t, lb.String(), sim.APIKey())

	store.down.Store(false)
	require.Eventually(t, func() bool {
		_, err := a.Tenant.Get(ctxT(t))
		require.NoError(t, err)
		tok, ok, _ := store.Load(ctxT(t))
		return ok && tok.AccessToken != ""
	}, 20*time.Second, 20*time.Millisecond, "the client shares its own token once the store answers")
	ta, err := a.Token(ctxT(t))
	require.NoError(t, err)
	rc := &recorder{}
	b := sim.Client(t, omicall.WithTokenStore(store), omicall.WithObserver(rc.observer()))
	tb, err := b.Token(ctxT(t))
	require.NoError(t, err)
	assert.Equal(t, ta.AccessToken, tb.AccessToken, "the second client uses the shared token")
	assert.Equal(t, 1, sim.Requests(routeAuth))
	assert.Contains(t, lb.String(), "the token store answers again")
	rc.mu.Lock()
	defer rc.mu.Unlock()
	require.Len(t, rc.fetches, 1)
	assert.False(t, rc.fetches[0].FromAPI, "b's token came from the store")
}

// newLogBuffer is the internal tests' concurrency-safe log sink.
var newLogBuffer = omicall.NewLogBuffer

func countLines(s, sub string) int { return strings.Count(s, sub) }
