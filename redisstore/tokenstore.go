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
// memory, each logging one warning per outage (see omicall.TokenLocker and
// DedupStore). Every Redis call is bounded (WithOpTimeout), even with a
// client that ignores context deadlines.
package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
)

// TokenStore keeps one tenant's access token in Redis for every process of
// a fleet, with cross-process single flight: it implements
// omicall.TokenLocker, so that when the token is missing or due for
// refresh one process fetches it (holding a lock with a time to live, and
// saving only while it still holds it: the fencing check) and the others
// wait for it and read it. Pass it to omicall.WithTokenStore.
//
// Keys: "{prefix:name}:token" holds the token as JSON and expires with it;
// "{prefix:name}:lock" is the lock, whose value names its holder
// (host/pid/random). A value under the token key that is not a token is
// taken for none, and overwritten by the next fetch. The token is a
// credential: protect the Redis as you would the API key (AUTH, TLS, a
// private network).
//
// The fencing check and the unlock are a Lua script; for a Redis user that
// may not run scripts (an ACL without @scripting) they are a WATCH/MULTI
// transaction; for one that may run neither, LockToken fails at once, so
// that each process fetches a token of its own instead of waiting for a
// lock that nobody could release.
type TokenStore struct {
	rdb               redis.UniversalClient
	tokenKey, lockKey string
	o                 options
	holder            string // host/pid, the start of lock values
	fence             fence
}

// NewTokenStore returns the store of the tenant called name (any label
// that tells your tenants apart, the same in every process; not the API
// key) on rdb.
func NewTokenStore(rdb redis.UniversalClient, name string, opts ...Option) *TokenStore {
	o := newOptions(opts, DefaultOpTimeout)
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

// Load returns the stored token; ok is false when there is none, or when
// the key holds something else than a token (then the client fetches one
// under the lock and overwrites it).
func (s *TokenStore) Load(ctx context.Context) (omicall.Token, bool, error) {
	b, err := bounded(ctx, s.o.opTimeout, func(ctx context.Context) ([]byte, error) {
		return s.rdb.Get(ctx, s.tokenKey).Bytes()
	})
	if errors.Is(err, redis.Nil) {
		return omicall.Token{}, false, nil
	}
	if err != nil {
		return omicall.Token{}, false, fmt.Errorf("redisstore: load: %w", err)
	}
	var st storedToken
	if json.Unmarshal(b, &st) != nil || st.AccessToken == "" {
		return omicall.Token{}, false, nil // malformed: no token; never quote the value
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
	_, err = bounded(ctx, s.o.opTimeout, func(ctx context.Context) (string, error) {
		return s.rdb.Set(ctx, s.tokenKey, b, ttl).Result()
	})
	if err != nil {
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
