package redisstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// redisAddr returns the address of the real Redis the tests share
// (OMICALL_TEST_REDIS, set by .ci/run). Without it the test is skipped,
// saying how to run it; under CI=true it fails instead.
func redisAddr(t testing.TB) string {
	t.Helper()
	addr := os.Getenv("OMICALL_TEST_REDIS")
	if addr == "" {
		const how = "needs a Redis server: run .ci/run, or start redis-server and set OMICALL_TEST_REDIS=127.0.0.1:6379"
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and OMICALL_TEST_REDIS is unset: this test " + how)
		}
		t.Skip("skipped: this test " + how)
	}
	return addr
}

// newRedis returns a client of the shared Redis, pinged, closed at the end.
func newRedis(t testing.TB) *redis.Client {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr(t)})
	t.Cleanup(func() { _ = rdb.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := rdb.Ping(ctx).Err(); err != nil {
		t.Fatalf("Redis at %s does not answer: %v", rdb.Options().Addr, err)
	}
	return rdb
}

// uniquePrefix keeps the keys of each test apart in the shared Redis.
func uniquePrefix(t testing.TB) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "omicall-test-" + hex.EncodeToString(b[:])
}

// ownRedis starts a redis-server of the test's own on a free loopback port
// (for the tests that stop and restart it) and returns its address and a
// function that starts it again after it was stopped. It is skipped like
// redisAddr without OMICALL_TEST_REDIS (CI has a redis-server binary then).
func ownRedis(t *testing.T) (addr string, start func(), stop func()) {
	t.Helper()
	redisAddr(t)
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatal("redis-server is not on PATH (apt-get install -y redis-server)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	addr = "127.0.0.1:" + strconv.Itoa(port)
	dir := t.TempDir()
	var cmd *exec.Cmd
	start = func() {
		cmd = exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
		cmd.Stdout, cmd.Stderr = nil, nil
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			c, err := net.DialTimeout("tcp", addr, time.Second)
			if err == nil {
				_ = c.Close()
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("own redis-server on %s did not start", addr)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	stop = func() {
		if cmd != nil && cmd.Process != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			cmd = nil
		}
	}
	start()
	t.Cleanup(stop)
	return addr, start, stop
}
