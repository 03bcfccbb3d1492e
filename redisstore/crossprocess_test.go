package redisstore_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/omicall-go/omicall/omicalltest"
	"github.com/omicall-go/omicall/redisstore"
)

// The helper program (internal/testproc), built once per test binary.
var (
	helperOnce sync.Once
	helperPath string
	helperErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if helperPath != "" {
		_ = os.RemoveAll(filepath.Dir(helperPath))
	}
	os.Exit(code)
}

func buildHelper(t *testing.T) string {
	t.Helper()
	helperOnce.Do(func() {
		dir, err := os.MkdirTemp("", "omicall-testproc-")
		if err != nil {
			helperErr = err
			return
		}
		p := filepath.Join(dir, "testproc")
		out, err := exec.Command("go", "build", "-o", p, "./internal/testproc").CombinedOutput()
		if err != nil {
			helperErr = fmt.Errorf("go build ./internal/testproc: %v\n%s", err, out)
			return
		}
		helperPath = p
	})
	require.NoError(t, helperErr)
	return helperPath
}

// authCounter wraps the simulator: it counts GET /api/auth and, while
// hold is set, holds every /api/auth until released.
type authCounter struct {
	n       atomic.Int32
	hold    atomic.Bool
	arrived chan struct{} // one send per held request
	release chan struct{}
}

func newAuthCounter() *authCounter {
	return &authCounter{arrived: make(chan struct{}, 16), release: make(chan struct{})}
}

func (a *authCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/auth" {
			a.n.Add(1)
			if a.hold.Load() {
				a.arrived <- struct{}{}
				select {
				case <-a.release:
				case <-r.Context().Done():
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// fleet is a simulator and the processes of a fleet sharing one Redis.
type fleet struct {
	t     *testing.T
	sim   *omicalltest.Server
	auth  *authCounter
	procs []*proc
	rdb   *redis.Client
	store *redisstore.TokenStore
	key   string // the API key, which no output may contain
}

type proc struct {
	cmd    *exec.Cmd
	pid    int
	stdin  io.WriteCloser
	lines  chan string
	stderr *lockedBuf
}

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func newFleet(t *testing.T, redisAddr string, n int, lockTTL time.Duration) *fleet {
	t.Helper()
	bin := buildHelper(t)
	f := &fleet{t: t, sim: omicalltest.NewServer(), auth: newAuthCounter()}
	f.key = f.sim.APIKey()
	base, stop, err := f.sim.Listen("127.0.0.1:0", f.auth.wrap)
	require.NoError(t, err)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		close(f.auth.release)
		_ = stop(ctx)
	})
	prefix := uniquePrefix(t)
	f.rdb = redis.NewClient(&redis.Options{Addr: redisAddr})
	t.Cleanup(func() { _ = f.rdb.Close() })
	f.store = redisstore.NewTokenStore(f.rdb, "fleet", redisstore.WithPrefix(prefix))
	for range n {
		p := &proc{lines: make(chan string, 64), stderr: &lockedBuf{}}
		p.cmd = exec.Command(bin, "-base", base, "-key", f.key, "-redis", redisAddr, "-prefix", prefix, "-lock-ttl", lockTTL.String())
		p.cmd.Stderr = p.stderr
		p.stdin, err = p.cmd.StdinPipe()
		require.NoError(t, err)
		stdout, err := p.cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, p.cmd.Start())
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				p.lines <- sc.Text()
			}
			close(p.lines)
		}()
		t.Cleanup(func() {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait()
			assert.NotContains(t, p.stderr.String(), f.key, "a process logged the API key")
		})
		f.procs = append(f.procs, p)
	}
	for _, p := range f.procs {
		line := p.expect(t, "ready", 60*time.Second)
		p.pid, _ = strconv.Atoi(strings.Fields(line)[1])
	}
	return f
}

// expect returns the next line starting with prefix, failing after wait.
func (p *proc) expect(t *testing.T, prefix string, wait time.Duration) string {
	t.Helper()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				t.Fatalf("process %d ended; stderr:\n%s", p.pid, p.stderr.String())
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-timer.C:
			t.Fatalf("process %d: no %q line within %s; stderr:\n%s", p.pid, prefix, wait, p.stderr.String())
		}
	}
}

func (p *proc) send(t *testing.T, cmd string) {
	t.Helper()
	_, err := io.WriteString(p.stdin, cmd+"\n")
	require.NoError(t, err)
}

// run makes every process (but the skipped) run g goroutines x n calls at
// once and checks that every call succeeded.
func (f *fleet) run(g, n int, during func()) {
	f.t.Helper()
	for _, p := range f.procs {
		p.send(f.t, fmt.Sprintf("run %d %d", g, n))
	}
	if during != nil {
		during()
	}
	for _, p := range f.procs {
		line := p.expect(f.t, "done", 120*time.Second)
		assert.Contains(f.t, line, " err=0 ", "process %d: %s", p.pid, line)
	}
}

// tokens returns each process's token fingerprint.
func (f *fleet) tokens() []string {
	f.t.Helper()
	var out []string
	for _, p := range f.procs {
		p.send(f.t, "token")
		out = append(out, strings.TrimPrefix(p.expect(f.t, "token", 60*time.Second), "token "))
	}
	return out
}

// storedToken returns the fingerprint of the token in Redis ("" if none)
// and the token, for the leak checks.
func (f *fleet) storedToken() (string, string) {
	tok, ok, err := f.store.Load(context.Background())
	if err != nil || !ok {
		return "", ""
	}
	h := sha256.Sum256([]byte(tok.AccessToken))
	return hex.EncodeToString(h[:6]), tok.AccessToken
}

// TestCrossProcessColdStartOneAuth: 4 processes x 100 goroutines on a
// cold shared store make exactly one /api/auth call.
func TestCrossProcessColdStartOneAuth(t *testing.T) {
	f := newFleet(t, redisAddr(t), 4, 15*time.Second)
	f.run(100, 5, nil)
	assert.EqualValues(t, 1, f.auth.n.Load(), "/api/auth calls for 4 processes x 100 goroutines")
	fp, tok := f.storedToken()
	require.NotEmpty(t, fp)
	for _, got := range f.tokens() {
		assert.Equal(t, fp, got, "every process uses the shared token")
	}
	for _, p := range f.procs {
		assert.NotContains(t, p.stderr.String(), tok)
	}
	t.Logf("cold start: %d /api/auth for 4 processes x 100 goroutines x 5 calls", f.auth.n.Load())
}

// TestCrossProcessLockHolderKilled: the process fetching the token is
// killed (SIGKILL) mid-fetch; the others get a token once its lock
// expires, with at most 2 /api/auth calls in all.
func TestCrossProcessLockHolderKilled(t *testing.T) {
	const ttl = 3 * time.Second
	f := newFleet(t, redisAddr(t), 4, ttl)
	f.auth.hold.Store(true)
	for _, p := range f.procs {
		p.send(t, "run 100 1")
	}
	select {
	case <-f.auth.arrived:
	case <-time.After(60 * time.Second):
		t.Fatal("no /api/auth arrived")
	}
	f.auth.hold.Store(false) // the next fetch goes through
	var holder string
	require.Eventually(t, func() bool {
		holder, _ = f.store.LockHolder(context.Background())
		return holder != ""
	}, 10*time.Second, 5*time.Millisecond)
	parts := strings.Split(holder, "/")
	require.Len(t, parts, 3, "lock value host/pid/random")
	pid, _ := strconv.Atoi(parts[1])
	var victim *proc
	var rest []*proc
	for _, p := range f.procs {
		if p.pid == pid {
			victim = p
		} else {
			rest = append(rest, p)
		}
	}
	require.NotNil(t, victim, "the lock holder is one of the fleet (%s)", holder)
	killed := time.Now()
	require.NoError(t, victim.cmd.Process.Kill()) // SIGKILL: no unlock, no cleanup
	_, _ = victim.cmd.Process.Wait()
	for _, p := range rest {
		line := p.expect(t, "done", 120*time.Second)
		assert.Contains(t, line, " err=0 ", "process %d: %s", p.pid, line)
	}
	took := time.Since(killed)
	assert.LessOrEqual(t, f.auth.n.Load(), int32(2), "/api/auth calls in all")
	assert.Less(t, took, ttl+15*time.Second, "the others got a token soon after the lock expired")
	t.Logf("lock holder killed: the other 3 processes done %s after the kill (lock TTL %s); %d /api/auth in all",
		took.Round(time.Millisecond), ttl, f.auth.n.Load())
	f.procs = rest
}

// TestCrossProcessRevocation: tokens revoked on the simulator while 4
// processes run: the fleet refreshes with a few /api/auth calls per
// revocation, never one per request.
func TestCrossProcessRevocation(t *testing.T) {
	f := newFleet(t, redisAddr(t), 4, 15*time.Second)
	f.run(10, 1, nil)
	require.EqualValues(t, 1, f.auth.n.Load())
	const rounds = 3
	var per []int32
	for range rounds {
		before := f.auth.n.Load()
		served := f.sim.Requests("GET /api/tenant/detail")
		f.run(100, 20, func() {
			// Revoke mid-run: once the fleet has made 1,000 of its 8,000 calls.
			require.Eventually(t, func() bool { return f.sim.Requests("GET /api/tenant/detail") >= served+1000 },
				60*time.Second, time.Millisecond)
			f.sim.RevokeTokens()
		})
		per = append(per, f.auth.n.Load()-before)
	}
	for i, n := range per {
		assert.LessOrEqual(t, n, int32(4), "revocation %d: /api/auth calls", i+1)
	}
	t.Logf("revocations while 4 processes x 100 goroutines x 20 calls run: /api/auth calls per revocation %v (8,000 calls each, revoked after 1,000)", per)
}

// TestCrossProcessRedisOutage: Redis stopped mid-run: calls keep
// succeeding (each process fetches its own token when it must); Redis back:
// the processes use one shared token again.
func TestCrossProcessRedisOutage(t *testing.T) {
	addr, start, stop := ownRedis(t)
	f := newFleet(t, addr, 4, 15*time.Second)
	f.run(50, 2, nil)
	require.EqualValues(t, 1, f.auth.n.Load())

	stop()
	f.run(50, 2, nil) // the token in memory serves
	f.sim.RevokeTokens()
	f.run(50, 2, nil) // each process must fetch one of its own
	during := f.auth.n.Load() - 1
	assert.LessOrEqual(t, during, int32(4*2), "/api/auth while Redis is down")
	for _, p := range f.procs {
		assert.Contains(t, p.stderr.String(), "the token store failed", "process %d warned", p.pid)
	}

	start() // empty: no persistence
	var fps []string
	require.Eventually(t, func() bool {
		fps = f.tokens()
		fp, _ := f.storedToken()
		for _, got := range fps {
			if got != fp {
				return false
			}
		}
		return fp != ""
	}, 60*time.Second, 200*time.Millisecond, "the processes share one token again")
	before := f.auth.n.Load()
	f.sim.RevokeTokens()
	f.run(50, 2, nil)
	assert.LessOrEqual(t, f.auth.n.Load()-before, int32(2), "after Redis came back, one fetch serves the fleet again")
	_, tok := f.storedToken()
	for _, p := range f.procs {
		assert.NotContains(t, p.stderr.String(), tok)
	}
	t.Logf("Redis outage: %d /api/auth while down (4 processes, one revocation), %d after it came back and a revocation",
		during, f.auth.n.Load()-before)
}
