package redisstore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"strconv"
	"syscall"
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
	p := newRedisProc(t)
	return p.addr, p.start, p.stop
}

// redisProc is a redis-server of a test's own, without persistence.
type redisProc struct {
	t    *testing.T
	addr string
	port int
	bin  string
	dir  string
	cmd  *exec.Cmd
}

// newRedisProc starts a redis-server on a free loopback port, stopped when
// the test ends.
func newRedisProc(t *testing.T) *redisProc {
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
	p := &redisProc{t: t, addr: "127.0.0.1:" + strconv.Itoa(port), port: port, bin: bin, dir: t.TempDir()}
	p.start()
	t.Cleanup(p.stop)
	return p
}

// start starts the server (again) and waits until it accepts connections.
func (p *redisProc) start() {
	p.cmd = exec.Command(p.bin, "--port", strconv.Itoa(p.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", p.dir)
	if err := p.cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", p.addr, time.Second)
		if err == nil {
			_ = c.Close()
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("own redis-server on %s did not start", p.addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop kills the server (SIGKILL: it forgets everything).
func (p *redisProc) stop() {
	if p.cmd != nil && p.cmd.Process != nil {
		_ = p.cmd.Process.Signal(syscall.SIGCONT) // a paused server dies too
		_ = p.cmd.Process.Kill()
		_ = p.cmd.Wait()
		p.cmd = nil
	}
}

// pause stops the server's process (SIGSTOP): connections are accepted by
// the kernel, but nothing is answered, as with a Redis that hangs.
func (p *redisProc) pause() { _ = p.cmd.Process.Signal(syscall.SIGSTOP) }

// resume continues a paused server.
func (p *redisProc) resume() { _ = p.cmd.Process.Signal(syscall.SIGCONT) }
