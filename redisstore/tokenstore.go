// Package redisstore shares what the replicas of a service need to share,
// on Redis: an omicall client's access token, fetched once for the whole
// fleet (TokenStore, an omicall.TokenLocker), and a webhook handler's
// dedup memory (DedupStore, an omicall.DedupStore), so that a redelivery
// reaching another replica does not run the callback again.
//
// Both take any redis.UniversalClient (a *redis.Client, a cluster or
// failover client); their keys of one name share a hash tag, so they live
// in one Redis Cluster slot. A Redis outage never stops calls or events:
// the client falls back to a token of its own and the handler to its own
// memory, each logging a warning (see omicall.TokenLocker and
// omicall.WithDedupStore).
package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
)

// Defaults of the options.
const (
	DefaultPrefix    = "omicall"
	DefaultLockTTL   = 15 * time.Second
	DefaultOpTimeout = 2 * time.Second
)

// Option configures a TokenStore or a DedupStore.
type Option func(*options)

type options struct {
	prefix     string
	lockTTL    time.Duration
	opTimeout  time.Duration
	runningTTL time.Duration
}

func newOptions(opts []Option) options {
	o := options{prefix: DefaultPrefix, lockTTL: DefaultLockTTL, opTimeout: DefaultOpTimeout, runningTTL: DefaultRunningTTL}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// WithPrefix sets the first part of every key (default "omicall"), e.g. to
// keep several environments apart in one Redis.
func WithPrefix(p string) Option {
	return func(o *options) {
		if p != "" {
			o.prefix = p
		}
	}
}

// WithLockTTL sets how long the token lock lives when its holder neither
// saves nor releases it (default 15s): a process that dies while fetching
// the token blocks the others for at most this long. Make it longer than a
// token fetch takes (its timeouts and retries included); d <= 0 keeps the
// default.
func WithLockTTL(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.lockTTL = d
		}
	}
}

// WithOpTimeout bounds each Redis command (default 2s), so that a Redis that
// hangs fails fast and the client falls back; d <= 0 keeps the default.
func WithOpTimeout(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.opTimeout = d
		}
	}
}

// TokenStore keeps one tenant's access token in Redis for every process of
// a fleet, with cross-process single flight: it implements
// omicall.TokenLocker, so that when the token is missing or due for
// refresh one process fetches it (holding a lock with a time to live, and
// saving only while it still holds it: the fencing check) and the others
// wait for it and read it. Pass it to omicall.WithTokenStore.
//
// Keys: "{prefix:name}:token" holds the token as JSON and expires with it;
// "{prefix:name}:lock" is the lock, whose value names its holder
// (host/pid/random). The token is a credential: protect the Redis as you
// would the API key (AUTH, TLS, a private network).
type TokenStore struct {
	rdb               redis.UniversalClient
	tokenKey, lockKey string
	o                 options
	holder            string // host/pid, the start of lock values
}

// NewTokenStore returns the store of the tenant called name (any label
// that tells your tenants apart, the same in every process; not the API
// key) on rdb.
func NewTokenStore(rdb redis.UniversalClient, name string, opts ...Option) *TokenStore {
	o := newOptions(opts)
	tag := "{" + o.prefix + ":" + name + "}"
	host, _ := os.Hostname()
	return &TokenStore{rdb: rdb, tokenKey: tag + ":token", lockKey: tag + ":lock", o: o, holder: fmt.Sprintf("%s/%d", host, os.Getpid())}
}

// Format prints the store's keys, never a token.
func (s *TokenStore) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "redisstore.TokenStore{Key: %s}", s.tokenKey)
}

// storedToken is the JSON kept in Redis.
type storedToken struct {
	AccessToken string    `json:"access_token"`
	TokenType   string    `json:"token_type"`
	AccessType  string    `json:"access_type,omitempty"`
	Expiry      time.Time `json:"expiry"`
}

var errMalformed = errors.New("redisstore: the stored token is malformed")

// Load returns the stored token; ok is false when there is none.
func (s *TokenStore) Load(ctx context.Context) (omicall.Token, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, s.o.opTimeout)
	defer cancel()
	b, err := s.rdb.Get(ctx, s.tokenKey).Bytes()
	if errors.Is(err, redis.Nil) {
		return omicall.Token{}, false, nil
	}
	if err != nil {
		return omicall.Token{}, false, fmt.Errorf("redisstore: load: %w", err)
	}
	var st storedToken
	if json.Unmarshal(b, &st) != nil || st.AccessToken == "" {
		return omicall.Token{}, false, errMalformed // the JSON error could quote the value
	}
	return omicall.Token{AccessToken: st.AccessToken, TokenType: st.TokenType, AccessType: st.AccessType, Expiry: st.Expiry}, true, nil
}

// Save stores tok unconditionally (a client sharing through the lock uses
// TokenLock.Save instead). It expires with the token.
func (s *TokenStore) Save(ctx context.Context, tok omicall.Token) error {
	b, ttl, err := encode(tok)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.opTimeout)
	defer cancel()
	if err := s.rdb.Set(ctx, s.tokenKey, b, ttl).Err(); err != nil {
		return fmt.Errorf("redisstore: save: %w", err)
	}
	return nil
}

// encode returns the JSON of tok and the time it has left to live.
func encode(tok omicall.Token) ([]byte, time.Duration, error) {
	ttl := time.Until(tok.Expiry)
	if ttl < time.Second {
		return nil, 0, errors.New("redisstore: the token has expired")
	}
	b, err := json.Marshal(storedToken{AccessToken: tok.AccessToken, TokenType: tok.TokenType, AccessType: tok.AccessType, Expiry: tok.Expiry})
	return b, ttl, err
}

// LockToken takes the fleet's token lock if it is free (SET NX PX with the
// lock's time to live), or returns (nil, nil) when another process holds it.
func (s *TokenStore) LockToken(ctx context.Context) (omicall.TokenLock, error) {
	var rnd [12]byte
	_, _ = rand.Read(rnd[:])
	l := &tokenLock{s: s, value: s.holder + "/" + hex.EncodeToString(rnd[:])}
	ctx, cancel := context.WithTimeout(ctx, s.o.opTimeout)
	defer cancel()
	ok, err := s.rdb.SetNX(ctx, s.lockKey, l.value, s.o.lockTTL).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: lock: %w", err)
	}
	if !ok {
		return nil, nil
	}
	return l, nil
}

// LockHolder returns the value of the token lock ("host/pid/random"), ""
// when it is free: who is fetching the token now, for operators and tests.
func (s *TokenStore) LockHolder(ctx context.Context) (string, error) {
	v, err := s.rdb.Get(ctx, s.lockKey).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	return v, err
}

// tokenLock is a held lock; value is unique to its holder.
type tokenLock struct {
	s     *TokenStore
	value string
}

// fencedSave stores the token only while the lock holds the caller's value.
var fencedSave = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`)

// unlock deletes the lock only while it holds the caller's value.
var unlock = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

// Save stores tok if the lock is still this holder's; otherwise it stores
// nothing and returns an error matching omicall.ErrTokenLockLost.
func (l *tokenLock) Save(ctx context.Context, tok omicall.Token) error {
	b, ttl, err := encode(tok)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, l.s.o.opTimeout)
	defer cancel()
	n, err := fencedSave.Run(ctx, l.s.rdb, []string{l.s.lockKey, l.s.tokenKey}, l.value, b, ttl.Milliseconds()).Int()
	if err != nil {
		return fmt.Errorf("redisstore: save: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("redisstore: save: %w", omicall.ErrTokenLockLost)
	}
	return nil
}

// Unlock releases the lock if it is still this holder's.
func (l *tokenLock) Unlock(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, l.s.o.opTimeout)
	defer cancel()
	if err := unlock.Run(ctx, l.s.rdb, []string{l.s.lockKey}, l.value).Err(); err != nil {
		return fmt.Errorf("redisstore: unlock: %w", err)
	}
	return nil
}

var _ omicall.TokenLocker = (*TokenStore)(nil)
