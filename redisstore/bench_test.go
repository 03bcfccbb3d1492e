package redisstore_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/omicall-go/omicall/redisstore"
)

// BenchmarkTokenStore is the cost of one warm call (GET /api/tenant/detail
// on the simulator, token cached) with the default memory store and with
// the Redis store: the shared store costs nothing once the token is held.
// redis-load is one Load from Redis, what a process pays when it takes the
// fleet's token. Run: OMICALL_TEST_REDIS=127.0.0.1:6379 go test -run '^$'
// -bench BenchmarkTokenStore ./redisstore
func BenchmarkTokenStore(b *testing.B) {
	bench := func(b *testing.B, opts ...omicall.Option) {
		c := omicalltest.NewServer().Client(b, opts...)
		ctx := context.Background()
		if _, err := c.Tenant.Get(ctx); err != nil { // warm: the token is fetched
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := c.Tenant.Get(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run("memory", func(b *testing.B) { bench(b) })
	b.Run("redis", func(b *testing.B) {
		rdb := newRedis(b)
		bench(b, omicall.WithTokenStore(redisstore.NewTokenStore(rdb, "bench", redisstore.WithPrefix(uniquePrefix(b)))))
	})
	b.Run("redis-load", func(b *testing.B) {
		rdb := newRedis(b)
		s := redisstore.NewTokenStore(rdb, "bench", redisstore.WithPrefix(uniquePrefix(b)))
		ctx := context.Background()
		if err := s.Save(ctx, omicall.Token{AccessToken: "t", Expiry: time.Now().Add(time.Hour)}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, _, err := s.Load(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWebhookHandler is the handler's throughput in events/s, each
// request a new event, from 4 x GOMAXPROCS parallel senders (8 on 2
// cores; a receiver serves concurrent hooks): no dedup and in-memory dedup as the baselines, then dedup shared
// through Redis (a Lua claim and a Lua finish per event). Run:
// OMICALL_TEST_REDIS=127.0.0.1:6379 go test -run '^$' -bench BenchmarkWebhookHandler ./redisstore
func BenchmarkWebhookHandler(b *testing.B) {
	fn := func(context.Context, *omicall.CallEvent) error { return nil }
	bench := func(b *testing.B, h http.Handler) {
		var seq atomic.Int64
		b.ReportAllocs()
		b.SetParallelism(4) // 4 x GOMAXPROCS senders: a receiver serves concurrent hooks
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				id := strconv.FormatInt(seq.Add(1), 10)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/hook",
					strings.NewReader(`{"state":"answered","call_uuid":"bench-`+id+`","date_time":1697595783000}`)))
				if rec.Code != http.StatusOK {
					panic(fmt.Sprint("status ", rec.Code))
				}
			}
		})
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	}
	b.Run("no-dedup", func(b *testing.B) { bench(b, omicall.NewWebhookHandler(fn)) })
	b.Run("memory-dedup", func(b *testing.B) { bench(b, omicall.NewWebhookHandler(fn, omicall.WithDedup(10*time.Minute))) })
	b.Run("redis-dedup", func(b *testing.B) {
		rdb := redis.NewClient(&redis.Options{Addr: redisAddr(b), PoolSize: 32})
		b.Cleanup(func() { _ = rdb.Close() })
		store := redisstore.NewDedupStore(rdb, redisstore.WithPrefix(uniquePrefix(b)))
		bench(b, omicall.NewWebhookHandler(fn, omicall.WithDedupStore(store, time.Minute)))
	})
}
