package callsync_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/callsync"
	"github.com/omicall-go/omicall/omicalltest"
)

// simulator starts an in-memory OMICall holding n calls of the day before
// end, and returns a client of it, the server, and a function that stops
// it.
func simulator(n int, end time.Time) (*omicall.Client, *omicalltest.Server, func()) {
	srv := omicalltest.NewServer(omicalltest.WithHistory(n, 24*time.Hour, end))
	url, stop := srv.Start()
	c, err := omicall.NewClient(srv.APIKey(), omicall.WithBaseURL(url))
	if err != nil {
		panic(err)
	}
	return c, srv, stop
}

// tempDSN is a SQLite file in a new temporary directory.
func tempDSN() (string, func()) {
	dir, err := os.MkdirTemp("", "callsync-example-")
	if err != nil {
		panic(err)
	}
	return "sqlite:" + filepath.Join(dir, "calls.db"), func() { _ = os.RemoveAll(dir) }
}

// Open a store, make a Syncer, and serve its webhook handler: every call
// hook lands in omicall_calls, answered 200 only once it is stored.
func ExampleSyncer_Handler() {
	ctx := context.Background()
	client, srv, stop := simulator(0, time.Now())
	defer stop()
	dsn, cleanup := tempDSN()
	defer cleanup()

	store, err := callsync.Open(ctx, dsn) // or "postgres://user:pass@host/db"
	if err != nil {
		panic(err)
	}
	defer store.Close()
	syncer, err := callsync.New(client, store)
	if err != nil {
		panic(err)
	}
	hooks := httptest.NewServer(syncer.Handler(omicall.WithWebhookSecret("s3cret")))
	defer hooks.Close()
	if _, err := client.Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: hooks.URL + "?secret=s3cret"}); err != nil {
		panic(err)
	}

	ext, hotline := srv.DemoCaller()
	id, _ := srv.PlaceCall(omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: "0900000001"})
	srv.WaitCalls()
	call, _ := store.Get(ctx, id)
	fmt.Println(call.State, call.Source, call.CustomerNumber)
	// Output: cdr hook 0900000001
}

// Backfill the call history of a range; run it again after a crash and it
// goes on from its cursor.
func ExampleSyncer_Backfill() {
	ctx := context.Background()
	end := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	client, _, stop := simulator(240, end)
	defer stop()
	dsn, cleanup := tempDSN()
	defer cleanup()
	store, _ := callsync.Open(ctx, dsn)
	defer store.Close()
	syncer, _ := callsync.New(client, store, callsync.WithProgress(func(r callsync.Report) {
		// e.g. drive a progress bar with r.WindowsDone of r.Windows, r.Rate()
	}))

	rep, err := syncer.Backfill(ctx, end.Add(-24*time.Hour), end)
	if err != nil {
		panic(err)
	}
	st, _ := store.Status(ctx)
	fmt.Println(rep.Written, "written;", st.Calls, "calls stored; backfill done:", st.Backfill.Done)
	// Output: 240 written; 240 calls stored; backfill done: true
}

// Run reconciles the recent history on a schedule, filling what the
// webhook missed, until its context ends.
func ExampleSyncer_Run() {
	ctx, cancel := context.WithCancel(context.Background())
	client, _, stop := simulator(30, time.Now()) // 30 calls whose hooks never came
	defer stop()
	dsn, cleanup := tempDSN()
	defer cleanup()
	store, _ := callsync.Open(ctx, dsn)
	defer store.Close()
	syncer, _ := callsync.New(client, store,
		callsync.WithReconcile(25*time.Hour, 10*time.Minute), // re-read the last day (and an hour) every 10 minutes
		callsync.WithObserver(&callsync.Observer{Reconcile: func(_ context.Context, r callsync.Report, err error) {
			fmt.Println("filled", r.Filled, "calls; error:", err)
			cancel() // one turn is enough here
		}}))

	if err := syncer.Run(ctx); err != nil {
		panic(err)
	}
	// Output: filled 30 calls; error: <nil>
}

// The five lines of the README's setup: a store, a Syncer, its webhook on
// your mux, the periodic reconcile and a backfill of three months. (Not
// run: it would listen and write calls.db.)
func Example_setup() {
	ctx := context.Background()
	client, err := omicall.NewClient(os.Getenv("OMICALL_API_KEY"))
	if err != nil {
		panic(err)
	}
	store, err := callsync.Open(ctx, "sqlite:calls.db") // or "postgres://user:pass@host/db" for several replicas
	syncer, err := callsync.New(client, store)
	http.Handle("/omicall/hook", syncer.Handler(omicall.WithWebhookSecret(os.Getenv("OMICALL_WEBHOOK_SECRET"))))
	go syncer.Run(ctx)                                                      // re-read the last 2 hours every 10 minutes
	_, err = syncer.Backfill(ctx, time.Now().AddDate(0, -3, 0), time.Now()) // resumable after a crash
	if err != nil {
		panic(err)
	}
	panic(http.ListenAndServe(":8080", nil))
}
