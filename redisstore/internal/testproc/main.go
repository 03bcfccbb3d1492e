// Command testproc is one process of a fleet in redisstore's cross-process
// tests: an omicall client on a shared redisstore.TokenStore, driven by
// commands on stdin, one a line:
//
//	run G N   G goroutines make N calls each; prints "done ok=.. err=.. ms=.."
//	token     prints "token <fingerprint>" (a digest, never the token)
//	quit
//
// It prints "ready <pid>" first. Warnings go to stderr.
package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/redisstore"
)

func main() {
	base := flag.String("base", "", "simulator base URL")
	key := flag.String("key", "", "API key")
	addr := flag.String("redis", "", "Redis address")
	prefix := flag.String("prefix", "omicall", "key prefix")
	lockTTL := flag.Duration("lock-ttl", 15*time.Second, "token lock TTL")
	flag.Parse()

	rdb := redis.NewClient(&redis.Options{Addr: *addr, MaxRetries: 1, DialTimeout: time.Second})
	store := redisstore.NewTokenStore(rdb, "fleet", redisstore.WithPrefix(*prefix), redisstore.WithLockTTL(*lockTTL),
		redisstore.WithOpTimeout(time.Second))
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c, err := omicall.NewClient(*key, omicall.WithBaseURL(*base), omicall.WithTokenStore(store), omicall.WithLogger(log),
		omicall.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out := bufio.NewWriter(os.Stdout)
	say := func(format string, a ...any) { fmt.Fprintf(out, format+"\n", a...); _ = out.Flush() }
	say("ready %d", os.Getpid())
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) == 0 {
			continue
		}
		switch f[0] {
		case "run":
			var g, n int
			fmt.Sscan(f[1], &g)
			fmt.Sscan(f[2], &n)
			start := time.Now()
			var ok, bad atomic.Int64
			var wg sync.WaitGroup
			for range g {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for range n {
						ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
						if _, err := c.Tenant.Get(ctx); err != nil {
							bad.Add(1)
							fmt.Fprintln(os.Stderr, "call failed:", err)
						} else {
							ok.Add(1)
						}
						cancel()
					}
				}()
			}
			wg.Wait()
			say("done ok=%d err=%d ms=%d", ok.Load(), bad.Load(), time.Since(start).Milliseconds())
		case "token":
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			t, err := c.Token(ctx)
			cancel()
			if err != nil {
				say("token error")
				continue
			}
			say("token %s", Fingerprint(t.AccessToken))
		case "quit":
			return
		}
	}
}

// Fingerprint is a short digest of a token, safe to print.
func Fingerprint(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:6])
}
