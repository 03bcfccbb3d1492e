package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/omicall-go/omicall/omicalltest"
)

// The tests build the binary once and drive it as a user would.

var (
	binary string
	update = flag.Bool("update", false, "rewrite the golden files under testdata/")
)

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "omicall-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "omicall")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building omicall: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one finished run of the binary.
type result struct {
	stdout, stderr string
	code           int
}

// cleanEnv is the environment without the variables the CLI reads.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OMICALL_") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// runCLI runs the binary with env (KEY=value entries added to a clean
// environment) and args.
func runCLI(t *testing.T, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = cleanEnv(env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running omicall %v: %v", args, err)
	}
	return result{out.String(), errb.String(), code}
}

// sim starts an in-process simulator for one test and returns it with the
// environment that points the CLI at it.
func sim(t *testing.T, opts ...omicalltest.Option) (*omicalltest.Server, []string) {
	t.Helper()
	srv := omicalltest.NewServer(opts...)
	url, stop := srv.Start()
	t.Cleanup(stop)
	return srv, []string{"OMICALL_BASE_URL=" + url, "OMICALL_API_KEY=" + srv.APIKey()}
}

// fixedEnd is the end of the seeded history in tests with golden output.
var fixedEnd = time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC)

func goldenSim(t *testing.T) []string {
	_, env := sim(t, omicalltest.WithSeed(7), omicalltest.WithHistory(300, 30*24*time.Hour, fixedEnd))
	return env
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/omicall -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// proc is a long-running omicall (sim, listen, export) whose output lines
// are read as they come.
type proc struct {
	cmd    *exec.Cmd
	lines  chan string // stdout
	errs   chan string // stderr
	waited chan error
}

func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = cleanEnv(env...)
	so, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	se, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, lines: make(chan string, 1000), errs: make(chan string, 1000), waited: make(chan error, 1)}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pump := func(r io.Reader, ch chan string) {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
		close(ch)
	}
	go pump(so, p.lines)
	go pump(se, p.errs)
	go func() { p.waited <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-p.waited
	})
	return p
}

// expect reads lines of ch until one contains want, and returns it.
func expect(t *testing.T, ch <-chan string, want string) string {
	t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case l, ok := <-ch:
			if !ok {
				t.Fatalf("output ended before a line with %q", want)
			}
			if strings.Contains(l, want) {
				return l
			}
		case <-timeout:
			t.Fatalf("no line with %q within 30s", want)
		}
	}
}

// stop sends sig and returns the exit code.
func (p *proc) stop(t *testing.T, sig os.Signal) int {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.waited:
	case <-time.After(30 * time.Second):
		t.Fatal("the process did not stop within 30s")
	}
	p.waited <- nil // for the cleanup
	return p.cmd.ProcessState.ExitCode()
}
