package redisstore_test

import (
	"context"
	"log"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/redisstore"
)

func handleEvent(context.Context, *omicall.CallEvent) error { return nil }

// Every replica of a CRM backend shares one access token and one webhook
// dedup memory through Redis.
func Example() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	c, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"),
		omicall.WithTokenStore(redisstore.NewTokenStore(rdb, "acme")), // one /api/auth for the whole fleet
	)
	if err != nil {
		log.Fatal(err)
	}
	h := omicall.NewWebhookHandler(handleEvent,
		omicall.WithWebhookSecret(os.Getenv("OMICALL_WEBHOOK_SECRET")),
		omicall.WithDedupStore(redisstore.NewDedupStore(rdb), 10*time.Minute), // once across replicas
	)
	http.Handle("/omicall/events", h)
	_ = c
}

// The lock's time to live bounds how long the fleet waits when the process
// fetching the token dies; the op timeout, how long a call waits for a
// Redis that hangs before falling back to a token of its own.
func ExampleNewTokenStore_options() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	store := redisstore.NewTokenStore(rdb, "acme",
		redisstore.WithPrefix("crm-prod"),       // keys {crm-prod:acme}:token and {crm-prod:acme}:lock
		redisstore.WithLockTTL(15*time.Second),  // longer than a token fetch takes
		redisstore.WithOpTimeout(2*time.Second), // per Redis command
	)
	_ = store
}

// The dedup store of a webhook receiver: when Redis fails, each event waits
// at most the op timeout once, then the replica checks events in its own
// memory, logging one warning per outage, until Redis answers again.
func ExampleNewDedupStore() {
	rdb := redis.NewClient(&redis.Options{Addr: os.Getenv("REDIS_ADDR")})
	logger := slog.Default()
	store := redisstore.NewDedupStore(rdb,
		redisstore.WithLogger(logger),                  // one warning per Redis outage
		redisstore.WithOpTimeout(200*time.Millisecond), // per Redis call; then the replica goes on alone
	)
	h := omicall.NewWebhookHandler(handleEvent, omicall.WithDedupStore(store, 10*time.Minute))
	// Export store.Stats() to your metrics: Outages, Bypassed, Replayed, Dropped, Down.
	_ = h
}
