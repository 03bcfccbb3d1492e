// Command replicas runs a small fleet in one program: three API clients and
// three webhook receivers sharing one Redis, against the in-process OMICall
// simulator. The clients share one access token (redisstore.TokenStore:
// one /api/auth call for the fleet) and the receivers one dedup memory
// (redisstore.DedupStore: each call event runs the callback once, whichever
// receiver its copies reach). It prints how many /api/auth calls and
// callback runs happened.
//
//	go run ./examples/replicas                         # an in-process miniredis
//	go run ./examples/replicas -redis 127.0.0.1:6379   # a real Redis (or OMICALL_REDIS_ADDR)
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/omicall-go/omicall"
	"github.com/omicall-go/omicall/omicalltest"
	"github.com/omicall-go/omicall/redisstore"
)

func main() {
	addr := flag.String("redis", os.Getenv("OMICALL_REDIS_ADDR"), "Redis address (default: $OMICALL_REDIS_ADDR, else an in-process miniredis)")
	calls := flag.Int("calls", 3, "click-to-calls to place (each makes 6 call events: create, early, ringing, answered, hangup, cdr)")
	flag.Parse()
	if *addr == "" {
		mr, err := miniredis.Run()
		if err != nil {
			fmt.Fprintln(os.Stderr, "replicas:", err)
			os.Exit(1)
		}
		defer mr.Close()
		*addr = mr.Addr()
		fmt.Printf("replicas: no -redis or OMICALL_REDIS_ADDR given: using an in-process miniredis at %s\n", *addr)
	} else {
		fmt.Printf("replicas: using Redis at %s\n", *addr)
	}
	rep, err := run(*addr, *calls, os.Stdout)
	if err == nil {
		err = rep.check()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "replicas:", err)
		os.Exit(1)
	}
}

// report is what the fleet did.
type report struct {
	authCalls  int // GET /api/auth calls, for the three clients
	apiCalls   int // the clients' other calls
	events     int // distinct call events
	deliveries int // copies delivered to the receivers
	redelivery int // copies answered 503 (running on another receiver) and delivered again
	runs       int // callback runs
}

func (r report) check() error {
	if r.authCalls != 1 || r.runs != r.events || r.events == 0 {
		return fmt.Errorf("want 1 /api/auth call and one callback run per event, got %+v", r)
	}
	return nil
}

// run starts the simulator, three receivers behind a load balancer that
// delivers every hook to each of them, and three clients, then places
// calls and waits for their records.
func run(redisAddr string, calls int, out io.Writer) (report, error) {
	var rep report
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rdb := redis.NewClient(&redis.Options{Addr: redisAddr})
	defer rdb.Close()
	if err := rdb.Ping(ctx).Err(); err != nil {
		return rep, fmt.Errorf("redis at %s: %w", redisAddr, err)
	}
	prefix := "omicall-replicas-" + randomHex(4) // a cold store on every run

	sim := omicalltest.NewServer()
	apiURL, stopSim := sim.Start()
	defer stopSim()

	// Three receivers sharing the dedup memory.
	var mu sync.Mutex
	runs := map[string]int{} // call id + state -> callback runs
	cdrs := make(chan string, 64)
	dedup := redisstore.NewDedupStore(rdb, redisstore.WithPrefix(prefix))
	var receivers []string
	for i := range 3 {
		h := omicall.NewWebhookHandler(func(_ context.Context, ev *omicall.CallEvent) error {
			mu.Lock()
			runs[ev.CallID+" "+string(ev.State)]++
			mu.Unlock()
			if ev.State == omicall.StateCDR {
				cdrs <- ev.CallID
			}
			return nil
		}, omicall.WithDedupStore(dedup, 10*time.Minute))
		u, stop, err := serve(h)
		if err != nil {
			return rep, err
		}
		defer stop()
		receivers = append(receivers, u)
		fmt.Fprintf(out, "receiver %d on %s\n", i+1, u)
	}

	// The load balancer: OMICall's copy goes to every receiver at once,
	// as if it had been delivered three times to three replicas.
	var deliveries, redeliveries atomic.Int32
	lb, stopLB, err := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, omicall.DefaultMaxWebhookBody))
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		var wg sync.WaitGroup
		for _, u := range receivers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				deliverUntilAnswered(r.Context(), u, body, &deliveries, &redeliveries)
			}()
		}
		wg.Wait()
	}))
	if err != nil {
		return rep, err
	}
	defer stopLB()

	// Three clients sharing the token.
	var clients []*omicall.Client
	for range 3 {
		c, err := omicall.NewClient(sim.APIKey(), omicall.WithBaseURL(apiURL),
			omicall.WithTokenStore(redisstore.NewTokenStore(rdb, "demo-tenant", redisstore.WithPrefix(prefix))))
		if err != nil {
			return rep, err
		}
		clients = append(clients, c)
	}
	var apiCalls atomic.Int32
	var wg sync.WaitGroup
	errs := make(chan error, 3*20)
	for _, c := range clients { // the three start at once, on a cold store
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := c.Tenant.Get(ctx); err != nil {
					errs <- err
				}
				apiCalls.Add(1)
			}()
		}
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return rep, err
	}
	if _, err := clients[0].Webhooks.Register(ctx, &omicall.RegisterWebhookRequest{Type: omicall.WebhookTypeCall, URL: lb + "/omicall/events"}); err != nil {
		return rep, err
	}
	ext, hotline := sim.DemoCaller()
	want := map[string]bool{}
	for i := range calls {
		id, err := clients[i%3].Calls.ClickToCall(ctx, &omicall.ClickToCallRequest{Extension: ext, Hotline: hotline, PhoneNumber: fmt.Sprintf("090123456%d", i%10)})
		if err != nil {
			return rep, err
		}
		apiCalls.Add(1)
		want[id] = true
	}
	for len(want) > 0 {
		select {
		case id := <-cdrs:
			delete(want, id)
		case <-ctx.Done():
			return rep, errors.New("the calls' records did not all arrive")
		}
	}
	sim.WaitCalls()

	mu.Lock()
	rep.events = len(runs)
	for _, n := range runs {
		rep.runs += n
	}
	mu.Unlock()
	rep.authCalls = sim.Requests("GET /api/auth")
	rep.apiCalls = int(apiCalls.Load())
	rep.deliveries, rep.redelivery = int(deliveries.Load()), int(redeliveries.Load())
	fmt.Fprintf(out, "/api/auth calls: %d (3 clients, %d API calls, one shared token)\n", rep.authCalls, rep.apiCalls)
	fmt.Fprintf(out, "call events: %d, delivered %d times over 3 receivers (%d answered 503 while another receiver ran the event, then delivered again)\n",
		rep.events, rep.deliveries, rep.redelivery)
	fmt.Fprintf(out, "callback runs: %d (one per event)\n", rep.runs)
	return rep, nil
}

// deliverUntilAnswered posts body to u as OMICall would, delivering it
// again while it is answered 503 (the event runs on another receiver).
func deliverUntilAnswered(ctx context.Context, u string, body []byte, deliveries, redeliveries *atomic.Int32) {
	for attempt := 0; attempt < 50; attempt++ {
		deliveries.Add(1)
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, u+"/omicall/events", bytes.NewReader(body))
		if err != nil {
			return
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return
		}
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			return
		}
		redeliveries.Add(1)
		select { // OMICall's own delay between attempts is longer
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			return
		}
	}
}

// serve serves h on a loopback port and returns its base URL.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
