package cmdsync

import (
	"bufio"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
)

// TestSync runs `omicall sync` as the CLI would: a backfill with a
// progress bar, the webhook on a loopback port, a reconcile, then the
// context ends (SIGINT) and Sync returns nil; `omicall sync status`
// reports what is stored.
func TestSync(t *testing.T) {
	end := time.Now()
	c, srv := omicalltest.NewClient(t, omicalltest.WithHistory(300, 24*time.Hour, end))
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "calls.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	var done sync.WaitGroup
	var syncErr error
	done.Go(func() {
		syncErr = Sync(ctx, c, Options{DB: dsn, From: end.Add(-25 * time.Hour), Listen: "127.0.0.1:0", Secret: "s3cret",
			ReconcileEvery: time.Hour, Out: pw})
		_ = pw.Close()
	})
	var out strings.Builder
	sc := bufio.NewScanner(pr)
	sc.Split(scanLinesAndCR)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if m := regexp.MustCompile(`listening on (http://\S+)`).FindStringSubmatch(line); m != nil {
			if _, err := c.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: m[1] + "?secret=s3cret"}); err != nil {
				t.Fatal(err)
			}
		}
		if strings.Contains(line, "callsync: reconciled") { // Run's first turn: the webhook is up too
			ext, hotline := srv.DemoCaller()
			if _, err := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0900000001"}); err != nil {
				t.Fatal(err)
			}
			srv.WaitCalls()
			cancel()
		}
	}
	done.Wait()
	if syncErr != nil {
		t.Fatalf("Sync: %v\n%s", syncErr, out.String())
	}
	for _, want := range []string{"backfill [####################] ", "300 written", ", done"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q:\n%s", want, out.String())
		}
	}
	var status strings.Builder
	if err := Status(context.Background(), dsn, &status); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(status.String(), "calls:          301 (301 final") || !strings.Contains(status.String(), "1 from hooks") {
		t.Errorf("status:\n%s", status.String())
	}
	t.Logf("output:\n%s\nstatus:\n%s", out.String(), status.String())
}

// scanLinesAndCR splits at \n and at the \r a progress bar redraws with.
func scanLinesAndCR(data []byte, atEOF bool) (int, []byte, error) {
	for i, b := range data {
		if b == '\n' || b == '\r' {
			return i + 1, data[:i], nil
		}
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func TestSyncRefusesOptions(t *testing.T) {
	c, _ := omicalltest.NewClient(t)
	for _, o := range []Options{{}, {DB: "sqlite:x.db"}, {DB: "sqlite:x.db", Listen: ":0"},
		{DB: "sqlite:x.db", From: time.Now(), To: time.Now().Add(-time.Hour)}} {
		if err := Sync(context.Background(), c, o); err == nil {
			t.Errorf("Sync(%+v) ran", o)
		}
	}
	err := Status(context.Background(), "postgres://u:hunter2pw@127.0.0.1:1/x?connect_timeout=1", io.Discard)
	if err == nil || strings.Contains(err.Error(), "hunter2pw") {
		t.Errorf("Status: %v", err)
	}
}
